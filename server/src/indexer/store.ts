// The indexer's SQL. A batch of thousands of events costs a dozen statements whatever its size:
// rows new to the database go in with one COPY per table on the writer's PostgreSQL connection, and
// otherwise (upserts, and everything on the embedded database) as one JSON parameter per table
// (`json_to_recordset`, which parses faster than jsonb's). Numerics travel as decimal text (exact).
// Upserts set only the columns the chain owns: what the API caches from off-chain documents (an
// asset's title, an organisation's name) survives re-indexing.
import type { ChainEventRecord } from "./events.ts";
import type {
  ActivityRow,
  AgreementRow,
  AssetRow,
  LicenceRow,
  ListingRow,
  OfferRow,
  OrganisationRow,
  RowSet,
  WorkingSet,
} from "./model.ts";

/** What both a PrismaClient and an interactive transaction offer. */
export interface Sql {
  $queryRawUnsafe<T = unknown>(query: string, ...values: unknown[]): Promise<T>;
  $executeRawUnsafe(query: string, ...values: unknown[]): Promise<number>;
  /**
   * `COPY … FROM STDIN` with `text` as its data, where the connection can (the writer's own
   * PostgreSQL connection): the cheapest way in for rows that are only ever appended.
   */
  copyFrom?(statement: string, text: string): Promise<void>;
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
    args: "json",
    blockTime: TIME,
  }),
};

