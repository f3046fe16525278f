// The indexer's SQL. Rows go in as one JSON parameter per table (`json_to_recordset`, which parses
// faster than jsonb's), so a batch of thousands of events costs a dozen statements whatever its size,
// and numerics travel as decimal text (exact). Upserts set only the columns the chain owns: what the API caches from off-chain documents
// (an asset's title, an organisation's name) survives re-indexing.
import type { ChainEventRecord } from "./events.ts";
import type {
  ActivityRow,
  AgreementRow,
  AssetRow,
  LicenceRow,
  ListingRow,
  OfferRow,
  OrganisationRow,
  WorkingSet,
} from "./model.ts";

/** What both a PrismaClient and an interactive transaction offer. */
export interface Sql {
  $queryRawUnsafe<T = unknown>(query: string, ...values: unknown[]): Promise<T>;
  $executeRawUnsafe(query: string, ...values: unknown[]): Promise<number>;
}

interface Column {
  field: string;
  column: string;
  type: string;
}

const snake = (field: string) => field.replace(/[A-Z]/g, (c) => `_${c.toLowerCase()}`);

function columns(spec: Record<string, string>): Column[] {
  return Object.entries(spec).map(([field, type]) => ({ field, column: snake(field), type }));
}

interface Table {
  name: string;
  key: string[];
  columns: Column[];
  hasUpdatedAt: boolean;
}

const ADDRESS = "varchar(42)";
const HASH = "varchar(66)";
const ID = "numeric(78,0)";
const TIME = "timestamptz";
const ENUM_TYPES = new Set([
  "asset_kind",
  "asset_status",
  "listing_state",
  "deal_type",
  "offer_state",
  "agreement_status",
]);

const organisations: Table = {
  name: "organisations",
  key: ["address"],
  hasUpdatedAt: true,
  columns: columns({
    address: ADDRESS,
    profileHash: HASH,
    admittedAt: TIME,
    removedAt: TIME,
    removalReason: HASH,
  }),
};

const assets: Table = {
  name: "assets",
  key: ["token_id"],
  hasUpdatedAt: true,
  columns: columns({
    tokenId: ID,
    kind: "asset_kind",
    registrationNumberHash: HASH,
    contentHash: HASH,
    metadataUri: "text",
    protectionExpiresAt: TIME,
    status: "asset_status",
    statusReason: "text",
    owner: ADDRESS,
    registrant: ADDRESS,
    registeredAt: TIME,
    registeredBlock: "int8",
    verifiedAt: TIME,
  }),
};

const coOwners: Table = {
  name: "asset_co_owners",
  key: ["asset_token_id", "address"],
  hasUpdatedAt: false,
  columns: columns({ assetTokenId: ID, address: ADDRESS }),
};

const listings: Table = {
  name: "listings",
  key: ["id"],
  hasUpdatedAt: true,
  columns: columns({
    id: "varchar(90)",
    assetTokenId: ID,
    epoch: "int4",
    seller: ADDRESS,
    paymentToken: ADDRESS,
    assignmentPrice: ID,
    exclusiveLicencePrice: ID,
    nonExclusiveLicencePrice: ID,
    territory: "text",
    fieldOfUse: "text",
    licenceDurationSeconds: "int8",
    sublicensingAllowed: "bool",
    royaltyBps: "int4",
    termsHash: HASH,
    state: "listing_state",
    openedAt: TIME,
    openedBlock: "int8",
  }),
};

const offers: Table = {
  name: "offers",
  key: ["id"],
  hasUpdatedAt: true,
  columns: columns({
    id: ID,
    listingId: "varchar(90)",
    listingEpoch: "int4",
    assetTokenId: ID,
    buyer: ADDRESS,
    dealType: "deal_type",
    amount: ID,
    expiresAt: TIME,
    termsHash: HASH,
    state: "offer_state",
    approvedDocumentHash: HASH,
    rejectionReason: HASH,
    closedAt: TIME,
    madeAt: TIME,
    madeBlock: "int8",
  }),
};

