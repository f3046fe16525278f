import { z } from "zod";
import { decimalText } from "../common.ts";

export const homeStatsResponse = z.object({
  counts: z.object({
    organisations: z.number().int(),
    assets: z.record(z.string(), z.number().int()).describe("by status"),
    openListings: z.number().int(),
    offers: z.number().int(),
    agreements: z.record(z.string(), z.number().int()).describe("by status"),
    licences: z.number().int(),
  }),
  openListingsByField: z.array(z.object({ field: z.string().nullable(), listings: z.number().int() })),
  volumeByField: z.array(
    z.object({ field: z.string().nullable(), deals: z.number().int(), volume: decimalText }),
  ),
  volumeByMonth: z.array(
    z.object({ month: z.string().describe("YYYY-MM"), deals: z.number().int(), volume: decimalText }),
  ),
});
