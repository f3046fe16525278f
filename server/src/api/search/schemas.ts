import { z } from "zod";
import { decimalText, hexAddress, pagination } from "../common.ts";
import { assetKinds, assetStatuses } from "../assets/schemas.ts";
import { listingTerms } from "../listings/schemas.ts";

export const searchQuery = z.object({
  ...pagination,
  q: z
    .string()
    .trim()
    .min(1)
    .max(200)
    .describe('Vietnamese with or without diacritics ("ban dan" finds "bán dẫn") or English'),
  listedOnly: z
    .enum(["true", "false"])
    .default("false")
    .transform((v) => v === "true"),
});

export const searchResults = z.object({
  items: z.array(
    z.object({
      tokenId: decimalText,
      kind: z.enum(assetKinds),
      status: z.enum(assetStatuses),
      owner: hexAddress,
      title: z.string().nullable(),
      titleEn: z.string().nullable(),
      abstract: z.string().nullable(),
      abstractEn: z.string().nullable(),
      field: z.string().nullable(),
      trl: z.number().int().nullable(),
      openListing: listingTerms.nullable(),
    }),
  ),
  page: z.number().int(),
  limit: z.number().int(),
  total: z.number().int().describe("matches, counted up to 1000"),
  totalCapped: z.boolean().describe("there are more than `total` matches"),
});
