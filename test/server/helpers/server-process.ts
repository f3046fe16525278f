// `npm start` as its own process (server/src/index.ts), for the tests that run the exchange the way
// a user or an operator does: started with an environment, ready when it prints its URL, stopped
// with Ctrl-C (SIGINT).
import { spawn, type ChildProcess } from "node:child_process";

export interface ServerProcess {
  child: ChildProcess;
  url: string;
  /** Everything it printed so far, stdout and stderr. */
  output: () => string;
}

/** Starts the server with `env` over this process's environment (PORT 0, LOG_LEVEL warn). */
export function startServer(env: Record<string, string>): Promise<ServerProcess> {
  const child = spawn(process.execPath, ["server/src/index.ts"], {
    env: { ...process.env, PORT: "0", LOG_LEVEL: "warn", ...env },
    stdio: ["ignore", "pipe", "pipe"],
  });
  let output = "";
  return new Promise((resolve, reject) => {
    const onData = (chunk: Buffer) => {
      output += chunk;
      const ready = /Ready: (http:\/\/\S+)/.exec(output);
      if (ready) resolve({ child, url: ready[1], output: () => output });
    };
    child.stdout!.on("data", onData);
    child.stderr!.on("data", onData);
    child.once("exit", (code) => reject(new Error(`exited ${code} before it was ready:\n${output}`)));
  });
}

/** Ctrl-C, and its exit code; fails if it takes more than 20 s. Resolves at once if it has exited. */
export function stopServer(server: ServerProcess | undefined): Promise<number | null> {
  return new Promise((resolve, reject) => {
    // a process killed by a signal has no exit code but a signal code
    if (!server || server.child.exitCode !== null || server.child.signalCode !== null)
      return resolve(server?.child.exitCode ?? null);
    const timer = setTimeout(() => reject(new Error("did not stop within 20 s of SIGINT")), 20_000);
    server.child.once("exit", (code) => {
      clearTimeout(timer);
      resolve(code);
    });
    server.child.kill("SIGINT");
  });
}
