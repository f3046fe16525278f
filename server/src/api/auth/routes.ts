import { rateLimit } from "../../http/rate-limit.ts";
import type { ApiRegistry } from "../../http/route.ts";
import type { ApiContext } from "../context.ts";
import { rolesOf } from "./roles.ts";
import { meResponse, nonceResponse, signedInResponse, signedOutResponse, verifyBody } from "./schemas.ts";
import { createNonce, signOut, verifySignIn } from "./service.ts";
import { clearSessionCookie, requireSession, sessionOf, setSessionCookie } from "./session.ts";

export function authRoutes(api: ApiRegistry, ctx: ApiContext): void {
  const limit = rateLimit(ctx.rateLimits, "sign-in", { max: ctx.limits.signInPerMinute, windowMs: 60_000 });
  for (const method of ["get", "post"] as const) {
    api.add(
      {
        method,
        path: "/api/auth/nonce",
        tag: "auth",
        summary: `A single-use SIWE nonce, valid ${ctx.limits.nonceTtlSeconds} s`,
        before: [limit],
        errors: [429],
        response: { description: "the nonce to put in the message", schema: nonceResponse },
      },
      async (_input, _req, res) => {
        res.setHeader("Cache-Control", "no-store");
        return createNonce(ctx);
      },
    );
  }
  api.add(
    {
      method: "post",
      path: "/api/auth/verify",
      tag: "auth",
      summary:
        "Sign in: checks the SIWE message (domain, URI, chain, nonce, expiry) and signature (EIP-1271 too); sets the session cookie",
      body: verifyBody,
      before: [limit],
      errors: [401, 429],
      response: { description: "the signed-in wallet and its roles", schema: signedInResponse },
    },
    async ({ body }, req, res) => {
      const { token, user } = await verifySignIn(ctx, req, body);
      setSessionCookie(ctx, res, token);
      return { ...user, roles: await rolesOf(ctx, user.address).catch(() => null) };
    },
  );
  api.add(
    {
      method: "post",
      path: "/api/auth/logout",
      tag: "auth",
      summary: "Sign out: ends the session and clears the cookie",
      response: { description: "signed out", schema: signedOutResponse },
    },
    async (_input, req, res) => {
      await signOut(ctx, (await sessionOf(ctx, req))?.id);
      clearSessionCookie(ctx, res);
      return { signedIn: false };
    },
  );
  api.add(
    {
      method: "get",
      path: "/api/auth/me",
      tag: "auth",
      auth: "session",
      summary: "The signed-in wallet and its roles, read from the AccessManager on the chain",
      errors: [503],
      response: { description: "the signed-in wallet", schema: meResponse },
    },
    async (_input, req) => {
      const { id: _id, ...user } = await requireSession(ctx, req);
      return { ...user, roles: await rolesOf(ctx, user.address) };
    },
  );
}
