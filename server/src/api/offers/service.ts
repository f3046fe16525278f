import { ErrorCode, notFound } from "../../errors.ts";
import type { Prisma } from "../../generated/prisma/client.ts";
import type { ApiContext } from "../context.ts";
import { historyOf, pageWindow, type Page } from "../common.ts";
import type { OfferListQuery } from "./schemas.ts";

export async function listOffers(ctx: ApiContext, query: OfferListQuery): Promise<Page<unknown>> {
  const prisma = ctx.prisma();
  const where: Prisma.OfferWhereInput = {
    listingId: query.listingId,
    assetTokenId: query.assetId,
    buyer: query.buyer,
    state: query.state,
    dealType: query.dealType,
  };
  const orderBy: Prisma.OfferOrderByWithRelationInput[] = query.sort.startsWith("amount")
    ? [{ amount: query.sort === "amount_asc" ? "asc" : "desc" }, { id: "asc" }]
    : [{ id: query.sort === "oldest" ? "asc" : "desc" }];
  const [items, total] = await Promise.all([
    prisma.offer.findMany({ where, orderBy, ...pageWindow(query) }),
    prisma.offer.count({ where }),
  ]);
  return { items, page: query.page, limit: query.limit, total };
}

export async function getOffer(ctx: ApiContext, id: string) {
  const prisma = ctx.prisma();
  const offer = await prisma.offer.findUnique({
    where: { id },
    include: { agreement: { select: { id: true, status: true, documentHash: true } } },
  });
  if (!offer) throw notFound(ErrorCode.OfferNotFound, "offer", id);
  return { ...offer, history: await historyOf(prisma, "OFFER", id) };
}
