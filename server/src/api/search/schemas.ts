import { z } from "zod";
import { decimalText, hexAddress, pagination, uint256 } from "../common.ts";
import { assetKinds, assetStatuses } from "../assets/schemas.ts";
import { dealTypes, listingTerms } from "../listings/schemas.ts";
import { trlBands } from "./index.ts";

export const searchQuery = z
  .object({
    ...pagination,
    q: z
      .string()
      .trim()
      .min(1)
      .max(200)
      .optional()
      .describe(
        'Vietnamese with or without diacritics ("ban dan" finds "bán dẫn") or English; whole words, one typo forgiven in words of five letters or more. Without it, every asset, newest first.',
      ),
    sort: z
      .enum(["relevance", "newest", "price_asc", "price_desc"])
      .optional()
      .describe(
        "relevance by default with a query, newest without; prices are the deal type's, else the lowest offered",
      ),
    listedOnly: z
      .enum(["true", "false"])
      .default("false")
      .transform((v) => v === "true"),
    field: z.string().trim().min(1).max(200).optional(),
    kind: z.enum(assetKinds).optional(),
    status: z.enum(assetStatuses).optional(),
    province: z.string().trim().min(1).max(200).optional(),
    trl: z.enum(trlBands).optional().describe("a TRL band"),
    dealType: z.enum(dealTypes).optional(),
    minPrice: uint256.optional(),
    maxPrice: uint256.optional(),
  })
  .refine(
    (q) => q.minPrice === undefined || q.maxPrice === undefined || BigInt(q.minPrice) <= BigInt(q.maxPrice),
    {
      message: "minPrice must not exceed maxPrice",
      path: ["minPrice"],
    },
  );

const textParts = z.array(z.object({ text: z.string(), match: z.boolean() }));
const facetCounts = z.array(z.object({ value: z.string(), count: z.number().int() }));

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
      score: z.number().describe("relevance to the query (0 without one)"),
      highlights: z
        .object({
          title: textParts,
          titleEn: textParts,
          snippet: z.object({ field: z.enum(["abstract", "abstractEn"]), parts: textParts }).nullable(),
        })
        .nullable()
        .describe("the texts cut into parts, the matched words marked; null without a query"),
    }),
  ),
  page: z.number().int(),
  limit: z.number().int(),
  total: z.number().int().describe("all matches"),
  facets: z
    .object({
      field: facetCounts,
      kind: facetCounts,
      status: facetCounts,
      province: facetCounts,
      trl: facetCounts,
      dealType: facetCounts,
      price: z.object({ min: decimalText, max: decimalText }).nullable(),
    })
    .describe("per facet, how many matches each value would give with the other filters kept"),
  corrections: z
    .array(z.object({ from: z.string(), to: z.string() }))
    .describe("words of the query taken as another word one edit away"),
});
