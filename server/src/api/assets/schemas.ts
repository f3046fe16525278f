import { z } from "zod";
import { address, pagination } from "../common.ts";

export const assetKinds = [
  "PATENT",
  "UTILITY_SOLUTION",
  "INDUSTRIAL_DESIGN",
  "LAYOUT_DESIGN",
  "SOFTWARE",
  "KNOW_HOW",
  "PLANT_VARIETY",
  "OTHER",
] as const;
export const assetStatuses = ["PENDING", "VERIFIED", "REJECTED", "SUSPENDED", "REVOKED"] as const;

export const assetListQuery = z.object({
  ...pagination,
  q: z
    .string()
    .trim()
    .min(1)
    .max(200)
    .optional()
    .describe("words of the title, abstract, field or owner, with or without diacritics"),
  status: z.enum(assetStatuses).optional(),
  kind: z.enum(assetKinds).optional(),
  field: z.string().trim().min(1).max(200).optional(),
  owner: address.optional(),
  sort: z.enum(["newest", "oldest", "title"]).default("newest"),
});
export type AssetListQuery = z.output<typeof assetListQuery>;

/**
 * The metadata document of an asset. Its SHA-256, over the exact bytes sent, is the `contentHash`
 * the registrant passed to `AssetRegistry.register`.
 */
export const assetMetadata = z.object({
  title: z.string().trim().min(1).max(500),
  titleEn: z.string().trim().min(1).max(500).optional(),
  abstract: z.string().trim().min(1).max(10_000).optional(),
  abstractEn: z.string().trim().min(1).max(10_000).optional(),
  field: z.string().trim().min(1).max(200).optional(),
  trl: z.number().int().min(1).max(9).optional().describe("technology readiness level"),
});
export type AssetMetadata = z.output<typeof assetMetadata>;
