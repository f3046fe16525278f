import { z } from "zod";

export const documentParams = z.object({
  hash: z.string().regex(/^[0-9a-f]{64}$/, "must be the SHA-256 as 64 lower-case hex digits"),
});

export const uploadQuery = z.object({
  private: z
    .enum(["true", "false"])
    .default("false")
    .transform((v) => v === "true")
    .describe(
      "served only to the parties of the agreement or asset it belongs to, the IP office and auditors",
    ),
  filename: z
    .string()
    .trim()
    .min(1)
    .max(200)
    .regex(/^[^\\/:*?"<>|]+$/, "must be a plain file name")
    .refine((v) => ![...v].some((c) => c.charCodeAt(0) < 32), "must not contain control characters")
    .optional(),
});

export const documentInfo = z.object({
  sha256: z.string().describe("64 hex digits"),
  bytes32: z.string().describe("the same digest as the 0x-prefixed bytes32 anchored on-chain"),
  size: z.number(),
  mimeType: z.string(),
  private: z.boolean(),
  url: z.string(),
  created: z.boolean().describe("false when the same bytes were already stored"),
});