const agreements: Table = {
  name: "agreements",
  key: ["id"],
  hasUpdatedAt: true,
  columns: columns({
    id: ID,
    offerId: ID,
    listingId: "varchar(90)",
    assetTokenId: ID,
    seller: ADDRESS,
    buyer: ADDRESS,
    dealType: "deal_type",
    documentHash: HASH,
    status: "agreement_status",
    registrationRequired: "bool",
    amount: ID,
    fee: ID,
    sellerProceeds: ID,
    deadline: TIME,
    registrar: ADDRESS,
    refusalReason: "text",
    coOwners: "varchar(42)[]",
    treasury: ADDRESS,
    closedAt: TIME,
    createdAtChain: TIME,
    createdBlock: "int8",
    buyerConsentedAt: TIME,
    settledAt: TIME,
  }),
};

const licences: Table = {
  name: "licences",
  key: ["id"],
  hasUpdatedAt: true,
  columns: columns({
    id: ID,
    assetTokenId: ID,
    agreementId: ID,
    licensee: ADDRESS,
    exclusive: "bool",
    territory: "text",
    fieldOfUse: "text",
    sublicensing: "bool",
    royaltyBps: "int4",
    startsAt: TIME,
    endsAt: TIME,
    revokedAt: TIME,
    revocationReason: "text",
    issuedBlock: "int8",
  }),
};

const chainEvents: Table = {
  name: "chain_events",
  key: ["chain_id", "tx_hash", "log_index"],
  hasUpdatedAt: false,
  columns: columns({
    chainId: "int4",
    blockNumber: "int8",
    blockHash: HASH,
    txHash: HASH,
    logIndex: "int4",
    txFrom: ADDRESS,
    address: ADDRESS,
    eventName: "text",
    args: "jsonb",
    blockTime: TIME,
  }),
};

const activities: Table = {
  name: "activities",
  key: ["chain_id", "tx_hash", "log_index", "entity_type", "entity_id"],
  hasUpdatedAt: false,
  columns: columns({
    entityType: "activity_entity",
    entityId: "text",
    action: "text",
    actor: ADDRESS,
    chainId: "int4",
    txHash: HASH,
    blockNumber: "int8",
    logIndex: "int4",
    blockTime: TIME,
  }),
};

const indexedBlocks: Table = {
  name: "indexed_blocks",
  key: ["chain_id", "number"],
  hasUpdatedAt: false,
  columns: columns({ chainId: "int4", number: "int8", hash: HASH, parentHash: HASH, timestamp: TIME }),
};

function toJson(table: Table, rows: readonly object[]): string {
  return JSON.stringify(
    rows.map((row) => {
      const out: Record<string, unknown> = {};
      for (const { field, column } of table.columns) out[column] = (row as Record<string, unknown>)[field];
      return out;
    }),
  );
}

/** INSERT … SELECT FROM json_to_recordset; `conflict` "update" overwrites the chain-owned columns. */
async function insertRows(
  sql: Sql,
  table: Table,
  rows: readonly object[],
  conflict: "update" | "ignore",
): Promise<void> {
  if (rows.length === 0) return;
  const names = table.columns.map((c) => `"${c.column}"`);
  const recordType = table.columns.map((c) => `"${c.column}" ${c.type}`).join(", ");
  const insertColumns = table.hasUpdatedAt ? [...names, '"updated_at"'] : names;
  const selectColumns = table.hasUpdatedAt ? [...names, "now()"] : names;
  const updates = table.columns
    .filter((c) => !table.key.includes(c.column))
    .map((c) => `"${c.column}" = EXCLUDED."${c.column}"`);
  if (table.hasUpdatedAt) updates.push('"updated_at" = now()');
  const onConflict =
    conflict === "ignore" || updates.length === 0 ? "DO NOTHING" : `DO UPDATE SET ${updates.join(", ")}`;
  await sql.$executeRawUnsafe(
    `INSERT INTO "${table.name}" (${insertColumns.join(", ")}) ` +
      `SELECT ${selectColumns.join(", ")} FROM json_to_recordset($1::json) AS x(${recordType}) ` +
      `ON CONFLICT (${table.key.map((k) => `"${k}"`).join(", ")}) ${onConflict}`,
    toJson(table, rows),
  );
}

