import express from "express";
import { rateLimit } from "../../http/rate-limit.ts";
import type { ApiRegistry } from "../../http/route.ts";
import type { ApiContext } from "../context.ts";
import { requireSession, sessionOf, type SessionUser } from "../auth/session.ts";
import { documentInfo, documentParams, uploadQuery } from "./schemas.ts";
import { readDocument, uploadDocument } from "./service.ts";
import { allowedTypes } from "./store.ts";

const extension: Record<string, string> = {
  "application/pdf": "pdf",
  "image/png": "png",
  "image/jpeg": "jpg",
  "image/webp": "webp",
  "application/json": "json",
};

export function documentRoutes(api: ApiRegistry, ctx: ApiContext): void {
  api.add(
    {
      method: "post",
      path: "/api/documents",
      tag: "documents",
      auth: "session",
      summary: `Upload a document (PDF, PNG, JPEG or WebP, at most ${ctx.limits.uploadBytes} bytes), stored by its SHA-256`,
      query: uploadQuery,
      rawBody: allowedTypes,
      before: [
        rateLimit(ctx.rateLimits, "upload", { max: ctx.limits.uploadsPerMinute, windowMs: 60_000 }),
        // signed in before a byte of the body is read
        async (req, res, next) => {
          res.locals.user = await requireSession(ctx, req);
          next();
        },
        express.raw({ type: () => true, limit: ctx.limits.uploadBytes }),
      ],
      errors: [413, 415, 429],
      response: { status: 201, description: "the stored document's digest", schema: documentInfo },
    },
    async ({ query }, req, res) => {
      const user = res.locals.user as SessionUser;
      const bytes = Buffer.isBuffer(req.body) ? req.body : Buffer.alloc(0);
      const stored = await uploadDocument(ctx, user, bytes, req.get("content-type"), query);
      res.status(stored.created ? 201 : 200);
      return stored;
    },
  );
  api.add(
    {
      method: "get",
      path: "/api/documents/:hash",
      tag: "documents",
      auth: "optional",
      summary: "Download a document by its SHA-256; a private one only by those it concerns",
      params: documentParams,
      errors: [401, 403, 404],
      response: { description: "the document's bytes", mediaType: "application/octet-stream" },
    },
    async ({ params }, req, res) => {
      const { document, bytes } = await readDocument(ctx, params.hash, await sessionOf(ctx, req));
      res.setHeader("Content-Type", document.mimeType);
      res.setHeader(
        "Content-Disposition",
        `inline; filename="${params.hash}.${extension[document.mimeType] ?? "bin"}"`,
      );
      res.setHeader(
        "Cache-Control",
        document.isPrivate ? "private, no-store" : "public, max-age=31536000, immutable",
      );
      res.setHeader("ETag", `"${params.hash}"`);
      // a stored file is shown, never run: no scripts even if a viewer would execute them
      res.setHeader(
        "Content-Security-Policy",
        "sandbox; default-src 'none'; style-src 'unsafe-inline'; img-src 'self'",
      );
      res.end(bytes);
    },
  );
}
