// Figures for the home page. Volume is the settled agreements' amounts, in settlement-token units,
// summed by the database as exact decimals and returned as strings.
import type { ApiContext } from "../context.ts";

export async function homeStats(ctx: ApiContext) {
  const prisma = ctx.prisma();
  const [
    organisations,
    assetsByStatus,
    openListings,
    offers,
    agreementsByStatus,
    licences,
    byField,
    byMonth,
    listingsByField,
  ] = await Promise.all([
    prisma.organisation.count({ where: { removedAt: null } }),
    prisma.asset.groupBy({ by: ["status"], _count: { _all: true } }),
    prisma.listing.count({ where: { state: "OPEN" } }),
    prisma.offer.count(),
    prisma.agreement.groupBy({ by: ["status"], _count: { _all: true } }),
    prisma.licence.count(),
    prisma.$queryRaw<{ field: string | null; deals: number; volume: string }[]>`
      select a.field, count(*)::int as deals, sum(g.amount)::text as volume
      from agreements g join assets a on a.token_id = g.asset_token_id
      where g.status = 'SETTLED'
      group by a.field order by sum(g.amount) desc limit 50`,
    prisma.$queryRaw<{ month: string; deals: number; volume: string }[]>`
      select to_char(date_trunc('month', g.settled_at at time zone 'UTC'), 'YYYY-MM') as month,
             count(*)::int as deals, sum(g.amount)::text as volume
      from agreements g
      where g.status = 'SETTLED' and g.settled_at is not null
      group by 1 order by 1 desc limit 24`,
    prisma.$queryRaw<{ field: string | null; listings: number }[]>`
      select a.field, count(*)::int as listings
      from listings l join assets a on a.token_id = l.asset_token_id
      where l.state = 'OPEN'
      group by a.field order by count(*) desc limit 50`,
  ]);
  return {
    counts: {
      organisations,
      assets: Object.fromEntries(assetsByStatus.map((row) => [row.status, row._count._all])),
      openListings,
      offers,
      agreements: Object.fromEntries(agreementsByStatus.map((row) => [row.status, row._count._all])),
      licences,
    },
    openListingsByField: listingsByField,
    volumeByField: byField,
    volumeByMonth: byMonth.reverse(),
  };
}
