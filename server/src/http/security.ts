// Security headers for every response, set by helmet (its defaults besides ours: HSTS, no DNS
// prefetch, Origin-Agent-Cluster, X-XSS-Protection off, …). The CSP lets the React app (same-origin
// scripts and styles, inline styles that Vite's CSS-in-JS and the docs page use, wallet RPC over
// fetch) run, and nothing else: no third-party scripts, no framing. Pages with inline scripts (the
// status and docs pages) replace the header with the same policy plus their scripts' digests.
import { createHash } from "node:crypto";
import type { RequestHandler } from "express";
import helmet from "helmet";

const directives: Record<string, string[]> = {
  "default-src": ["'self'"],
  "script-src": ["'self'"],
  "style-src": ["'self'", "'unsafe-inline'"],
  "img-src": ["'self'", "data:", "blob:"],
  "font-src": ["'self'", "data:"],
  // wallets and the chain's JSON-RPC may live on other origins (an L2 or a Besu node)
  "connect-src": ["'self'", "https:", "http://127.0.0.1:*", "http://localhost:*", "ws:", "wss:"],
  "object-src": ["'none'"],
  "base-uri": ["'self'"],
  "form-action": ["'self'"],
  "frame-ancestors": ["'none'"],
};

/** The policy, allowing besides same-origin scripts the inline ones with these SHA-256 digests (base64). */
export function contentSecurityPolicy(inlineScriptHashes: readonly string[] = []): string {
  return Object.entries(directives)
    .map(([name, values]) =>
      [
        name,
        ...values,
        ...(name === "script-src" ? inlineScriptHashes.map((h) => `'sha256-${h}'`) : []),
      ].join(" "),
    )
    .join("; ");
}

/** The CSP digest of every inline <script> of an HTML page, so that page may run exactly them. */
export function inlineScriptHashes(html: string): string[] {
  return [...html.matchAll(/<script>([\s\S]*?)<\/script>/g)].map((m) =>
    createHash("sha256").update(m[1]).digest("base64"),
  );
}

const headers = helmet({
  contentSecurityPolicy: { useDefaults: false, directives },
  frameguard: { action: "deny" },
  referrerPolicy: { policy: "strict-origin-when-cross-origin" },
  crossOriginOpenerPolicy: { policy: "same-origin" },
  crossOriginResourcePolicy: { policy: "same-origin" },
});

export const securityHeaders: RequestHandler = (req, res, next) => {
  // helmet has no Permissions-Policy: the one header it leaves to us
  res.setHeader("Permissions-Policy", "camera=(), microphone=(), geolocation=()");
  headers(req, res, next);
};
