import type { ApiContext } from "../context.ts";

export async function readStatus({ provider, deps, deployment }: ApiContext) {
  const { database } = deps;
  const [chain, db] = await Promise.all([
    Promise.all([provider.getNetwork(), provider.getBlockNumber()]).then(
      ([network, block]) => ({ ok: true as const, chainId: network.chainId.toString(), latestBlock: block }),
      (error: Error) => ({ ok: false as const, error: error.message }),
    ),
    database.ping().then(
      () => ({ ok: true as const, kind: database.kind }),
      (error: Error) => ({ ok: false as const, kind: database.kind, error: error.message }),
    ),
  ]);
  return { chain, database: db, deployment };
}

export async function readiness(ctx: ApiContext) {
  const database = await ctx.deps.database.ping().then(
    () => ({ ok: true }),
    (error: Error) => ({ ok: false, error: error.message }),
  );
  let indexer: {
    ok: boolean;
    indexedBlock?: string;
    headBlock?: string;
    lagBlocks?: string;
    error?: string;
  } = {
    ok: true,
  };
  if (ctx.deps.indexerStatus) {
    try {
      const status = await ctx.deps.indexerStatus();
      const lag = BigInt(status.headBlock) - BigInt(status.indexedBlock);
      indexer = {
        ok: lag <= BigInt(ctx.limits.readyMaxLagBlocks),
        indexedBlock: String(status.indexedBlock),
        headBlock: String(status.headBlock),
        lagBlocks: String(lag > 0n ? lag : 0n),
      };
    } catch (error) {
      indexer = { ok: false, error: (error as Error).message };
    }
  }
  return { ready: database.ok && indexer.ok, database, indexer, maxLagBlocks: ctx.limits.readyMaxLagBlocks };
}
