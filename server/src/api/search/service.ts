// Search over title, abstract and field (the assets' folded search column) and over the owning
// organisation's names. Both sides are folded with the indexer's own function, so "ban dan" finds
// "bán dẫn" and "Bán Dẫn" alike; English is matched the same way.
import { foldSearchText } from "../../db/search-text.ts";
import type { Prisma, PrismaClient } from "../../generated/prisma/client.ts";

/** Words of the query, folded; LIKE wildcards in them are escaped (Prisma's `contains` does not). */
export function searchTerms(query: string): string[] {
  return foldSearchText(query)
    .split(" ")
    .filter(Boolean)
    .slice(0, 8)
    .map((word) => word.replace(/[\\%_]/g, (c) => `\\${c}`));
}

/** Addresses of organisations whose Vietnamese or English name contains every term. */
async function organisationsMatching(prisma: PrismaClient, terms: string[]): Promise<string[]> {
  const organisations = await prisma.organisation.findMany({
    where: { OR: [{ nameVi: { not: null } }, { nameEn: { not: null } }] },
    select: { address: true, nameVi: true, nameEn: true },
  });
  return organisations
    .filter((o) => {
      const names = foldSearchText(`${o.nameVi ?? ""} ${o.nameEn ?? ""}`);
      return terms.every((term) => names.includes(term.replace(/\\(.)/g, "$1")));
    })
    .map((o) => o.address);
}

/** A filter on assets for the query: every term in the asset's text, or the owner's name matching. */
export async function assetSearchFilter(prisma: PrismaClient, query: string): Promise<Prisma.AssetWhereInput> {
  const terms = searchTerms(query);
  if (terms.length === 0) return {};
  const owners = await organisationsMatching(prisma, terms);
  const textMatch: Prisma.AssetWhereInput = { AND: terms.map((term) => ({ searchTextFolded: { contains: term } })) };
  return owners.length ? { OR: [textMatch, { owner: { in: owners } }] } : textMatch;
}

export interface SearchQuery {
  q: string;
  page: number;
  limit: number;
  listedOnly: boolean;
}

/** Assets matching the query, each with its open listing if any, newest first. */
export async function search(prisma: PrismaClient, query: SearchQuery) {
  const filter = await assetSearchFilter(prisma, query.q);
  const where: Prisma.AssetWhereInput = query.listedOnly ? { AND: [filter, { listings: { some: { state: "OPEN" } } }] } : filter;
  const [assets, total] = await Promise.all([
    prisma.asset.findMany({
      where,
      orderBy: [{ registeredBlock: "desc" }, { tokenId: "asc" }],
      skip: (query.page - 1) * query.limit,
      take: query.limit,
      select: {
        tokenId: true,
        kind: true,
        status: true,
        owner: true,
        title: true,
        titleEn: true,
        abstract: true,
        abstractEn: true,
        field: true,
        trl: true,
        listings: { where: { state: "OPEN" }, take: 1 },
      },
    }),
    prisma.asset.count({ where }),
  ]);
  const items = assets.map(({ listings, ...asset }) => ({ ...asset, openListing: listings[0] ?? null }));
  return { items, page: query.page, limit: query.limit, total };
}