/** SELECT of a table's chain-owned columns, numerics as exact text, int8 as numbers. */
async function selectRows<Row>(
  sql: Sql,
  table: Table,
  where: string,
  keys: readonly string[],
): Promise<Row[]> {
  if (keys.length === 0) return [];
  const list = table.columns.map(({ field, column, type }) => {
    if (type === ID || ENUM_TYPES.has(type)) return `"${column}"::text AS "${field}"`;
    if (type.endsWith("[]")) return `"${column}"::text[] AS "${field}"`;
    if (type === "int8") return `"${column}"::float8 AS "${field}"`;
    return `"${column}" AS "${field}"`;
  });
  return sql.$queryRawUnsafe<Row[]>(
    `SELECT ${list.join(", ")} FROM "${table.name}" WHERE ${where} IN (SELECT jsonb_array_elements_text($1::jsonb))`,
    JSON.stringify(keys),
  );
}

/**
 * Loads into `set` every row the events may touch: their organisations, assets (with co-owners and
 * listings), offers and the agreements and licences that share the offers' ids.
 */
export async function loadWorkingSet(
  sql: Sql,
  set: WorkingSet,
  events: readonly ChainEventRecord[],
): Promise<void> {
  const assetIds = new Set<string>();
  const offerIds = new Set<string>();
  const accounts = new Set<string>();
  for (const { args, contract } of events) {
    if (typeof args.assetId === "string") assetIds.add(args.assetId);
    for (const key of ["offerId", "agreementId", "licenceId"])
      if (typeof args[key] === "string") offerIds.add(args[key]);
    if (contract === "membership") accounts.add(args.account as string);
  }
  for (const row of await selectRows<OfferRow>(sql, offers, "id::text", [...offerIds])) {
    set.offers.load(row.id, row);
    assetIds.add(row.assetTokenId);
  }
  const assetKeys = [...assetIds];
  const [assetRows, coOwnerRows, listingRows, agreementRows, licenceRows, organisationRows] =
    await Promise.all([
      selectRows<Omit<AssetRow, "coOwners">>(sql, assets, "token_id::text", assetKeys),
      selectRows<{ assetTokenId: string; address: string }>(sql, coOwners, "asset_token_id::text", assetKeys),
      selectRows<ListingRow>(sql, listings, "asset_token_id::text", assetKeys),
      selectRows<AgreementRow>(sql, agreements, "id::text", [...offerIds]),
      selectRows<LicenceRow>(sql, licences, "id::text", [...offerIds]),
      selectRows<OrganisationRow>(sql, organisations, "address", [...accounts]),
    ]);
  for (const row of assetRows) set.assets.load(row.tokenId, { ...row, coOwners: [] });
  for (const row of coOwnerRows) set.assets.get(row.assetTokenId).coOwners.push(row.address);
  for (const row of listingRows) set.listings.load(row.id, row);
  for (const row of agreementRows) set.agreements.load(row.id, row);
  for (const row of licenceRows) set.licences.load(row.id, row);
  for (const row of organisationRows) set.organisations.load(row.address, row);
}

/** Writes the changed projections, parents before children. */
export async function writeProjections(sql: Sql, set: WorkingSet): Promise<void> {
  await insertRows(sql, organisations, set.organisations.changed(), "update");
  const changedAssets = set.assets.changed();
  await insertRows(sql, assets, changedAssets, "update");
  if (changedAssets.length > 0) {
    await sql.$executeRawUnsafe(
      `DELETE FROM asset_co_owners WHERE asset_token_id IN (SELECT jsonb_array_elements_text($1::jsonb)::numeric)`,
      JSON.stringify(changedAssets.map((a) => a.tokenId)),
    );
    const owners = changedAssets.flatMap((a) =>
      a.coOwners.map((address) => ({ assetTokenId: a.tokenId, address })),
    );
    await insertRows(sql, coOwners, owners, "ignore");
  }
  await insertRows(sql, listings, set.listings.changed(), "update");
  await insertRows(sql, offers, set.offers.changed(), "update");
  await insertRows(sql, agreements, set.agreements.changed(), "update");
  await insertRows(sql, licences, set.licences.changed(), "update");
}

