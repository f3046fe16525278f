import { z } from "zod";

export const healthResponse = z.object({ status: z.literal("ok") });

export const readinessResponse = z.object({
  ready: z.boolean(),
  database: z.object({ ok: z.boolean(), error: z.string().optional() }),
  indexer: z.object({
    ok: z.boolean(),
    indexedBlock: z.string().optional(),
    headBlock: z.string().optional(),
    lagBlocks: z.string().optional(),
    error: z.string().optional(),
  }),
  maxLagBlocks: z.number().int(),
});

export const openApiResponse = z.looseObject({
  openapi: z.string(),
  info: z.object({ title: z.string(), version: z.string() }),
  paths: z.record(z.string(), z.unknown()),
});
