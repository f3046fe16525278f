import { z } from "zod";
import { address, pagination, uint256 } from "../common.ts";
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
