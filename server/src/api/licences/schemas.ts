import { z } from "zod";
import { address, flag, pagination, uint256 } from "../common.ts";

export const licenceListQuery = z.object({
  ...pagination,
  assetId: uint256.optional(),
  licensee: address.optional(),
  exclusive: flag.optional(),
  active: flag.optional().describe("true: neither revoked nor ended; false: revoked or ended"),
  sort: z.enum(["newest", "oldest", "ends"]).default("newest"),
});
export type LicenceListQuery = z.output<typeof licenceListQuery>;