const activities: Table = {
  name: "activities",
  key: ["chain_id", "block_number", "log_index", "entity_type", "entity_id"],
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

// PostgreSQL text cannot hold U+0000, which anyone can put in a string on the chain: stored in a
// text column, it becomes U+FFFD. (Handlers hash the decoded strings as they are, before this.)
const REPLACEMENT = "\uFFFD";
/** A JSON \u0000 escape, not itself escaped (an even run of backslashes before it). */
const JSON_NUL = /(?<!\\)((?:\\\\)*)\\u0000/g;

function toJson(table: Table, rows: readonly object[]): string {
  const json = JSON.stringify(
    rows.map((row) => {
      const out: Record<string, unknown> = {};
      for (const { field, column, type } of table.columns) {
        const value = (row as Record<string, unknown>)[field];
        // A json column travels as its JSON text (see upsertStatement), its escapes kept as they are:
        // replayed, chain_events.args must hash as on the chain.
        out[column] = type === "json" ? JSON.stringify(value) : value;
      }
      return out;
    }),
  );
  return json.includes("\\u0000") ? json.replace(JSON_NUL, "$1\\ufffd") : json;
}

const COPY_ESCAPES: Record<string, string> = { "\\": "\\\\", "\t": "\\t", "\n": "\\n", "\r": "\\r" };

const COPY_SPECIAL = /[\\\t\n\r]/;
/** Text as COPY reads it: backslash, tab, newline and carriage return escaped. */
function copyText(text: string): string {
  return COPY_SPECIAL.test(text) ? text.replace(/[\\\t\n\r]/g, (c) => COPY_ESCAPES[c]) : text;
}

type CopyEncoder = (value: unknown) => string;

/** How a column's values are written in COPY's text format: what json_to_recordset would make of them. */
function copyEncoder(type: string): CopyEncoder {
  const orNull =
    (encode: CopyEncoder): CopyEncoder =>
    (value) =>
      value === null || value === undefined ? "\\N" : encode(value);
  // numbers, and decimal strings the decoder or PostgreSQL made: nothing to escape
  if (type === "int4" || type === "int8" || type === ID) return orNull(String);
  if (type === TIME) return orNull((value) => (value as Date).toISOString());
  if (type === "bool") return orNull((value) => (value ? "t" : "f"));
  if (type === "json") return orNull((value) => copyText(JSON.stringify(value)));
  if (type.endsWith("[]")) return orNull((value) => copyArray(value as string[]));
  return orNull((value) => copyText(String(value).replaceAll("\u0000", REPLACEMENT)));
}

/**
 * A write whose text and data were fixed when it was prepared: the rows it came from may change
 * afterwards (the indexer applies the next batch while this one is written).
 */
export type Statement = { text: string; values: unknown[] } | { copy: string; data: string };

/** Runs prepared statements in order. */
export async function runStatements(sql: Sql, statements: readonly Statement[]): Promise<void> {
  for (const statement of statements) {
    if ("copy" in statement) {
      if (!sql.copyFrom) throw new Error("this connection cannot COPY");
      await sql.copyFrom(statement.copy, statement.data);
    } else {
      await sql.$executeRawUnsafe(statement.text, ...statement.values);
    }
  }
}

/** A text[] in COPY's text format: {"a","b"}, each element quoted. */
function copyArray(values: readonly string[]): string {
  const elements = values.map((v) => `"${v.replaceAll("\u0000", REPLACEMENT).replace(/["\\]/g, "\\$&")}"`);
  return copyText(`{${elements.join(",")}}`);
}

/**
 * Appends rows that cannot exist yet (events and their activities: the checkpoint moves in the same
 * transaction, so a batch is never written twice, and the primary key would refuse it if it were).
 * COPY where the connection offers it: half the cost of parsing the same rows from JSON.
 */
function appendStatement(table: Table, rows: readonly object[], copy: boolean): Statement[] {
  if (rows.length === 0) return [];
  if (!copy) return upsertStatement(table, rows, "none");
  const fields = table.columns.map((c) => c.field);
  const encoders = table.columns.map((c) => copyEncoder(c.type));
  const updatedAt = table.hasUpdatedAt ? `\t${new Date().toISOString()}` : "";
  const lines = rows.map((row) => {
    const values = row as Record<string, unknown>;
    let line = encoders[0](values[fields[0]]);
    for (let i = 1; i < fields.length; i++) line += "\t" + encoders[i](values[fields[i]]);
    return line + updatedAt;
  });
  const names = table.columns.map((c) => `"${c.column}"`);
  if (table.hasUpdatedAt) names.push('"updated_at"');
  return [{ copy: `COPY "${table.name}" (${names.join(", ")}) FROM STDIN`, data: lines.join("\n") + "\n" }];
}

/** INSERT … SELECT FROM json_to_recordset; `conflict` "update" overwrites the chain-owned columns. */
function upsertStatement(
  table: Table,
  rows: readonly object[],
  conflict: "update" | "ignore" | "none",
): Statement[] {
  if (rows.length === 0) return [];
  const names = table.columns.map((c) => `"${c.column}"`);
  // json columns arrive as text and are cast: json_to_recordset would unescape a \u0000 in them.
  const recordType = table.columns
    .map((c) => `"${c.column}" ${c.type === "json" ? "text" : c.type}`)
    .join(", ");
  const values = table.columns.map((c) => (c.type === "json" ? `"${c.column}"::json` : `"${c.column}"`));
  const insertColumns = table.hasUpdatedAt ? [...names, '"updated_at"'] : names;
  const selectColumns = table.hasUpdatedAt ? [...values, "now()"] : values;
  const updates = table.columns
    .filter((c) => !table.key.includes(c.column))
    .map((c) => `"${c.column}" = EXCLUDED."${c.column}"`);
  if (table.hasUpdatedAt) updates.push('"updated_at" = now()');
  const onConflict =
    conflict === "none"
      ? ""
      : `ON CONFLICT (${table.key.map((k) => `"${k}"`).join(", ")}) ` +
        (conflict === "ignore" || updates.length === 0
          ? "DO NOTHING"
          : `DO UPDATE SET ${updates.join(", ")}`);
  return [
    {
      text:
        `INSERT INTO "${table.name}" (${insertColumns.join(", ")}) ` +
        `SELECT ${selectColumns.join(", ")} FROM json_to_recordset($1::json) AS x(${recordType}) ${onConflict}`,
      values: [toJson(table, rows)],
    },
  ];
}

/**
 * SELECT of a table's chain-owned columns, numerics as exact text, int8 as numbers, for the rows
 * whose `column` is one of `keys`. The keys are cast to the column's type (not the column to text),
 * so the column's index finds them.
 */
async function selectRows<Row>(
  sql: Sql,
  table: Table,
  column: string,
  keys: readonly string[],
): Promise<Row[]> {
  if (keys.length === 0) return [];
  const keyType = table.columns.find((c) => c.column === column)?.type;
  if (!keyType) throw new Error(`${table.name} has no column ${column}`);
  const list = table.columns.map(({ field, column, type }) => {
    if (type === ID || ENUM_TYPES.has(type)) return `"${column}"::text AS "${field}"`;
    if (type.endsWith("[]")) return `"${column}"::text[] AS "${field}"`;
    if (type === "int8") return `"${column}"::float8 AS "${field}"`;
    return `"${column}" AS "${field}"`;
  });
  return sql.$queryRawUnsafe<Row[]>(
    `SELECT ${list.join(", ")} FROM "${table.name}" WHERE "${column}" IN (SELECT jsonb_array_elements_text($1::jsonb)::${keyType})`,
    JSON.stringify(keys),
  );
}

/**
 * Loads into `set` every row the events may touch: their organisations, assets (with co-owners and
 * listings), offers and the agreements and licences that share the offers' ids. A set carried over
 * from earlier batches (see WorkingSet.settle) holds each entity it has read or created complete
 * with what hangs off it (an asset's listings and co-owners, an offer id's agreement and licence):
 * only entities it lacks are read. The queries run one after another: `sql` may be a single
 * connection.
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
    const assetId = args.assetId;
    if (typeof assetId === "string" && !set.assets.rows.has(assetId)) assetIds.add(assetId);
    for (const key of ["offerId", "agreementId", "licenceId"]) {
      const id = args[key];
      if (typeof id === "string" && !set.offers.rows.has(id)) offerIds.add(id);
    }
    const account = args.account as string;
    if (contract === "membership" && !set.organisations.rows.has(account)) accounts.add(account);
  }
  const offerKeys = [...offerIds];
  for (const row of await selectRows<OfferRow>(sql, offers, "id", offerKeys)) {
    set.offers.load(row.id, row);
    if (!set.assets.rows.has(row.assetTokenId)) assetIds.add(row.assetTokenId);
  }
  const assetKeys = [...assetIds];
  const assetRows = await selectRows<Omit<AssetRow, "coOwners">>(sql, assets, "token_id", assetKeys);
  for (const row of assetRows) set.assets.load(row.tokenId, { ...row, coOwners: [] });
  const coOwnerRows = await selectRows<{ assetTokenId: string; address: string }>(
    sql,
    coOwners,
    "asset_token_id",
    assetKeys,
  );
  for (const row of coOwnerRows) set.assets.get(row.assetTokenId).coOwners.push(row.address);
  for (const row of await selectRows<ListingRow>(sql, listings, "asset_token_id", assetKeys))
    set.listings.load(row.id, row);
  for (const row of await selectRows<AgreementRow>(sql, agreements, "id", offerKeys))
    set.agreements.load(row.id, row);
  // An unpause extends every pending registration deadline: the handler needs them all.
  if (events.some((e) => e.contract === "exchange" && e.name === "RegistrationDeadlinesExtended")) {
    for (const row of await selectRows<AgreementRow>(sql, agreements, "status", ["AWAITING_REGISTRATION"]))
      if (!set.agreements.rows.has(row.id)) set.agreements.load(row.id, row);
  }
  for (const row of await selectRows<LicenceRow>(sql, licences, "id", offerKeys))
    set.licences.load(row.id, row);
  for (const row of await selectRows<OrganisationRow>(sql, organisations, "address", [...accounts]))
    set.organisations.load(row.address, row);
}

/**
 * The writes of the changed projections, parents before children: rows new to the database are
 * appended (COPY where `copy`), the others upserted.
 */
export function projectionStatements(set: WorkingSet, copy: boolean): Statement[] {
  const changedAssets = set.assets.changed();
  const owners = changedAssets.flatMap((a) =>
    a.coOwners.map((address) => ({ assetTokenId: a.tokenId, address })),
  );
  const write = <Row extends object>(table: Table, rows: RowSet<Row>) => [
    ...appendStatement(table, rows.created(), copy),
    ...upsertStatement(table, rows.updated(), "update"),
  ];
  return [
    ...write(organisations, set.organisations),
    ...write(assets, set.assets),
    ...(changedAssets.length > 0
      ? [
          {
            text: `DELETE FROM asset_co_owners WHERE asset_token_id IN (SELECT jsonb_array_elements_text($1::jsonb)::numeric)`,
            values: [JSON.stringify(changedAssets.map((a) => a.tokenId))],
          },
        ]
      : []),
    ...upsertStatement(coOwners, owners, "ignore"),
    ...write(listings, set.listings),
    ...write(offers, set.offers),
    ...write(agreements, set.agreements),
    ...write(licences, set.licences),
  ];
}

export function eventStatements(
  chainId: number,
  events: readonly ChainEventRecord[],
  copy: boolean,
): Statement[] {
  return appendStatement(
    chainEvents,
    events.map((e) => ({ ...e, chainId, eventName: e.name })),
    copy,
  );
}

export function activityStatements(
  chainId: number,
  rows: readonly ActivityRow[],
  copy: boolean,
): Statement[] {
  const seen = new Set<string>();
  const unique = rows.filter((a) => {
    const key = `${a.event.txHash}:${a.event.logIndex}:${a.entityType}:${a.entityId}`;
    return !seen.has(key) && seen.add(key);
  });
  return appendStatement(
    activities,
    unique.map((a) => ({
      ...a,
      chainId,
      txHash: a.event.txHash,
      blockNumber: a.event.blockNumber,
      logIndex: a.event.logIndex,
      blockTime: a.event.blockTime,
    })),
    copy,
  );
}

export interface BlockRef {
  number: number;
  hash: string;
  parentHash: string | null;
  timestamp: Date | null;
}

export function blockStatements(chainId: number, blocks: readonly BlockRef[]): Statement[] {
  return upsertStatement(
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
  await sql.$executeRawUnsafe(
    `DELETE FROM activities WHERE chain_id = $1 AND block_number > $2`,
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
  set.assumeAllStored();
  await runStatements(sql, projectionStatements(set, sql.copyFrom !== undefined));
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
