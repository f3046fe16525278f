// Starts the whole exchange in one process: the chain (embedded unless RPC_URL is set), the
// database (embedded unless DATABASE_URL is set), and the HTTP server. `npm start` and the
// end-to-end tests both go through here, so what the tests see is what a user runs.
import { existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { rm } from "node:fs/promises";
import type { Server } from "node:http";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { JsonRpcProvider } from "ethers";
import pg from "pg";
import { createApp, type ChainBatch } from "./app.ts";
import { createLogger, type Logger } from "./log.ts";
import { poolConfigFor } from "./db/adapter.ts";
import { BatchChannel } from "./db/batch-channel.ts";
import { Indexer } from "./indexer/indexer.ts";
import { startPersistentChain, type PersistentChain } from "./chain/persistent.ts";
import type { Config } from "./config.ts";
import { openDatabase, type Database } from "./db/client.ts";
import { deployments, type DeploymentRecord } from "../../generated/techex.ts";
import type { DeploymentParameters } from "@nomicfoundation/ignition-core";
import { demoAccounts, demoWallet, type DemoAccount } from "./demo/accounts.ts";
import { roleAccounts } from "./demo/data.ts";

const DAY_MS = 86_400_000;

export interface RunningExchange {
  url: string;
  rpcUrl: string;
  /** The demo's wallets by persona, when this exchange runs the demo. */
  demoAccounts?: DemoAccount[];
  close(): Promise<void>;
}

export type Progress = (message: string) => void;

/**
 * Starts the exchange. With a `logger` its start-up progress is logged (at info, whatever LOG_LEVEL
 * says: it is the console's account of what the start is doing) and requests at LOG_LEVEL; without
 * one the start is silent and requests are logged to stdout at LOG_LEVEL.
 */
export async function startExchange(config: Config, logger?: Logger): Promise<RunningExchange> {
  const progress: Progress = logger ? (message) => logger.info(message) : () => {};
  const requestLogger = logger
    ? logger.child({}, { level: config.logLevel })
    : createLogger({ level: config.logLevel });
  const closers: Array<() => Promise<void>> = [];
  const close = async () => {
    for (const closeNext of closers.reverse()) await closeNext().catch(() => {});
  };
  try {
    let chain: PersistentChain | undefined;
    // The demo marker is written once the demo's transactions are on the chain (and journaled).
    const demoMarker = path.join(config.dataDir, "chain", "demo.json");
    if (!config.rpcUrl) {
      progress(`Starting the embedded chain on ${config.chainHost}:${config.chainPort}…`);
      const now = Date.now();
      const { GENESIS_DAYS_AGO, seedDemoChain } = await import("./demo/seed-chain.ts");
      chain = await startPersistentChain({
        host: config.chainHost,
        port: config.chainPort,
        dir: path.join(config.dataDir, "chain"),
        progress,
        genesisTime: config.demoData ? new Date(now - GENESIS_DAYS_AGO * DAY_MS) : undefined,
        afterDeploy: config.demoData
          ? async (embedded, deployment) => {
              progress("Seeding the demo exchange: organisations, technologies and a year of deals…");
              const { transactions } = await seedDemoChain({
                ethers: embedded.connection.ethers,
                addresses: deployment.addresses,
                publicUrl: config.publicUrl ?? `http://localhost:${config.port || 3000}`,
                now: Math.floor(now / 1000),
                progress,
              });
              writeFileSync(
                demoMarker,
                `${JSON.stringify({ seededAt: new Date().toISOString(), transactions })}\n`,
              );
            }
          : undefined,
      });
      closers.push(() => chain!.close());
      if (chain.fresh && !config.demoData) await rm(demoMarker, { force: true });
      if (chain.fresh && !config.databaseUrl) {
        // A new chain: an embedded index kept from an earlier chain would describe blocks that no
        // longer exist, so the embedded database starts afresh with it. (PostgreSQL's index is
        // rolled back by the indexer, which finds its checkpoint gone from the chain.)
        await rm(path.join(config.dataDir, "db"), { recursive: true, force: true });
      }
    }
    const demo = Boolean(chain) && existsSync(demoMarker);
    const rpcUrl = config.rpcUrl ?? chain!.url;
    const provider = new JsonRpcProvider(rpcUrl, undefined, { staticNetwork: true });
    closers.push(async () => provider.destroy());
    const network = await provider.getNetwork();
    progress(`Chain ${network.chainId} reachable at ${rpcUrl}.`);

    const deployment =
      chain?.deployment ??
      recordedDeployment(config.deploymentsDir, network.chainId) ??
      deployments[network.chainId.toString()] ??
      (config.deploy ? await deployToExternal(config, network.chainId, progress) : undefined);
    if (!deployment) {
      throw new Error(
        `No TechEx deployment is known for chain ${network.chainId}. Deploy first with ` +
          `\`npm run deploy -- --network external\` (it writes deployments/${network.chainId}.json), ` +
          "or set DEPLOYER_KEY (and DEPLOY_PARAMETERS) to deploy on this start.",
      );
    }
    progress(
      `Contracts: exchange ${deployment.addresses.exchange}, deployed from block ${deployment.deployBlock}.`,
    );

    progress(
      config.databaseUrl
        ? "Connecting to PostgreSQL and applying migrations…"
        : "Starting the embedded database and applying migrations…",
    );
    const database: Database = await openDatabase({
      databaseUrl: config.databaseUrl,
      dataDir: path.join(config.dataDir, "db"),
    });
    closers.push(() => database.close());

    const indexer = new Indexer({
      provider,
      prisma: database.prisma,
      chainId: Number(network.chainId),
      addresses: {
        membership: deployment.addresses.membership,
        assetRegistry: deployment.addresses.registry,
        licenceRegistry: deployment.addresses.licences,
        exchange: deployment.addresses.exchange,
        settlementToken: deployment.addresses.token,
      },
      fromBlock: deployment.deployBlock,
      confirmations: config.confirmations,
      // With PostgreSQL several servers may share the database; an advisory lock lets one write.
      databaseUrl: database.kind === "postgres" ? database.url : undefined,
      log: (message) => progress(message),
    });
    indexer.onError((error) => progress(`The indexer stopped: ${error.message}`));
    // With PostgreSQL other instances may hold the writer lock: batches reach this one's live
    // clients through the database, whichever instance applied them.
    let onChainBatch = (listener: (batch: ChainBatch) => void) => indexer.onBatch(listener);
    if (database.kind === "postgres") {
      const channel = await BatchChannel.open(database.url, progress);
      closers.push(() => channel.close());
      indexer.onBatch((batch) => {
        channel.publish(batch).catch((error: Error) => progress(`Live updates: ${error.message}`));
      });
      onChainBatch = (listener) => channel.subscribe(listener);
    }
    progress("Indexing the chain…");
    await indexer
      .syncOnce()
      .catch((error: Error) => progress(`First indexing pass failed, retrying: ${error.message}`));
    indexer.start();
    closers.push(() => indexer.stop());

    // PostgreSQL: the hottest reads (listing detail, search) skip Prisma for a plain pool. PGlite's
    // socket serves one connection, which Prisma already holds.
    let readPool: pg.Pool | undefined;
    if (database.kind === "postgres") {
      readPool = new pg.Pool(poolConfigFor(database.url));
      readPool.on("error", (error) => progress(`Database read pool: ${error.message}`));
      const pool = readPool;
      closers.push(() => pool.end());
    }

    const app = createApp({
      logger: requestLogger,
      readPool,
      webDistDir: fileURLToPath(new URL("../../web/dist", import.meta.url)),
      provider,
      database: { kind: database.kind, ping: async () => void (await database.prisma.$queryRaw`select 1`) },
      deployment,
      prisma: database.prisma,
      documentsDir: config.documentsDir,
      publicUrl: config.publicUrl,
      publicRpcUrl: config.publicRpcUrl,
      auditors: demo
        ? [...config.auditors, demoWallet(roleAccounts.auditor).address.toLowerCase()]
        : config.auditors,
      indexerStatus: () => {
        const status = indexer.status();
        // Before its first poll the indexer knows neither: report it as not caught up.
        return {
          indexedBlock: status.indexedBlock ?? deployment.deployBlock - 1,
          headBlock: status.head ?? deployment.deployBlock,
        };
      },
      onChainBatch,
      limits:
        config.readyMaxLagBlocks === undefined ? undefined : { readyMaxLagBlocks: config.readyMaxLagBlocks },
    });
    const server = await listen(app, config.host, config.port);
    closers.push(() => new Promise<void>((resolve) => server.close(() => resolve())));
    server.closeIdleConnections?.();
    const address = server.address();
    const port = typeof address === "object" && address ? address.port : config.port;
    const url = `http://${config.host === "127.0.0.1" ? "localhost" : config.host}:${port}`;
    if (demo) {
      progress("Handing the demo's documents (profiles, metadata, agreement texts) to the exchange…");
      await indexer.syncOnce();
      const { seedDemoDocuments } = await import("./demo/seed-documents.ts");
      // the hand-over is a few hundred uploads through the API: their request lines would bury the
      // console, so they are held back and summed up in one line instead
      requestLogger.level = "warn";
      const stored = await seedDemoDocuments({
        apiUrl: `http://127.0.0.1:${port}`,
        prisma: database.prisma,
        documentsDir: config.documentsDir,
      }).finally(() => (requestLogger.level = config.logLevel));
      if (stored.profiles + stored.metadata + stored.agreements > 0)
        progress(
          `  stored ${stored.profiles} profiles, ${stored.metadata} metadata documents, ${stored.agreements} agreement texts`,
        );
    }
    return { url, rpcUrl, demoAccounts: demo ? demoAccounts() : undefined, close };
  } catch (error) {
    await close();
    throw error;
  }
}

function recordedDeployment(dir: string, chainId: bigint): DeploymentRecord | undefined {
  const file = path.join(dir, `${chainId}.json`);
  return existsSync(file) ? (JSON.parse(readFileSync(file, "utf8")) as DeploymentRecord) : undefined;
}

/** Production's first start: deploys with Ignition through the `external` network entry. */
async function deployToExternal(
  config: Config,
  chainId: bigint,
  progress: Progress,
): Promise<DeploymentRecord> {
  const parameters = config.deploy!.parametersFile
    ? (JSON.parse(readFileSync(config.deploy!.parametersFile, "utf8")) as DeploymentParameters)
    : undefined;
  const settlementToken = (parameters?.TechEx as { settlementToken?: string } | undefined)?.settlementToken;
  if (!config.deploy!.testToken && !settlementToken) {
    throw new Error(
      "DEPLOYER_KEY is set but no settlement token is named: set DEPLOY_PARAMETERS to a file with " +
        '{ "TechEx": { "settlementToken": "0x…" } }, or DEPLOY_TEST_TOKEN=true on a test network.',
    );
  }
  const techex = (parameters?.TechEx ?? {}) as Record<string, unknown>;
  const missing = ["ipOffice", "pauser", "treasury"].filter((name) => typeof techex[name] !== "string");
  if (missing.length > 0) {
    throw new Error(
      `DEPLOY_PARAMETERS must name the ${missing.join(", ")} address(es) under "TechEx": the deployer key ` +
        "is the only account the server holds, and it becomes the operator (admin).",
    );
  }
  progress(`No TechEx deployment is recorded for chain ${chainId}: deploying with Ignition…`);
  const { deploy } = await import("../../ignition/deploy.ts");
  const deployment = await deploy({
    network: "external",
    rpcUrl: config.rpcUrl,
    local: config.deploy!.testToken,
    parameters,
    deploymentId: `techex-${chainId}`,
    // nothing is recorded, so an Ignition journal under this id is from another chain or a deployment
    // that never finished: start over rather than trust it
    fresh: true,
  });
  mkdirSync(config.deploymentsDir, { recursive: true });
  writeFileSync(
    path.join(config.deploymentsDir, `${chainId}.json`),
    `${JSON.stringify(deployment, null, 2)}\n`,
  );
  progress(`Deployed; recorded in ${path.join(config.deploymentsDir, `${chainId}.json`)}.`);
  return deployment;
}

function listen(app: ReturnType<typeof createApp>, host: string, port: number): Promise<Server> {
  return new Promise((resolve, reject) => {
    const server = app.listen(port, host);
    server.once("listening", () => resolve(server));
    server.once("error", (error: NodeJS.ErrnoException) => {
      reject(
        error.code === "EADDRINUSE"
          ? new Error(
              `Port ${port} is already in use. Stop what is listening there or set PORT to a free port.`,
            )
          : error,
      );
    });
  });
}
