// The embedded database on a worker thread. PGlite is PostgreSQL compiled to WASM: every query runs
// on the thread that holds it. On the main thread it shares one event loop with the API, the
// indexer and the embedded chain, and under load it is the largest of them (a quarter of the CPU in
// a `bench:load` profile), so every request waits behind the indexer's writes. The app reaches
// PGlite through its socket server anyway, so the pair moves to a worker unchanged and the app
// keeps connecting to 127.0.0.1 as before; the worker gets a core of its own.
import { isMainThread, parentPort, Worker, workerData } from "node:worker_threads";
import { startEmbeddedServer, type EmbeddedServer, type EmbeddedServerOptions } from "./embedded.ts";

type FromWorker = { url: string } | { error: string };
const WORKER_FLAG = "techexEmbeddedDatabase";

export async function startEmbeddedServerInWorker(
  options: EmbeddedServerOptions = {},
): Promise<EmbeddedServer> {
  const worker = new Worker(new URL(import.meta.url), {
    workerData: { [WORKER_FLAG]: options },
    // the worker inherits the process's Node flags, but `--input-type` (of a `node -e` parent) is
    // refused for a file
    execArgv: process.execArgv.filter((flag) => !flag.startsWith("--input-type")),
  });
  const started = await new Promise<FromWorker>((resolve, reject) => {
    worker.once("message", resolve);
    worker.once("error", reject);
    worker.once("exit", (code) => reject(new Error(`the embedded database's worker exited (${code})`)));
  });
  if ("error" in started) {
    await worker.terminate();
    throw new Error(started.error);
  }
  worker.removeAllListeners("exit");
  let stopped: Promise<void> | undefined;
  return {
    url: started.url,
    dataDir: options.dataDir,
    stop() {
      stopped ??= new Promise<void>((resolve) => {
        worker.once("exit", () => resolve());
        worker.postMessage("stop");
      });
      return stopped;
    },
  };
}

if (!isMainThread && workerData?.[WORKER_FLAG]) {
  const port = parentPort!;
  try {
    const server = await startEmbeddedServer(workerData[WORKER_FLAG] as EmbeddedServerOptions);
    port.on("message", (message) => {
      if (message === "stop") void server.stop().finally(() => process.exit(0));
    });
    port.postMessage({ url: server.url } satisfies FromWorker);
  } catch (error) {
    port.postMessage({ error: (error as Error).message } satisfies FromWorker);
  }
}
