// Sessions: a random token in an HttpOnly, SameSite cookie; the database keeps only its SHA-256, so
// a leaked sessions table cannot be replayed as cookies.
import { createHash, randomBytes } from "node:crypto";
import type { Request, Response } from "express";
import { ApiError, ErrorCode } from "../../errors.ts";
import type { ApiContext } from "../context.ts";

export const SESSION_COOKIE = "techex_session";

export interface SessionUser {
  address: string;
  chainId: number;
  expiresAt: Date;
}

const sessionIdOf = (token: string) => createHash("sha256").update(token).digest("hex");

function cookieToken(req: Request): string | undefined {
  for (const part of (req.headers.cookie ?? "").split(";")) {
    const [name, ...value] = part.trim().split("=");
    if (name === SESSION_COOKIE) {
      const token = value.join("=");
      return /^[A-Za-z0-9_-]{43}$/.test(token) ? token : undefined;
    }
  }
  return undefined;
}

/** A new session token and the id it is stored under. */
export function newSessionToken(): { token: string; id: string } {
  const token = randomBytes(32).toString("base64url");
  return { token, id: sessionIdOf(token) };
}

export function setSessionCookie(ctx: ApiContext, res: Response, token: string): void {
  res.cookie(SESSION_COOKIE, token, {
    httpOnly: true,
    sameSite: "lax",
    path: "/",
    secure: ctx.deps.publicUrl?.startsWith("https:") ?? false,
    maxAge: ctx.limits.sessionTtlSeconds * 1000,
  });
}

export function clearSessionCookie(ctx: ApiContext, res: Response): void {
  res.clearCookie(SESSION_COOKIE, {
    httpOnly: true,
    sameSite: "lax",
    path: "/",
    secure: ctx.deps.publicUrl?.startsWith("https:") ?? false,
  });
}

/** The signed-in wallet, if the request carries a live session. */
export async function sessionOf(
  ctx: ApiContext,
  req: Request,
): Promise<(SessionUser & { id: string }) | undefined> {
  const token = cookieToken(req);
  if (!token) return undefined;
  const session = await ctx.prisma().session.findUnique({ where: { id: sessionIdOf(token) } });
  if (!session || session.expiresAt <= new Date()) return undefined;
  return { id: session.id, address: session.address, chainId: session.chainId, expiresAt: session.expiresAt };
}

export async function requireSession(ctx: ApiContext, req: Request): Promise<SessionUser & { id: string }> {
  const user = await sessionOf(ctx, req);
  if (!user) throw new ApiError(401, ErrorCode.Unauthenticated, "Sign in with your wallet first.");
  return user;
}