export async function insertEvents(
  sql: Sql,
  chainId: number,
  events: readonly ChainEventRecord[],
): Promise<void> {
  await insertRows(
    sql,
    chainEvents,
    events.map((e) => ({ ...e, chainId, eventName: e.name })),
    "ignore",
  );
}

export async function insertActivities(
  sql: Sql,
  chainId: number,
  rows: readonly ActivityRow[],
): Promise<void> {
  const seen = new Set<string>();
  const unique = rows.filter((a) => {
    const key = `${a.event.txHash}:${a.event.logIndex}:${a.entityType}:${a.entityId}`;
    return !seen.has(key) && seen.add(key);
  });
  await insertRows(
    sql,
    activities,
    unique.map((a) => ({
      ...a,
      chainId,
      txHash: a.event.txHash,
      blockNumber: a.event.blockNumber,
      logIndex: a.event.logIndex,
      blockTime: a.event.blockTime,
    })),
    "ignore",
  );
}

export interface BlockRef {
  number: number;
  hash: string;
  parentHash: string | null;
  timestamp: Date | null;
}

export async function insertBlocks(sql: Sql, chainId: number, blocks: readonly BlockRef[]): Promise<void> {
  await insertRows(
    sql,
    indexedBlocks,
    blocks.map((b) => ({ ...b, chainId })),
    "update",
  );
}

/** Forgets indexed blocks below `below`: a reorg deeper than that is not expected any more. */
export async function pruneBlocks(sql: Sql, chainId: number, below: number): Promise<void> {
  await sql.$executeRawUnsafe(
    `DELETE FROM indexed_blocks WHERE chain_id = $1 AND number < $2`,
    chainId,
    below,
  );
}

export interface Checkpoint {
  number: number;
  hash: string;
}

export async function readCheckpoint(
  sql: Sql,
  chainId: number,
  key: string,
): Promise<Checkpoint | undefined> {
  const rows = await sql.$queryRawUnsafe<{ number: number; hash: string }[]>(
    `SELECT block_number::float8 AS number, block_hash AS hash FROM indexer_checkpoints WHERE chain_id = $1 AND contract_set_key = $2`,
    chainId,
    key,
  );
  return rows[0];
}

/** Creates the checkpoint unless it exists. */
export async function initCheckpoint(sql: Sql, chainId: number, key: string, at: Checkpoint): Promise<void> {
  await sql.$executeRawUnsafe(
    `INSERT INTO indexer_checkpoints (chain_id, contract_set_key, block_number, block_hash, updated_at)
     VALUES ($1, $2, $3, $4, now()) ON CONFLICT DO NOTHING`,
    chainId,
    key,
    at.number,
    at.hash,
  );
}

/** Thrown when the checkpoint is not where this indexer last left it: another writer moved it. */
export class CheckpointMovedError extends Error {}

/** Moves the checkpoint from `from` to `to`, only if it is still at `from`. */
export async function moveCheckpoint(
  sql: Sql,
  chainId: number,
  key: string,
  from: Checkpoint,
  to: Checkpoint,
): Promise<void> {
  const updated = await sql.$executeRawUnsafe(
    `UPDATE indexer_checkpoints SET block_number = $3, block_hash = $4, updated_at = now()
     WHERE chain_id = $1 AND contract_set_key = $2 AND block_number = $5 AND block_hash = $6`,
    chainId,
    key,
    to.number,
    to.hash,
    from.number,
    from.hash,
  );
  if (updated !== 1) {
    throw new CheckpointMovedError(
      `checkpoint of chain ${chainId} is no longer at block ${from.number} (${from.hash})`,
    );
  }
}

/** The indexed blocks at or below `number`, newest first: the candidates for a common ancestor. */
export async function indexedBlocksBelow(
  sql: Sql,
  chainId: number,
  number: number,
  limit: number,
): Promise<Checkpoint[]> {
  return sql.$queryRawUnsafe<Checkpoint[]>(
    `SELECT number::float8 AS number, hash FROM indexed_blocks WHERE chain_id = $1 AND number <= $2 ORDER BY number DESC LIMIT $3`,
    chainId,
    number,
    limit,
  );
}

