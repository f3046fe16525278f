import { ErrorCode, notFound } from "../../errors.ts";
import type { Prisma } from "../../generated/prisma/client.ts";
import type { ApiContext } from "../context.ts";
import { pageWindow, type Page } from "../common.ts";
import { JsonText } from "../../http/json.ts";
import { assetSummaryJson, historyJson, isoTime, listingJson } from "../sql.ts";
import { assetsMatching } from "../search/service.ts";
import type { ListingListQuery } from "./schemas.ts";

const priceColumn = {
  ASSIGNMENT: "assignmentPrice",
  EXCLUSIVE_LICENCE: "exclusiveLicencePrice",
  NON_EXCLUSIVE_LICENCE: "nonExclusiveLicencePrice",
} as const;

export const listingAssetSummary = {
  select: {
    tokenId: true,
    kind: true,
    status: true,
    title: true,
    titleEn: true,
    field: true,
    trl: true,
    owner: true,
  },
} satisfies Prisma.AssetDefaultArgs;

export async function listListings(ctx: ApiContext, query: ListingListQuery): Promise<Page<unknown>> {
  const prisma = ctx.prisma();
  const price = query.dealType ? priceColumn[query.dealType] : undefined;
  const assetWhere: Prisma.AssetWhereInput = {
    kind: query.kind,
    field: query.field,
    ...(query.q ? { tokenId: { in: await assetsMatching(ctx, query.q) } } : {}),
  };
  const where: Prisma.ListingWhereInput = {
    state: query.state,
    seller: query.seller,
    assetTokenId: query.assetId,
    ...(price ? { [price]: { not: null, gte: query.minPrice, lte: query.maxPrice } } : {}),
    ...(Object.values(assetWhere).some((v) => v !== undefined) ? { asset: assetWhere } : {}),
  };
  const orderBy: Prisma.ListingOrderByWithRelationInput[] =
    price && query.sort.startsWith("price")
      ? [{ [price]: query.sort === "price_asc" ? "asc" : "desc" }, { id: "asc" }]
      : [{ openedBlock: query.sort === "oldest" ? "asc" : "desc" }, { id: "asc" }];
  const [items, total] = await Promise.all([
    prisma.listing.findMany({
      where,
      orderBy,
      include: { asset: listingAssetSummary },
      ...pageWindow(query),
    }),
    prisma.listing.count({ where }),
  ]);
  return {
    items: items.map((item) => ({
      ...item,
      tradable: item.state === "OPEN" && item.asset.status === "VERIFIED",
    })),
    page: query.page,
    limit: query.limit,
    total,
  };
}

const listingDetailSql = `
  select ${listingJson(
    "l",
    `, 'createdAt', ${isoTime("l.created_at")}, 'updatedAt', ${isoTime("l.updated_at")},
    'asset', ${assetSummaryJson("a")},
    'tradable', (l.state = 'OPEN' and a.status = 'VERIFIED'),
    'offerCount', (select count(*) from offers o where o.listing_id = l.id)::int,
    'history', ${historyJson("LISTING", "l.id")}`,
  )}::text as json
  from listings l join assets a on a.token_id = l.asset_token_id
  where l.id = $1`;

/**
 * The detail page is the hottest read of the exchange: one prepared statement, whose JSON PostgreSQL
 * writes and the response carries unchanged.
 */
export async function getListing(ctx: ApiContext, id: string) {
  const [listing] = await ctx.sql<{ json: string }>(listingDetailSql, [id], "techex_listing_detail");
  if (!listing) throw notFound(ErrorCode.ListingNotFound, "listing", id);
  return new JsonText(listing.json);
}
