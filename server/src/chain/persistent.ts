// The embedded chain as `npm start` runs it: EDR in this process, deployed to once, and kept
// across restarts by the block journal (see journal.ts). The first start deploys the contracts
// and journals every block from genesis; later starts replay the journal and reuse the recorded
// deployment. If the journal cannot be replayed at all, the chain starts afresh — and says so,
// so that the caller starts a fresh index with it.
import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import path from "node:path";
import { JsonRpcProvider } from "ethers";
import type { DeploymentRecord } from "../../../generated/techex.ts";
import { startEmbeddedChain, type EmbeddedChain } from "./embedded.ts";
import { JournalRecorder, readJournal, replayJournal } from "./journal.ts";

export interface PersistentChain {
  url: string;
  deployment: DeploymentRecord;
  /** true when this start began a new chain (nothing to replay, or the journal was unusable). */
  fresh: boolean;
  close(): Promise<void>;
}

export interface PersistentChainOptions {
  host: string;
  port: number;
  dir: string;
  progress: (message: string) => void;
  /** A new chain's genesis time (default: now); the demo's history starts a year back. */
  genesisTime?: Date;
  /**
   * Runs once on a new chain, after the deployment and before it is recorded as done: its blocks
   * are journaled with the deployment's. If it fails, the next start begins a new chain.
   */
  afterDeploy?: (chain: EmbeddedChain, deployment: DeploymentRecord) => Promise<void>;
}

export async function startPersistentChain(options: PersistentChainOptions): Promise<PersistentChain> {
  const { dir, progress } = options;
  const journalFile = path.join(dir, "blocks.jsonl");
  const deploymentFile = path.join(dir, "deployment.json");
  const genesisFile = path.join(dir, "genesis.json");
  mkdirSync(dir, { recursive: true });

  const genesis = existsSync(genesisFile)
    ? (JSON.parse(readFileSync(genesisFile, "utf8")) as { timestamp: number; hash: string })
    : undefined;
  const chain = await startEmbeddedChain(
    options.host,
    options.port,
    genesis ? new Date(genesis.timestamp * 1000) : undefined,
  );
  const provider = new JsonRpcProvider(chain.url, undefined, { staticNetwork: true, cacheTimeout: -1 });
  let recorder: JournalRecorder | undefined;
  const close = async () => {
    await recorder?.stop();
    provider.destroy();
    await chain.close();
  };
  try {
    let deployment: DeploymentRecord | undefined;
    const genesisMatches = genesis && (await provider.getBlock(0))?.hash === genesis.hash;
    if (genesisMatches && existsSync(deploymentFile) && readJournal(journalFile).length > 0) {
      const recorded = JSON.parse(readFileSync(deploymentFile, "utf8")) as DeploymentRecord;
      progress("Replaying the embedded chain's journal…");
      const { replayed, dropped } = await replayJournal(provider, journalFile, (done, total) =>
        progress(`  replayed ${done} of ${total} blocks`),
      );
      if (dropped > 0)
        progress(`  ${dropped} block(s) at the journal's end could not be rebuilt and were dropped.`);
      const contractsThere = (await provider.getCode(recorded.addresses.exchange)) !== "0x";
      if (replayed > 0 && contractsThere) deployment = recorded;
      else progress("  the journal no longer holds the deployment; starting a new chain.");
    }
    const fresh = !deployment;
    if (fresh) {
      await close();
      rmSync(journalFile, { force: true });
      rmSync(deploymentFile, { force: true });
      rmSync(genesisFile, { force: true });
      return startFresh(options, dir);
    }
    // The replayed blocks carry their old times; the chain's clock moves on from the wall clock.
    const last = (await provider.getBlock("latest"))!.timestamp;
    const behind = Math.floor(Date.now() / 1000) - last;
    if (behind > 0) await provider.send("evm_increaseTime", [behind]);
    recorder = new JournalRecorder(provider, journalFile, (await provider.getBlockNumber()) + 1);
    recorder.start();
    return { url: chain.url, deployment: deployment!, fresh: false, close };
  } catch (error) {
    await close();
    throw error;
  }
}

async function startFresh(options: PersistentChainOptions, dir: string): Promise<PersistentChain> {
  const chain = await startEmbeddedChain(options.host, options.port, options.genesisTime);
  const provider = new JsonRpcProvider(chain.url, undefined, { staticNetwork: true, cacheTimeout: -1 });
  const genesis = (await provider.getBlock(0))!;
  writeFileSync(
    path.join(dir, "genesis.json"),
    `${JSON.stringify({ timestamp: genesis.timestamp, hash: genesis.hash })}\n`,
  );
  const recorder = new JournalRecorder(provider, path.join(dir, "blocks.jsonl"), 1);
  const close = async () => {
    await recorder.stop();
    provider.destroy();
    await chain.close();
  };
  try {
    recorder.start();
    options.progress("Deploying the TechEx contracts to the new embedded chain…");
    // Ignition (and with it Hardhat's compiler) is loaded only for the embedded chain.
    const { deploy } = await import("../../../ignition/deploy.ts");
    const deployment = await deploy({
      connection: chain.connection,
      local: true,
      fresh: true,
      deploymentId: "embedded",
    });
    if (options.afterDeploy) await options.afterDeploy(chain, deployment);
    await recorder.flush();
    writeFileSync(path.join(dir, "deployment.json"), `${JSON.stringify(deployment, null, 2)}\n`);
    return { url: chain.url, deployment, fresh: true, close };
  } catch (error) {
    await close();
    throw error;
  }
}
