import { z } from "zod";
import { pagination } from "../common.ts";

export const searchQuery = z.object({
  ...pagination,
  q: z
    .string()
    .trim()
    .min(1)
    .max(200)
    .describe('Vietnamese with or without diacritics ("ban dan" finds "bán dẫn") or English'),
  listedOnly: z
    .enum(["true", "false"])
    .default("false")
    .transform((v) => v === "true"),
});
