import { ErrorCode, notFound } from "../../errors.ts";
import type { Prisma } from "../../generated/prisma/client.ts";
import type { ApiContext } from "../context.ts";
import { historyOf, pageWindow, type Page } from "../common.ts";
import { listingAssetSummary } from "../listings/service.ts";
import type { LicenceListQuery } from "./schemas.ts";

function activity(active: boolean | undefined, now: Date): Prisma.LicenceWhereInput {
  if (active === undefined) return {};
  return active
    ? { revokedAt: null, OR: [{ endsAt: null }, { endsAt: { gt: now } }] }
    : { OR: [{ revokedAt: { not: null } }, { endsAt: { lte: now } }] };
}

export async function listLicences(ctx: ApiContext, query: LicenceListQuery): Promise<Page<unknown>> {
  const prisma = ctx.prisma();
  const where: Prisma.LicenceWhereInput = {
    assetTokenId: query.assetId,
    licensee: query.licensee,
    exclusive: query.exclusive,
    ...activity(query.active, new Date()),
  };
  const orderBy: Prisma.LicenceOrderByWithRelationInput[] =
    query.sort === "ends"
      ? [{ endsAt: { sort: "asc", nulls: "last" } }, { id: "asc" }]
      : [{ id: query.sort === "oldest" ? "asc" : "desc" }];
  const [items, total] = await Promise.all([
    prisma.licence.findMany({
      where,
      orderBy,
      include: { asset: listingAssetSummary },
      ...pageWindow(query),
    }),
    prisma.licence.count({ where }),
  ]);
  return { items, page: query.page, limit: query.limit, total };
}

export async function getLicence(ctx: ApiContext, id: string) {
  const prisma = ctx.prisma();
  const licence = await prisma.licence.findUnique({ where: { id }, include: { asset: listingAssetSummary } });
  if (!licence) throw notFound(ErrorCode.LicenceNotFound, "licence", id);
  const now = new Date();
  const active = !licence.revokedAt && (!licence.endsAt || licence.endsAt > now);
  return { ...licence, active, history: await historyOf(prisma, "LICENCE", id) };
}
