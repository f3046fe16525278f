import { z } from "zod";
import {
  address,
  decimalText,
  hexAddress,
  hexBytes32,
  history,
  pageOf,
  pagination,
  timestamp,
} from "../common.ts";

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

/** How listings, offers, agreements and licences show their asset. */
export const assetSummary = z.object({
  tokenId: decimalText,
  kind: z.enum(assetKinds),
  status: z.enum(assetStatuses),
  title: z.string().nullable(),
  titleEn: z.string().nullable(),
  field: z.string().nullable(),
  trl: z.number().int().nullable(),
  owner: hexAddress,
});

export const assetListItem = assetSummary.extend({
  protectionExpiresAt: timestamp.nullable(),
  registeredAt: timestamp,
  registeredBlock: decimalText,
});
export const assetPage = pageOf(assetListItem);

/** An asset's record; its routes add `currentListing` (see assets/routes.ts). */
export const assetDetail = assetListItem.extend({
  registrationNumberHash: hexBytes32,
  contentHash: hexBytes32,
  metadataUri: z.string().nullable(),
  statusReason: z.string().nullable(),
  registrant: hexAddress,
  abstract: z.string().nullable(),
  abstractEn: z.string().nullable(),
  verifiedAt: timestamp.nullable(),
  createdAt: timestamp,
  updatedAt: timestamp,
  coOwners: z.array(z.object({ address: hexAddress, shareBps: z.number().int().nullable() })),
  licences: z
    .array(
      z.object({
        id: decimalText,
        licensee: hexAddress,
        exclusive: z.boolean(),
        endsAt: timestamp.nullable(),
      }),
    )
    .describe("licences not revoked"),
  ownerOrganisation: z
    .object({
      address: hexAddress,
      nameVi: z.string().nullable(),
      nameEn: z.string().nullable(),
      kind: z.enum(["INSTITUTE", "UNIVERSITY", "COMPANY"]).nullable(),
      province: z.string().nullable(),
    })
    .nullable(),
  history,
});