interface StoredEvent {
  contract: string;
  name: string;
  blockNumber: number;
  blockHash: string;
  txHash: string;
  logIndex: number;
  address: string;
  txFrom: string | null;
  blockTime: Date;
  args: Record<string, unknown>;
}

/**
 * Deletes everything indexed above block `ancestor` and rebuilds the projections those blocks had
 * touched by replaying the remaining stored events of the same assets and organisations (see
 * indexer.ts on why). `replay` applies stored events to a fresh working set.
 */
export async function rollBackAbove(
  sql: Sql,
  chainId: number,
  ancestor: number,
  replay: (events: ChainEventRecord[]) => WorkingSet,
  contractOf: (address: string) => string,
): Promise<{ assets: number; organisations: number; events: number }> {
  const touched = await sql.$queryRawUnsafe<{ type: string; id: string }[]>(
    `SELECT DISTINCT entity_type::text AS type, entity_id AS id FROM activities
     WHERE chain_id = $1 AND block_number > $2 AND entity_type IN ('ASSET', 'ORGANISATION')`,
    chainId,
    ancestor,
  );
  const deleted = await sql.$executeRawUnsafe(
    `DELETE FROM chain_events WHERE chain_id = $1 AND block_number > $2`,
    chainId,
    ancestor,
  );
  await sql.$executeRawUnsafe(
    `DELETE FROM indexed_blocks WHERE chain_id = $1 AND number > $2`,
    chainId,
    ancestor,
  );
  const assetIds = touched.filter((t) => t.type === "ASSET").map((t) => t.id);
  const accounts = touched.filter((t) => t.type === "ORGANISATION").map((t) => t.id);
  if (touched.length === 0) return { assets: 0, organisations: 0, events: deleted };

  const stored = await sql.$queryRawUnsafe<StoredEvent[]>(
    `SELECT e.address, e.event_name AS name, e.block_number::float8 AS "blockNumber", e.block_hash AS "blockHash",
            e.tx_hash AS "txHash", e.log_index AS "logIndex", e.tx_from AS "txFrom", e.block_time AS "blockTime", e.args
       FROM chain_events e
      WHERE e.chain_id = $1 AND EXISTS (
            SELECT 1 FROM activities a
             WHERE a.chain_id = e.chain_id AND a.tx_hash = e.tx_hash AND a.log_index = e.log_index
               AND ((a.entity_type = 'ASSET' AND a.entity_id IN (SELECT jsonb_array_elements_text($2::jsonb)))
                 OR (a.entity_type = 'ORGANISATION' AND a.entity_id IN (SELECT jsonb_array_elements_text($3::jsonb)))))
      ORDER BY e.block_number, e.log_index`,
    chainId,
    JSON.stringify(assetIds),
    JSON.stringify(accounts),
  );
  const set = replay(
    stored.map((e) => ({ ...e, contract: contractOf(e.address), args: e.args }) as ChainEventRecord),
  );

  const assetList = JSON.stringify(assetIds);
  const inAssets = `IN (SELECT jsonb_array_elements_text($1::jsonb)::numeric)`;
  for (const table of ["licences", "agreements", "offers", "listings", "asset_co_owners"]) {
    await sql.$executeRawUnsafe(`DELETE FROM ${table} WHERE asset_token_id ${inAssets}`, assetList);
  }
  await writeProjections(sql, set);
  const gone = (ids: string[], kept: Map<string, unknown>) =>
    JSON.stringify(ids.filter((id) => !kept.has(id)));
  await sql.$executeRawUnsafe(
    `DELETE FROM assets WHERE token_id ${inAssets}`,
    gone(assetIds, set.assets.rows),
  );
  await sql.$executeRawUnsafe(
    `DELETE FROM organisations WHERE address IN (SELECT jsonb_array_elements_text($1::jsonb))`,
    gone(accounts, set.organisations.rows),
  );
  return { assets: assetIds.length, organisations: accounts.length, events: deleted };
}
