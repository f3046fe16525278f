import { z } from "zod";
import { uint256 } from "../common.ts";

export const agreementAuditParams = z.object({ id: uint256 });
export const txAuditParams = z.object({
  hash: z
    .string()
    .regex(/^0x[0-9a-fA-F]{64}$/, "must be a 0x-prefixed 32-byte transaction hash")
    .transform((v) => v.toLowerCase()),
});
