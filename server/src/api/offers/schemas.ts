import { z } from "zod";
import { address, pagination, uint256 } from "../common.ts";
import { dealTypes } from "../listings/schemas.ts";

export const offerListQuery = z.object({
  ...pagination,
  listingId: z.string().max(90).optional(),
  assetId: uint256.optional(),
  buyer: address.optional(),
  state: z.enum(["OPEN", "ACCEPTED", "WITHDRAWN", "REJECTED", "EXPIRED"]).optional(),
  dealType: z.enum(dealTypes).optional(),
  sort: z.enum(["newest", "oldest", "amount_asc", "amount_desc"]).default("newest"),
});
export type OfferListQuery = z.output<typeof offerListQuery>;
