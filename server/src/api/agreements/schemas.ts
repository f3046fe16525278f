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
import { assetSummary } from "../assets/schemas.ts";
import { licence } from "../licences/schemas.ts";
import { dealTypes } from "../listings/schemas.ts";

export const agreementStatuses = [
  "AWAITING_BUYER_CONSENT",
  "AWAITING_REGISTRATION",
  "SETTLED",
  "REFUSED",
  "RECLAIMED",
] as const;

export const agreementListQuery = z.object({
  ...pagination,
  status: z.enum(agreementStatuses).optional(),
  dealType: z.enum(dealTypes).optional(),
  seller: address.optional(),
  buyer: address.optional(),
  party: address.optional().describe("seller, buyer or co-owner"),
  assetId: uint256.optional(),
  sort: z.enum(["newest", "oldest", "deadline"]).default("newest"),
});
export type AgreementListQuery = z.output<typeof agreementListQuery>;

export const agreement = z.object({
  id: decimalText,
  offerId: decimalText,
  listingId: z.string(),
  assetTokenId: decimalText,
  seller: hexAddress,
  buyer: hexAddress,
  dealType: z.enum(dealTypes),
  documentHash: hexBytes32.describe("SHA-256 of the signed agreement document"),
  status: z.enum(agreementStatuses),
  registrationRequired: z.boolean(),
  amount: decimalText,
  fee: decimalText.nullable(),
  sellerProceeds: decimalText.nullable(),
  deadline: timestamp.nullable(),
  registrar: hexAddress.nullable(),
  refusalReason: z.string().nullable(),
  coOwners: z.array(hexAddress),
  treasury: hexAddress.nullable(),
  closedAt: timestamp.nullable(),
  createdAtChain: timestamp,
  createdBlock: decimalText,
  buyerConsentedAt: timestamp.nullable(),
  settledAt: timestamp.nullable(),
  createdAt: timestamp,
  updatedAt: timestamp,
  asset: assetSummary,
});
export const agreementPage = pageOf(agreement);
export const agreementDetail = agreement.extend({ licences: z.array(licence), history });
