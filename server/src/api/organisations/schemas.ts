import { z } from "zod";
import { address, hexAddress, hexBytes32, history, pageOf, pagination, timestamp } from "../common.ts";

export const organisationKinds = ["institute", "university", "company"] as const;

export const organisationListQuery = z.object({
  ...pagination,
  q: z
    .string()
    .trim()
    .min(1)
    .max(200)
    .optional()
    .describe("words of the Vietnamese or English name, with or without diacritics"),
  kind: z.enum(organisationKinds).optional(),
  province: z.string().trim().min(1).max(100).optional(),
  includeRemoved: z
    .enum(["true", "false"])
    .default("false")
    .transform((v) => v === "true"),
});
export type OrganisationListQuery = z.output<typeof organisationListQuery>;

export const organisationParams = z.object({ address });

/**
 * The profile document of a member organisation. Its SHA-256, over the exact bytes sent, is the
 * `profileHash` the operator passed to `Membership.admit`.
 */
export const organisationProfile = z.object({
  nameVi: z.string().trim().min(1).max(300),
  nameEn: z.string().trim().min(1).max(300).optional(),
  kind: z.enum(organisationKinds),
  province: z.string().trim().min(1).max(100),
  contactEmail: z.email().max(200).optional(),
  contactPhone: z
    .string()
    .regex(/^\+?[0-9 ().-]{6,30}$/)
    .optional(),
  website: z
    .url({ protocol: /^https?$/ })
    .max(300)
    .optional(),
});
export type OrganisationProfile = z.output<typeof organisationProfile>;

export const organisation = z.object({
  address: hexAddress,
  profileHash: hexBytes32.nullable(),
  nameVi: z.string().nullable().describe("null until the profile document is submitted"),
  nameEn: z.string().nullable(),
  kind: z.enum(["INSTITUTE", "UNIVERSITY", "COMPANY"]).nullable(),
  province: z.string().nullable(),
  contactEmail: z.string().nullable(),
  contactPhone: z.string().nullable(),
  website: z.string().nullable(),
  admittedAt: timestamp.nullable(),
  removedAt: timestamp.nullable(),
});
export const organisationPage = pageOf(organisation);
export const organisationDetail = organisation.extend({
  removalReason: hexBytes32.nullable(),
  profileDocument: z.string().nullable().describe("where the profile document is served"),
  assetCount: z.number().int(),
  agreementCount: z.number().int(),
  history,
});
