// Anvil (Foundry's node, from the npm package @foundry-rs/anvil, whose binary ships in the registry
// package @foundry-rs/anvil-linux-amd64): a second EVM node, written independently of Hardhat's EDR,
// so that the server is tested against more than the node it was developed on. It listens on a port
// the OS picks; its accounts come from the same development mnemonic as Hardhat's.
import { spawn, type ChildProcess } from "node:child_process";
import { createRequire } from "node:module";
import path from "node:path";

export interface AnvilNode {
  url: string;
  child: ChildProcess;
  /** SIGTERM, and its exit. */
  close(): Promise<void>;
}

const require = createRequire(import.meta.url);

/**
 * The anvil binary itself, from the platform package (not the package's `bin` wrapper): a kill -9
 * must reach the node, not a Node.js process in front of it.
 */
export function anvilBinary(): string {
  const arch = process.arch === "x64" ? "amd64" : process.arch;
  const platformPackage = `@foundry-rs/anvil-${process.platform}-${arch}`;
  return path.join(path.dirname(require.resolve(`${platformPackage}/package.json`)), "bin", "anvil");
}

export function startAnvil(extraArgs: string[] = []): Promise<AnvilNode> {
  const child = spawn(anvilBinary(), ["--host", "127.0.0.1", "--port", "0", ...extraArgs], {
    stdio: ["ignore", "pipe", "pipe"],
  });
  let output = "";
  return new Promise((resolve, reject) => {
    const onData = (chunk: Buffer) => {
      output += chunk;
      const listening = /Listening on (\S+:\d+)/.exec(output);
      if (!listening) return;
      child.stdout!.off("data", onData);
      // keep draining its output, or a full pipe would stall the node
      child.stdout!.resume();
      resolve({
        url: `http://${listening[1]}`,
        child,
        close: () =>
          new Promise<void>((done) => {
            if (child.exitCode !== null || child.signalCode !== null) return done();
            child.once("exit", () => done());
            child.kill("SIGTERM");
          }),
      });
    };
    child.stdout!.on("data", onData);
    child.stderr!.on("data", (chunk: Buffer) => (output += chunk));
    child.once("exit", (code) => reject(new Error(`anvil exited (${code}) before it listened:\n${output}`)));
  });
}
