// Serves the built web app (web/dist). Vite writes its content-hashed files under static/ (not
// assets/, which is one of the app's own routes: /assets/<id> is an asset's page), so:
//   /static/<file>  the file, cached for a year (its name changes whenever its bytes do), or a
//                   plain 404 — never the app, never a file path;
//   /<file>         another file at the top of dist (favicon…), revalidated on every use;
//   any other GET that asks for a page: index.html, revalidated — the app routes on the client, so
//                   every one of its URLs loads directly (reload, bookmark, shared link, QR code).
// Paths the server itself answers (/api/*, /healthz, /readyz, /metrics) are never shadowed.
// Text files leave compressed (brotli, else gzip) when the browser accepts it; each is compressed
// once, off the event loop, and kept until the file on disk changes.
import { createHash } from "node:crypto";
import { readFile, stat } from "node:fs/promises";
import path from "node:path";
import { promisify } from "node:util";
import { brotliCompress, constants as zlib, gzip } from "node:zlib";
import express, { type Request, type Response } from "express";

const serverPaths = /^\/(api(\/.*)?|healthz|readyz|metrics|status)$/;
const HASHED_DIR = "static";
const IMMUTABLE = "public, max-age=31536000, immutable";
const compressible = /\.(js|mjs|css|html|svg|json|txt|map|webmanifest)$/;
const brotli = promisify(brotliCompress);
const gzipAsync = promisify(gzip);

interface Prepared {
  mtimeMs: number;
  size: number;
  etag: string;
  raw: Buffer;
  br: Buffer | null;
  gzip: Buffer | null;
}

export function serveWebApp(app: express.Express, distDir: string): void {
  const root = path.resolve(distDir);
  const cache = new Map<string, Promise<Prepared | null>>();

  /** The file at `relative` (inside dist, or null), read and compressed once per version on disk. */
  const prepared = async (relative: string): Promise<Prepared | null> => {
    const file = path.resolve(root, relative);
    if (!file.startsWith(root + path.sep)) return null;
    const info = await stat(file).catch(() => null);
    if (!info?.isFile()) return null;
    const known = cache.get(file);
    const current = known ? await known : null;
    if (current && current.mtimeMs === info.mtimeMs && current.size === info.size) return current;
    const next = (async (): Promise<Prepared | null> => {
      const raw = await readFile(file).catch(() => null);
      if (!raw) return null;
      const worth = compressible.test(file) && raw.length > 1024;
      const [br, gz] = worth
        ? await Promise.all([
            brotli(raw, {
              params: {
                [zlib.BROTLI_PARAM_QUALITY]: 11,
                [zlib.BROTLI_PARAM_SIZE_HINT]: raw.length,
              },
            }),
            gzipAsync(raw, { level: 9 }),
          ])
        : [null, null];
      const etag = `"${createHash("sha256").update(raw).digest("base64url").slice(0, 27)}"`;
      return { mtimeMs: info.mtimeMs, size: info.size, etag, raw, br, gzip: gz };
    })();
    cache.set(file, next);
    return next;
  };

  const send = (req: Request, res: Response, file: Prepared, type: string, cacheControl: string) => {
    res.setHeader("Cache-Control", cacheControl);
    res.setHeader("ETag", file.etag);
    res.setHeader("Vary", "Accept-Encoding");
    res.type(type);
    if (req.headers["if-none-match"] === file.etag) {
      res.status(304).end();
      return;
    }
    const encoding = file.br ? req.acceptsEncodings("br", "gzip", "identity") : "identity";
    const body = encoding === "br" ? file.br! : encoding === "gzip" ? file.gzip! : file.raw;
    if (encoding === "br" || encoding === "gzip") res.setHeader("Content-Encoding", encoding);
    res.setHeader("Content-Length", String(body.length));
    if (req.method === "HEAD") res.end();
    else res.end(body);
  };

  app.use(async (req, res, next) => {
    if (req.method !== "GET" && req.method !== "HEAD") return next();
    if (serverPaths.test(req.path)) return next();
    const segments = req.path.split("/").filter(Boolean);
    if (segments[0] === HASHED_DIR) {
      const file =
        segments.length > 1 && !segments.some((s) => s === ".." || s.includes("\0"))
          ? await prepared(segments.join("/"))
          : null;
      if (!file) {
        res.status(404).setHeader("Cache-Control", "no-cache").type("text/plain").send("Not found");
        return;
      }
      send(req, res, file, path.extname(req.path), IMMUTABLE);
      return;
    }
    if (segments.length === 1 && segments[0] !== "index.html" && path.extname(segments[0])) {
      const file = await prepared(segments[0]);
      if (file) {
        send(req, res, file, path.extname(segments[0]), "no-cache");
        return;
      }
    }
    if (!req.accepts("html")) return next();
    const index = await prepared("index.html");
    if (!index) return next();
    send(req, res, index, "html", "no-cache");
  });
}
