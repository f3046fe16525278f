import { ApiError, ErrorCode, notFound } from "../../errors.ts";
import { foldSearchText } from "../../db/search-text.ts";
import type { OrganisationKind, Prisma } from "../../generated/prisma/client.ts";
import type { ApiContext } from "../context.ts";
import { historyOf, pageWindow, type Page } from "../common.ts";
import { putFile, sha256Hex } from "../documents/store.ts";
import type { OrganisationListQuery, OrganisationProfile } from "./schemas.ts";

const publicFields = {
  address: true,
  profileHash: true,
  nameVi: true,
  nameEn: true,
  kind: true,
  province: true,
  contactEmail: true,
  contactPhone: true,
  website: true,
  admittedAt: true,
  removedAt: true,
} satisfies Prisma.OrganisationSelect;

export async function listOrganisations(
  ctx: ApiContext,
  query: OrganisationListQuery,
): Promise<Page<unknown>> {
  const prisma = ctx.prisma();
  const where: Prisma.OrganisationWhereInput = {
    kind: query.kind?.toUpperCase() as OrganisationKind | undefined,
    province: query.province,
    ...(query.includeRemoved ? {} : { removedAt: null }),
  };
  const orderBy: Prisma.OrganisationOrderByWithRelationInput[] = [
    { nameVi: { sort: "asc", nulls: "last" } },
    { address: "asc" },
  ];
  if (!query.q) {
    const [items, total] = await Promise.all([
      prisma.organisation.findMany({ where, orderBy, select: publicFields, ...pageWindow(query) }),
      prisma.organisation.count({ where }),
    ]);
    return { items, page: query.page, limit: query.limit, total };
  }
  // Member organisations number in the hundreds: folding their names here is cheaper than a column.
  const terms = foldSearchText(query.q).split(" ");
  const matching = (await prisma.organisation.findMany({ where, orderBy, select: publicFields })).filter(
    (o) => {
      const names = foldSearchText(`${o.nameVi ?? ""} ${o.nameEn ?? ""}`);
      return terms.every((term) => names.includes(term));
    },
  );
  const { skip, take } = pageWindow(query);
  return {
    items: matching.slice(skip, skip + take),
    page: query.page,
    limit: query.limit,
    total: matching.length,
  };
}

export async function getOrganisation(ctx: ApiContext, address: string) {
  const prisma = ctx.prisma();
  const organisation = await prisma.organisation.findUnique({
    where: { address },
    select: { ...publicFields, removalReason: true },
  });
  if (!organisation) throw notFound(ErrorCode.OrganisationNotFound, "organisation", address);
  const [assets, agreements] = await Promise.all([
    prisma.asset.count({ where: { owner: address } }),
    prisma.agreement.count({ where: { OR: [{ seller: address }, { buyer: address }] } }),
  ]);
  return {
    ...organisation,
    profileDocument: organisation.profileHash ? `/api/documents/${organisation.profileHash.slice(2)}` : null,
    assetCount: assets,
    agreementCount: agreements,
    history: await historyOf(prisma, "ORGANISATION", address),
  };
}

/**
 * Accepts the profile document of an admitted organisation. Anyone may submit it: the chain vouches
 * for it, since only bytes whose SHA-256 equals the on-chain `profileHash` are accepted.
 */
export async function putProfile(
  ctx: ApiContext,
  address: string,
  profile: OrganisationProfile,
  bytes: Buffer | undefined,
) {
  const prisma = ctx.prisma();
  const organisation = await prisma.organisation.findUnique({
    where: { address },
    select: { profileHash: true },
  });
  if (!organisation) throw notFound(ErrorCode.OrganisationNotFound, "organisation", address);
  if (!bytes) throw new ApiError(400, ErrorCode.BadRequest, "The profile must be sent as application/json.");
  const digest = `0x${sha256Hex(bytes)}`;
  if (organisation.profileHash?.toLowerCase() !== digest) {
    throw new ApiError(
      409,
      ErrorCode.HashMismatch,
      "The SHA-256 of this profile is not the profile hash on the chain.",
      {
        expected: organisation.profileHash,
        actual: digest,
      },
    );
  }
  await putFile(ctx.documentsDir, bytes);
  await prisma.$transaction([
    prisma.document.upsert({
      where: { sha256: digest },
      create: { sha256: digest, size: bytes.length, mimeType: "application/json", isPrivate: false },
      update: {},
    }),
    prisma.organisation.update({
      where: { address },
      data: {
        nameVi: profile.nameVi,
        nameEn: profile.nameEn ?? null,
        kind: profile.kind.toUpperCase() as OrganisationKind,
        province: profile.province,
        contactEmail: profile.contactEmail ?? null,
        contactPhone: profile.contactPhone ?? null,
        website: profile.website ?? null,
      },
    }),
  ]);
  return getOrganisation(ctx, address);
}
