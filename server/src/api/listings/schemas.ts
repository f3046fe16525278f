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
  uint256,
} from "../common.ts";
import { assetKinds, assetSummary } from "../assets/schemas.ts";

export const dealTypes = ["ASSIGNMENT", "EXCLUSIVE_LICENCE", "NON_EXCLUSIVE_LICENCE"] as const;

export const listingListQuery = z
  .object({
    ...pagination,
    q: z
      .string()
      .trim()
      .min(1)
      .max(200)
      .optional()
      .describe("words of the asset's title, abstract, field or owner"),
    state: z.enum(["OPEN", "PAUSED", "CLOSED"]).optional(),
    dealType: z
      .enum(dealTypes)
      .optional()
      .describe("only listings offering this deal type; price filters and sorts use its price"),
    minPrice: uint256.optional(),
    maxPrice: uint256.optional(),
    seller: address.optional(),
    assetId: uint256.optional(),
    kind: z.enum(assetKinds).optional(),
    field: z.string().trim().min(1).max(200).optional(),
    sort: z.enum(["newest", "oldest", "price_asc", "price_desc"]).default("newest"),
  })
  .refine((q) => q.dealType || (!q.minPrice && !q.maxPrice && !q.sort.startsWith("price")), {
    message: "price filters and sorts need dealType",
    path: ["dealType"],
  });
export type ListingListQuery = z.output<typeof listingListQuery>;

export const listingParams = z.object({
  id: z.string().regex(/^(0|[1-9]\d{0,77})-(0|[1-9]\d{0,9})$/, 'must be "<assetTokenId>-<epoch>"'),
});

export const listingStates = ["OPEN", "PAUSED", "CLOSED"] as const;

/** A listing's terms and state; a null price means that deal type is not offered. */
export const listingTerms = z.object({
  id: z.string().describe('"<assetTokenId>-<epoch>"'),
  assetTokenId: decimalText,
  epoch: z.number().int(),
  seller: hexAddress,
  paymentToken: hexAddress,
  assignmentPrice: decimalText.nullable(),
  exclusiveLicencePrice: decimalText.nullable(),
  nonExclusiveLicencePrice: decimalText.nullable(),
  territory: z.string().nullable(),
  fieldOfUse: z.string().nullable(),
  licenceDurationSeconds: decimalText.nullable(),
  sublicensingAllowed: z.boolean(),
  royaltyBps: z.number().int().nullable(),
  termsHash: hexBytes32.nullable(),
  state: z.enum(listingStates),
  openedAt: timestamp,
  openedBlock: decimalText,
});

export const listing = listingTerms.extend({ createdAt: timestamp, updatedAt: timestamp });
const tradable = z
  .boolean()
  .describe(
    "whether offers can be made and accepted now: the listing is open and its asset verified (a suspended or revoked asset's open listing cannot trade)",
  );
export const listingPage = pageOf(listing.extend({ asset: assetSummary, tradable }));
export const listingDetail = listing.extend({
  asset: assetSummary,
  tradable,
  offerCount: z.number().int(),
  history,
});
