import { ApiError, ErrorCode, notFound } from "../../errors.ts";
import { searchColumns } from "../../db/search-text.ts";
import { putFile, sha256Hex } from "../documents/store.ts";
import type { Prisma } from "../../generated/prisma/client.ts";
import type { ApiContext } from "../context.ts";
import { historyOf, pageWindow, type Page } from "../common.ts";
import { assetsMatching } from "../search/service.ts";
import type { AssetListQuery, AssetMetadata } from "./schemas.ts";

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
    ...(query.q ? { tokenId: { in: await assetsMatching(ctx, query.q) } } : {}),
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
      licences: {
        where: { revokedAt: null },
        select: { id: true, licensee: true, exclusive: true, endsAt: true },
      },
    },
  });
  if (!asset) throw notFound(ErrorCode.AssetNotFound, "asset", id);
  const { searchText: _text, searchTextFolded: _folded, listings, ...rest } = asset;
  const organisation = await prisma.organisation.findUnique({
    where: { address: asset.owner },
    select: { address: true, nameVi: true, nameEn: true, kind: true, province: true },
  });
  return {
    ...rest,
    currentListing: listings[0] ?? null,
    ownerOrganisation: organisation,
    history: await historyOf(prisma, "ASSET", id),
  };
}

/**
 * Accepts an asset's metadata document. Anyone may submit it: only bytes whose SHA-256 equals the
 * on-chain `contentHash` are accepted. Fills the cached fields and both search columns.
 */
export async function putMetadata(
  ctx: ApiContext,
  id: string,
  metadata: AssetMetadata,
  bytes: Buffer | undefined,
) {
  const prisma = ctx.prisma();
  const asset = await prisma.asset.findUnique({ where: { tokenId: id }, select: { contentHash: true } });
  if (!asset) throw notFound(ErrorCode.AssetNotFound, "asset", id);
  if (!bytes) throw new ApiError(400, ErrorCode.BadRequest, "The metadata must be sent as application/json.");
  const digest = `0x${sha256Hex(bytes)}`;
  if (asset.contentHash.toLowerCase() !== digest) {
    throw new ApiError(
      409,
      ErrorCode.HashMismatch,
      "The SHA-256 of this metadata is not the content hash on the chain.",
      {
        expected: asset.contentHash,
        actual: digest,
      },
    );
  }
  await putFile(ctx.documentsDir, bytes);
  const fields = {
    title: metadata.title,
    titleEn: metadata.titleEn ?? null,
    abstract: metadata.abstract ?? null,
    abstractEn: metadata.abstractEn ?? null,
    field: metadata.field ?? null,
    trl: metadata.trl ?? null,
  };
  await prisma.$transaction([
    prisma.document.upsert({
      where: { sha256: digest },
      create: { sha256: digest, size: bytes.length, mimeType: "application/json", isPrivate: false },
      update: {},
    }),
    prisma.asset.update({
      where: { tokenId: id },
      data: {
        ...fields,
        ...searchColumns([fields.title, fields.titleEn, fields.abstract, fields.abstractEn, fields.field]),
      },
    }),
  ]);
  return getAsset(ctx, id);
}
