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
import { dealTypes } from "../listings/schemas.ts";

export const offerStates = ["OPEN", "ACCEPTED", "WITHDRAWN", "REJECTED", "EXPIRED"] as const;

export const offerListQuery = z.object({
  ...pagination,
  listingId: z.string().max(90).optional(),
  assetId: uint256.optional(),
  buyer: address.optional(),
  state: z.enum(offerStates).optional(),
  dealType: z.enum(dealTypes).optional(),
  sort: z.enum(["newest", "oldest", "amount_asc", "amount_desc"]).default("newest"),
});
export type OfferListQuery = z.output<typeof offerListQuery>;

export const offer = z.object({
  id: decimalText,
  listingId: z.string(),
  listingEpoch: z.number().int(),
  assetTokenId: decimalText,
  buyer: hexAddress,
  dealType: z.enum(dealTypes),
  amount: decimalText,
  expiresAt: timestamp,
  termsHash: hexBytes32,
  state: z.enum(offerStates),
  approvedDocumentHash: hexBytes32.nullable(),
  rejectionReason: hexBytes32.nullable(),
  closedAt: timestamp.nullable(),
  madeAt: timestamp,
  madeBlock: decimalText,
  createdAt: timestamp,
  updatedAt: timestamp,
});
export const offerPage = pageOf(offer);
export const offerDetail = offer.extend({
  agreement: z
    .object({ id: decimalText, status: z.string(), documentHash: hexBytes32 })
    .nullable()
    .describe("the agreement made from this offer, once accepted"),
  history,
});
