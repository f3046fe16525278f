// The index as rows that depend only on the chain, for comparing an index with a fresh re-index.
import type { PrismaClient } from "../../../server/src/generated/prisma/client.ts";

/** Projections and raw events without surrogate ids and write times, for comparing two indexes. */
export async function indexTables(prisma: PrismaClient) {
  const plain = (value: unknown) =>
    JSON.parse(
      JSON.stringify(value, (_k, v: unknown) => (typeof v === "bigint" ? v.toString() : v)),
    ) as unknown;
  // Surrogate ids of raw events and history rows depend on insertion order, not on the chain.
  const strip = (rows: object[], surrogateId = false) =>
    rows.map((row) => {
      const { id, createdAt: _c, updatedAt: _u, ...rest } = row as Record<string, unknown>;
      return plain(surrogateId ? rest : { id, ...rest });
    });
  return {
    organisations: strip(await prisma.organisation.findMany({ orderBy: { address: "asc" } })),
    assets: strip(await prisma.asset.findMany({ orderBy: { tokenId: "asc" } })),
    assetCoOwners: strip(
      await prisma.assetCoOwner.findMany({ orderBy: [{ assetTokenId: "asc" }, { address: "asc" }] }),
      true,
    ),
    listings: strip(await prisma.listing.findMany({ orderBy: { id: "asc" } })),
    offers: strip(await prisma.offer.findMany({ orderBy: { id: "asc" } })),
    agreements: strip(await prisma.agreement.findMany({ orderBy: { id: "asc" } })),
    licences: strip(await prisma.licence.findMany({ orderBy: { id: "asc" } })),
    events: strip(
      await prisma.chainEvent.findMany({ orderBy: [{ blockNumber: "asc" }, { logIndex: "asc" }] }),
      true,
    ),
    activities: strip(
      await prisma.activity.findMany({
        orderBy: [{ blockNumber: "asc" }, { logIndex: "asc" }, { entityType: "asc" }],
      }),
      true,
    ),
    checkpoints: strip(await prisma.indexerCheckpoint.findMany()),
  };
}
