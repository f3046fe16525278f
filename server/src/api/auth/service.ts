// Sign-In with Ethereum (EIP-4361). The nonce is single-use and short-lived; the message must name
// this exchange's host, origin and chain; the signature is checked by `siwe`, which falls back to
// EIP-1271 for contract wallets through the provider. Nothing is written unless all of it holds.
import type { Request } from "express";
import { generateNonce, SiweErrorType, SiweMessage } from "siwe";
import { ApiError, ErrorCode } from "../../errors.ts";
import type { ApiContext } from "../context.ts";
import { newSessionToken } from "./session.ts";

export async function createNonce(ctx: ApiContext) {
  const prisma = ctx.prisma();
  const now = new Date();
  const nonce = generateNonce();
  const expiresAt = new Date(now.getTime() + ctx.limits.nonceTtlSeconds * 1000);
  await prisma.siweNonce.create({ data: { nonce, expiresAt } });
  // Housekeeping on the way: nonces an hour past expiry serve no one.
  await prisma.siweNonce.deleteMany({ where: { expiresAt: { lt: new Date(now.getTime() - 3_600_000) } } });
  return { nonce, expiresAt };
}

/** The origin sign-in messages must name: the configured public URL, else the request's own. */
function expectedOrigin(ctx: ApiContext, req: Request): URL {
  return new URL(ctx.deps.publicUrl ?? `${req.protocol}://${req.get("host") ?? "localhost"}`);
}

// Faults of the message itself; anything else (a wrong signature, or an EIP-1271 check that fails or
// cannot run because the address is not a contract) is the signature's.
const messageFaults = new Set<string>([
  SiweErrorType.EXPIRED_MESSAGE,
  SiweErrorType.NOT_YET_VALID_MESSAGE,
  SiweErrorType.INVALID_DOMAIN,
  SiweErrorType.DOMAIN_MISMATCH,
  SiweErrorType.SCHEME_MISMATCH,
  SiweErrorType.NONCE_MISMATCH,
  SiweErrorType.INVALID_ADDRESS,
  SiweErrorType.INVALID_URI,
  SiweErrorType.INVALID_NONCE,
  SiweErrorType.INVALID_TIME_FORMAT,
  SiweErrorType.INVALID_MESSAGE_VERSION,
  SiweErrorType.UNABLE_TO_PARSE,
]);

const invalidMessage = (message: string, details: Record<string, unknown> = {}) =>
  new ApiError(400, ErrorCode.SiweMessageInvalid, message, details);

export async function verifySignIn(
  ctx: ApiContext,
  req: Request,
  input: { message: string; signature: string },
) {
  const prisma = ctx.prisma();
  let message: SiweMessage;
  try {
    message = new SiweMessage(input.message);
  } catch (error) {
    throw invalidMessage("The message is not an EIP-4361 sign-in message.", {
      reason: String((error as Error)?.message ?? error),
    });
  }
  const origin = expectedOrigin(ctx, req);
  if (message.domain !== origin.host) {
    throw invalidMessage("The message is for another site.", {
      expected: origin.host,
      received: message.domain,
    });
  }
  let uri: URL;
  try {
    uri = new URL(message.uri);
  } catch {
    throw invalidMessage("The message's URI is not a URL.");
  }
  if (uri.origin !== origin.origin)
    throw invalidMessage("The message's URI is for another site.", {
      expected: origin.origin,
      received: uri.origin,
    });
  if (message.chainId !== ctx.chainId) {
    throw invalidMessage("The message is for another chain.", {
      expected: ctx.chainId,
      received: message.chainId,
    });
  }

  const now = new Date();
  const stored = await prisma.siweNonce.findUnique({ where: { nonce: message.nonce } });
  if (!stored || stored.usedAt || stored.expiresAt <= now) {
    throw new ApiError(
      401,
      ErrorCode.NonceInvalid,
      "The sign-in nonce is unknown, expired or already used; ask for a new one.",
    );
  }

  const result = await message.verify(
    { signature: input.signature, domain: origin.host, nonce: stored.nonce, time: now.toISOString() },
    // siwe's types name ethers v5's provider; at run time it accepts v6's.
    { provider: ctx.provider as never, suppressExceptions: true },
  );
  if (!result.success) {
    const type = String(result.error?.type ?? "");
    if (messageFaults.has(type)) throw invalidMessage(`The message was refused: ${type}`, { reason: type });
    throw new ApiError(
      401,
      ErrorCode.SiweSignatureInvalid,
      "The signature does not match the message's address.",
      { reason: type },
    );
  }

  const address = message.address.toLowerCase();
  const { token, id } = newSessionToken();
  const expiresAt = new Date(now.getTime() + ctx.limits.sessionTtlSeconds * 1000);
  const statementExpiry = message.expirationTime ? new Date(message.expirationTime) : undefined;
  const sessionExpiry = statementExpiry && statementExpiry < expiresAt ? statementExpiry : expiresAt;
  await prisma.$transaction(async (tx) => {
    const consumed = await tx.siweNonce.updateMany({
      where: { nonce: stored.nonce, usedAt: null, expiresAt: { gt: now } },
      data: { usedAt: now },
    });
    // a concurrent sign-in consumed it between our read and this write
    if (consumed.count !== 1)
      throw new ApiError(401, ErrorCode.NonceInvalid, "The sign-in nonce was already used.");
    await tx.session.create({ data: { id, address, chainId: message.chainId, expiresAt: sessionExpiry } });
  });
  return { token, user: { address, chainId: message.chainId, expiresAt: sessionExpiry } };
}

export async function signOut(ctx: ApiContext, sessionId: string | undefined): Promise<void> {
  if (sessionId) await ctx.prisma().session.deleteMany({ where: { id: sessionId } });
}
