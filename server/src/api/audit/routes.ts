import express, { type Request } from "express";
import { rateLimit } from "../../http/rate-limit.ts";
import type { ApiRegistry } from "../../http/route.ts";
import type { ApiContext } from "../context.ts";
import { renderCertificate } from "./certificate.ts";
import { fromTheChain } from "./chain.ts";
import {
  agreementAudit,
  agreementAuditParams,
  documentAudit,
  transactionAudit,
  txAuditParams,
} from "./schemas.ts";
import { auditAgreement, auditDocument, auditTransaction } from "./service.ts";

export function auditRoutes(api: ApiRegistry, ctx: ApiContext): void {
  const origin = (req: Request) =>
    ctx.deps.publicUrl ?? `${req.protocol}://${req.get("host") ?? "localhost"}`;
  api.add(
    {
      method: "get",
      path: "/api/audit/agreements/:id",
      tag: "audit",
      response: { description: "the audit, recomputed from the chain", schema: agreementAudit },
      summary:
        "Verify an agreement against the chain: document hash, consents, registrar's act, settlement; and whether the index agrees",
      params: agreementAuditParams,
      errors: [404, 503],
    },
    ({ params }) => fromTheChain(auditAgreement(ctx, BigInt(params.id))),
  );
  api.add(
    {
      method: "get",
      path: "/api/audit/agreements/:id/certificate",
      tag: "audit",
      summary: "The printable verification certificate, with a QR code linking to the public check",
      params: agreementAuditParams,
      errors: [404, 503],
      response: { description: "HTML", mediaType: "text/html" },
    },
    async ({ params }, req, res) => {
      const audit = await fromTheChain(auditAgreement(ctx, BigInt(params.id)));
      res
        .type("html")
        .send(await renderCertificate(audit, `${origin(req)}/api/audit/agreements/${params.id}`));
    },
  );
  api.add(
    {
      method: "get",
      path: "/api/audit/tx/:hash",
      tag: "audit",
      response: {
        description: "the transaction decoded, and its agreement audited",
        schema: transactionAudit,
      },
      summary: "Decode a transaction's exchange events and verify the agreement it belongs to",
      params: txAuditParams,
      errors: [404, 503],
    },
    ({ params }) => fromTheChain(auditTransaction(ctx, params.hash)),
  );
  api.add(
    {
      method: "post",
      path: "/api/audit/document",
      tag: "audit",
      response: { description: "the agreements binding the document, each audited", schema: documentAudit },
      summary:
        "Upload an agreement document: finds the agreements binding its SHA-256 on-chain and verifies each",
      rawBody: ["application/pdf", "application/octet-stream"],
      before: [
        rateLimit(ctx.rateLimits, "audit upload", { max: ctx.limits.uploadsPerMinute, windowMs: 60_000 }),
        express.raw({ type: () => true, limit: ctx.limits.uploadBytes }),
      ],
      errors: [413, 429, 503],
    },
    (_input, req) => fromTheChain(auditDocument(ctx, Buffer.isBuffer(req.body) ? req.body : Buffer.alloc(0))),
  );
}
