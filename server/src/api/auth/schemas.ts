import { z } from "zod";

export const verifyBody = z.object({
  message: z.string().min(1).max(4_000).describe("the EIP-4361 message the wallet signed"),
  signature: z
    .string()
    .regex(/^0x([0-9a-fA-F]{2})+$/, "must be 0x-prefixed hex")
    .max(20_000)
    .describe("the wallet's signature (65 bytes for an account, any length for an EIP-1271 contract wallet)"),
});

export const nonceResponse = z.object({ nonce: z.string(), expiresAt: z.string() });

export const meResponse = z.object({
  address: z.string(),
  chainId: z.number(),
  expiresAt: z.string(),
  roles: z.object({
    admin: z.boolean(),
    ipOffice: z.boolean(),
    pauser: z.boolean(),
    member: z.boolean(),
    auditor: z.boolean(),
  }),
});

export const signedOutResponse = z.object({ signedIn: z.literal(false) });

export const signedInResponse = meResponse.extend({
  roles: meResponse.shape.roles.nullable().describe("null when the chain could not be read"),
});
