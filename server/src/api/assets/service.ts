import { ErrorCode, notFound } from "../../errors.ts";
import type { Prisma } from "../../generated/prisma/client.ts";
import type { ApiContext } from "../context.ts";
import { historyOf, pageWindow, type Page } from "../common.ts";
import { assetSearchFilter } from "../search/service.ts";
import type { AssetListQuery } from "./schemas.ts";

const summary = {
  tokenId: true,
  kind: true,
  status: true,
  owner: true,
  title: true,
  titleEn: true,
  field: true,
  trl: true,
  protectionExpiresAt: true,
  registeredAt: true,
  registeredBlock: true,
} satisfies Prisma.AssetSelect;

export async function listAssets(ctx: ApiContext, query: AssetListQuery): Promise<Page<unknown>> {
  const prisma = ctx.prisma();
  const where: Prisma.AssetWhereInput = {
    status: query.status,
    kind: query.kind,
    field: query.field,
    owner: query.owner,
    ...(query.q ? await assetSearchFilter(prisma, query.q) : {}),
  };
  const orderBy: Prisma.AssetOrderByWithRelationInput[] =
    query.sort === "title"
      ? [{ title: "asc" }, { tokenId: "asc" }]
      : [{ registeredBlock: query.sort === "oldest" ? "asc" : "desc" }, { tokenId: "asc" }];
  const [items, total] = await Promise.all([
    prisma.asset.findMany({ where, orderBy, select: summary, ...pageWindow(query) }),
    prisma.asset.count({ where }),
  ]);
  return { items, page: query.page, limit: query.limit, total };
}

export async function getAsset(ctx: ApiContext, id: string) {
  const prisma = ctx.prisma();
  const asset = await prisma.asset.findUnique({
    where: { tokenId: id },
    include: {
      coOwners: { select: { address: true, shareBps: true } },
      listings: { orderBy: { epoch: "desc" }, take: 1 },
      licences: { where: { revokedAt: null }, select: { id: true, licensee: true, exclusive: true, endsAt: true } },
    },
  });
  if (!asset) throw notFound(ErrorCode.AssetNotFound, "asset", id);
  const { searchText: _text, searchTextFolded: _folded, listings, ...rest } = asset;
  const organisation = await prisma.organisation.findUnique({
    where: { address: asset.owner },
    select: { address: true, nameVi: true, nameEn: true, kind: true, province: true },
  });
  return { ...rest, currentListing: listings[0] ?? null, ownerOrganisation: organisation, history: await historyOf(prisma, "ASSET", id) };
}
