import { ErrorCode, notFound } from "../../errors.ts";
import type { Prisma } from "../../generated/prisma/client.ts";
import type { ApiContext } from "../context.ts";
import { historyOf, pageWindow, type Page } from "../common.ts";
import { listingAssetSummary } from "../listings/service.ts";
import type { AgreementListQuery } from "./schemas.ts";

export async function listAgreements(ctx: ApiContext, query: AgreementListQuery): Promise<Page<unknown>> {
  const prisma = ctx.prisma();
  const where: Prisma.AgreementWhereInput = {
    status: query.status,
    dealType: query.dealType,
    seller: query.seller,
    buyer: query.buyer,
    assetTokenId: query.assetId,
    ...(query.party
      ? { OR: [{ seller: query.party }, { buyer: query.party }, { coOwners: { has: query.party } }] }
      : {}),
  };
  const orderBy: Prisma.AgreementOrderByWithRelationInput[] =
    query.sort === "deadline"
      ? [{ deadline: { sort: "asc", nulls: "last" } }, { id: "asc" }]
      : [{ id: query.sort === "oldest" ? "asc" : "desc" }];
  const [items, total] = await Promise.all([
    prisma.agreement.findMany({
      where,
      orderBy,
      include: { asset: listingAssetSummary },
      ...pageWindow(query),
    }),
    prisma.agreement.count({ where }),
  ]);
  return { items, page: query.page, limit: query.limit, total };
}

export async function getAgreement(ctx: ApiContext, id: string) {
  const prisma = ctx.prisma();
  const agreement = await prisma.agreement.findUnique({
    where: { id },
    include: { asset: listingAssetSummary, licences: true },
  });
  if (!agreement) throw notFound(ErrorCode.AgreementNotFound, "agreement", id);
  return { ...agreement, history: await historyOf(prisma, "AGREEMENT", id) };
}
