// Security headers for every response. The CSP lets the React app (same-origin scripts and styles,
// inline styles that Vite's CSS-in-JS and the docs page use, wallet RPC over fetch) run, and nothing
// else: no third-party scripts, no framing.
import { createHash } from "node:crypto";
import type { RequestHandler } from "express";

/** The policy, allowing besides same-origin scripts the inline ones with these SHA-256 digests (base64). */
export function contentSecurityPolicy(inlineScriptHashes: readonly string[] = []): string {
  return [
    "default-src 'self'",
    ["script-src 'self'", ...inlineScriptHashes.map((h) => `'sha256-${h}'`)].join(" "),
    "style-src 'self' 'unsafe-inline'",
    "img-src 'self' data: blob:",
    "font-src 'self' data:",
    // wallets and the chain's JSON-RPC may live on other origins (an L2 or a Besu node)
    "connect-src 'self' https: http://127.0.0.1:* http://localhost:* ws: wss:",
    "object-src 'none'",
    "base-uri 'self'",
    "form-action 'self'",
    "frame-ancestors 'none'",
  ].join("; ");
}

/** The CSP digest of every inline <script> of an HTML page, so that page may run exactly them. */
export function inlineScriptHashes(html: string): string[] {
  return [...html.matchAll(/<script>([\s\S]*?)<\/script>/g)].map((m) =>
    createHash("sha256").update(m[1]).digest("base64"),
  );
}

const defaultPolicy = contentSecurityPolicy();

export const securityHeaders: RequestHandler = (_req, res, next) => {
  res.setHeader("Content-Security-Policy", defaultPolicy);
  res.setHeader("X-Content-Type-Options", "nosniff");
  res.setHeader("X-Frame-Options", "DENY");
  res.setHeader("Referrer-Policy", "strict-origin-when-cross-origin");
  res.setHeader("Cross-Origin-Opener-Policy", "same-origin");
  res.setHeader("Cross-Origin-Resource-Policy", "same-origin");
  res.setHeader("Permissions-Policy", "camera=(), microphone=(), geolocation=()");
  next();
};
