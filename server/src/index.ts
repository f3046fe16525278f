// `npm start`: the exchange in one process, stopped cleanly by Ctrl-C (SIGINT) or SIGTERM.
import { ConfigError, loadConfig } from "./config.ts";
import { startExchange } from "./exchange.ts";

const log = (message: string) => console.log(`[techex] ${message}`);

try {
  const config = loadConfig();
  const exchange = await startExchange(config, log);
  log(`Ready: ${exchange.url}  (chain RPC ${exchange.rpcUrl})`);
  let stopping = false;
  const stop = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    log(`${signal} received, stopping…`);
    await exchange.close();
    log("Stopped.");
    process.exit(0);
  };
  process.on("SIGINT", () => void stop("SIGINT"));
  process.on("SIGTERM", () => void stop("SIGTERM"));
} catch (error) {
  console.error(
    `[techex] Could not start: ${error instanceof ConfigError ? error.message : (error as Error).message}`,
  );
  process.exit(1);
}
