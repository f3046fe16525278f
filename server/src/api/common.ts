// Pieces every resource shares: pagination, id and address formats, and an entity's on-chain history.
import { z } from "zod";
import type { ActivityEntity, PrismaClient } from "../generated/prisma/client.ts";

export const MAX_PAGE = 10_000;
export const MAX_LIMIT = 100;

export const pagination = {
  page: z.coerce.number().int().min(1).max(MAX_PAGE).default(1).describe("1-based page number"),
  limit: z.coerce
    .number()
    .int()
    .min(1)
    .max(MAX_LIMIT)
    .default(20)
    .describe(`items per page, at most ${MAX_LIMIT}`),
};

/** A uint256 as decimal digits (token ids, offer/agreement/licence ids, amounts). */
export const uint256 = z
  .string()
  .regex(/^(0|[1-9]\d{0,77})$/, "must be a non-negative integer in decimal digits")
  .refine((v) => !/^\d+$/.test(v) || BigInt(v) < 2n ** 256n, "must fit in 256 bits");

export const address = z
  .string()
  .regex(/^0x[0-9a-fA-F]{40}$/, "must be a 0x-prefixed 20-byte hex address")
  .transform((v) => v.toLowerCase());

export const bytes32 = z
  .string()
  .regex(/^0x[0-9a-fA-F]{64}$/, "must be a 0x-prefixed 32-byte hex value")
  .transform((v) => v.toLowerCase());

/** Boolean query flags as people type them: true/false/1/0. */
export const flag = z.enum(["true", "false", "1", "0"]).transform((v) => v === "true" || v === "1");

export const idParams = z.object({ id: uint256 });

// ---- Responses: values as they leave the API (http/json.ts): uint256, decimals and block numbers as
// decimal text, times as ISO 8601 in UTC. The same schemas document the responses in OpenAPI and,
// in tests, check every response the routes send.

export const decimalText = z.string().regex(/^\d+$/).describe("decimal digits (uint256 or block number)");
export const timestamp = z.string().describe("ISO 8601, UTC");
export const hexAddress = z.string().describe("0x-prefixed, lower-case address");
export const hexBytes32 = z.string().describe("0x-prefixed, lower-case 32-byte hex");

/** A page of a list route. */
export const pageOf = <T extends z.ZodType>(item: T) =>
  z.object({
    items: z.array(item),
    page: z.number().int(),
    limit: z.number().int(),
    total: z.number().int(),
  });

/** One event of an entity's on-chain history, oldest first. */
export const historyEntry = z.object({
  action: z.string(),
  actor: hexAddress.nullable(),
  txHash: hexBytes32,
  blockNumber: decimalText,
  logIndex: z.number().int(),
  time: timestamp,
  details: z.unknown().describe("the event's own arguments, when the indexer kept them"),
});
export const history = z.array(historyEntry).describe("the on-chain history, oldest first (at most 500)");

export interface Page<T> {
  items: T[];
  page: number;
  limit: number;
  total: number;
}

export function pageWindow(query: { page: number; limit: number }) {
  return { skip: (query.page - 1) * query.limit, take: query.limit };
}

/** The entity's history as the indexer recorded it: each event with its transaction, block, time and actor. */
export async function historyOf(prisma: PrismaClient, entityType: ActivityEntity, entityId: string) {
  const rows = await prisma.activity.findMany({
    where: { entityType, entityId },
    orderBy: [{ blockNumber: "asc" }, { logIndex: "asc" }],
    take: 500,
  });
  return rows.map((row) => ({
    action: row.action,
    actor: row.actor,
    txHash: row.txHash,
    blockNumber: row.blockNumber,
    logIndex: row.logIndex,
    time: row.blockTime,
    details: row.details,
  }));
}
