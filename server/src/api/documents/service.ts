// Documents: content-addressed uploads (type checked by magic bytes), and downloads where a private
// document is served only to those it concerns. Who that is comes from the index (the parties of
// the agreement whose documentHash it is, the owner, registrant and co-owners of the asset whose
// contentHash it is, the organisation whose profile it is, its uploader) and from the chain (the
// IP office role; auditors: AUDITOR_ADDRESSES or the ADMIN role).
import { ApiError, ErrorCode } from "../../errors.ts";
import type { ApiContext } from "../context.ts";
import { rolesOf } from "../auth/roles.ts";
import type { SessionUser } from "../auth/session.ts";
import { allowedTypes, putFile, readStoredFile, sha256Hex, sniffType } from "./store.ts";

export async function uploadDocument(
  ctx: ApiContext,
  user: SessionUser,
  bytes: Buffer,
  declaredType: string | undefined,
  options: { private: boolean; filename?: string },
) {
  if (bytes.length === 0) throw new ApiError(400, ErrorCode.BadRequest, "The document is empty.");
  const sniffed = sniffType(bytes);
  const declared = declaredType?.split(";")[0].trim().toLowerCase();
  if (!sniffed || (declared && declared !== sniffed && declared !== "application/octet-stream")) {
    throw new ApiError(
      415,
      ErrorCode.UnsupportedMediaType,
      `Only ${allowedTypes.join(", ")} documents are accepted, recognised by their content.`,
      {
        declared: declared ?? null,
        detected: sniffed ?? null,
        allowed: allowedTypes,
      },
    );
  }
  const digest = sha256Hex(bytes);
  const bytes32 = `0x${digest}`;
  const prisma = ctx.prisma();
  const existing = await prisma.document.findUnique({ where: { sha256: bytes32 } });
  if (!existing) {
    await putFile(ctx.documentsDir, bytes);
    await prisma.document.upsert({
      where: { sha256: bytes32 },
      create: {
        sha256: bytes32,
        size: bytes.length,
        mimeType: sniffed,
        isPrivate: options.private,
        uploader: user.address,
        originalFilename: options.filename ?? null,
      },
      update: {},
    });
  }
  const stored = existing ?? (await prisma.document.findUniqueOrThrow({ where: { sha256: bytes32 } }));
  return {
    sha256: digest,
    bytes32,
    size: stored.size,
    mimeType: stored.mimeType,
    private: stored.isPrivate,
    url: `/api/documents/${digest}`,
    created: !existing,
  };
}

/** Whether `address` may read the private document `bytes32`. */
async function mayRead(
  ctx: ApiContext,
  address: string,
  bytes32: string,
  uploader: string | null,
): Promise<boolean> {
  if (uploader === address) return true;
  const prisma = ctx.prisma();
  const [agreement, asset, organisation] = await Promise.all([
    prisma.agreement.findFirst({
      where: {
        documentHash: bytes32,
        OR: [{ seller: address }, { buyer: address }, { coOwners: { has: address } }],
      },
      select: { id: true },
    }),
    prisma.asset.findFirst({
      where: {
        contentHash: bytes32,
        OR: [{ owner: address }, { registrant: address }, { coOwners: { some: { address } } }],
      },
      select: { tokenId: true },
    }),
    prisma.organisation.findFirst({ where: { profileHash: bytes32, address }, select: { address: true } }),
  ]);
  if (agreement || asset || organisation) return true;
  const roles = await rolesOf(ctx, address);
  return roles.ipOffice || roles.auditor;
}

export async function readDocument(ctx: ApiContext, digest: string, user: SessionUser | undefined) {
  const bytes32 = `0x${digest}`;
  const document = await ctx.prisma().document.findUnique({ where: { sha256: bytes32 } });
  if (!document)
    throw new ApiError(404, ErrorCode.DocumentNotFound, `No document ${digest}.`, { sha256: digest });
  if (document.isPrivate) {
    if (!user)
      throw new ApiError(
        401,
        ErrorCode.Unauthenticated,
        "This document is private: sign in with a wallet it concerns.",
      );
    if (!(await mayRead(ctx, user.address, bytes32, document.uploader))) {
      throw new ApiError(
        403,
        ErrorCode.Forbidden,
        "This document is private to the parties, the IP office and auditors.",
      );
    }
  }
  const bytes = await readStoredFile(ctx.documentsDir, digest);
  if (!bytes)
    throw new ApiError(
      404,
      ErrorCode.DocumentNotFound,
      `Document ${digest} is indexed but its file is missing.`,
      { sha256: digest },
    );
  return { document, bytes };
}
