// `npm start`: the exchange in one process, stopped cleanly by Ctrl-C (SIGINT) or SIGTERM.
import { ConfigError, loadConfig } from "./config.ts";
import { startExchange } from "./exchange.ts";
import type { DemoAccount } from "./demo/accounts.ts";
import { createLogger } from "./log.ts";

const logger = createLogger();
const log = (message: string) => logger.info(message);

try {
  const config = loadConfig();
  const exchange = await startExchange(config, logger);
  if (exchange.demoAccounts) printDemoAccounts(exchange.demoAccounts, exchange.rpcUrl);
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
  logger.fatal(`Could not start: ${error instanceof ConfigError ? error.message : (error as Error).message}`);
  process.exit(1);
}

function printDemoAccounts(accounts: DemoAccount[], rpcUrl: string) {
  const lines = [
    "",
    "Demo accounts — import a private key into your wallet (MetaMask: Add account › Import account).",
    `Network: RPC ${rpcUrl}, chain id 31337, currency ETH. These keys are public: never use them elsewhere.`,
    "",
    ...accounts.map(
      (a) => `  ${a.persona.padEnd(26)} ${a.name}\n  ${"".padEnd(26)} ${a.address}  ${a.privateKey}`,
    ),
    "",
  ];
  console.log(lines.join("\n"));
}
