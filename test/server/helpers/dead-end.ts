// An address where no node answers, for tests of "the chain is unreachable". A fixed port such as
// 8545 may well have a developer's own `npm start` on it; this one is held by the test itself for as
// long as it needs it, and every connection to it is reset before a byte is read — so nothing else
// can take the port meanwhile and every request to it fails.
import net from "node:net";
import type { AddressInfo } from "node:net";

export interface DeadEnd {
  /** an http:// URL on 127.0.0.1 that refuses every request */
  url: string;
  close(): Promise<void>;
}

export async function openDeadEnd(): Promise<DeadEnd> {
  const sockets = new Set<net.Socket>();
  const server = net.createServer((socket) => {
    sockets.add(socket);
    socket.on("close", () => sockets.delete(socket));
    socket.resetAndDestroy();
  });
  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(0, "127.0.0.1", resolve);
  });
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    close: () =>
      new Promise<void>((resolve) => {
        for (const socket of sockets) socket.destroy();
        server.close(() => resolve());
      }),
  };
}
