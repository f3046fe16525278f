import { z } from "zod";
import {
  address,
  decimalText,
  flag,
  hexAddress,
  history,
  pageOf,
  pagination,
  timestamp,
  uint256,
} from "../common.ts";
import { assetSummary } from "../assets/schemas.ts";

export const licenceListQuery = z.object({
  ...pagination,
  assetId: uint256.optional(),
  licensee: address.optional(),
  exclusive: flag.optional(),
  active: flag.optional().describe("true: neither revoked nor ended; false: revoked or ended"),
  sort: z.enum(["newest", "oldest", "ends"]).default("newest"),
});
export type LicenceListQuery = z.output<typeof licenceListQuery>;

export const licence = z.object({
  id: decimalText,
  assetTokenId: decimalText,
  agreementId: decimalText.nullable(),
  licensee: hexAddress,
  exclusive: z.boolean(),
  territory: z.string().nullable(),
  fieldOfUse: z.string().nullable(),
  sublicensing: z.boolean(),
  royaltyBps: z.number().int().nullable(),
  startsAt: timestamp,
  endsAt: timestamp.nullable(),
  revokedAt: timestamp.nullable(),
  revocationReason: z.string().nullable(),
  issuedBlock: decimalText,
  createdAt: timestamp,
  updatedAt: timestamp,
});
export const licencePage = pageOf(licence.extend({ asset: assetSummary }));
export const licenceDetail = licence.extend({
  asset: assetSummary,
  active: z.boolean().describe("neither revoked nor ended"),
  history,
});
