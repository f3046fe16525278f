// JSON bodies keep their exact bytes too: a profile or metadata document is accepted only if the
// SHA-256 of the bytes the client sent equals the hash the chain holds, and re-serialising the
// parsed object would not give the same bytes back.
import express, { type Request, type RequestHandler } from "express";

const rawBodies = new WeakMap<Request, Buffer>();

export function jsonBody(limit: string): RequestHandler {
  return express.json({
    limit,
    verify: (req, _res, buffer) => {
      rawBodies.set(req as Request, Buffer.from(buffer));
    },
  });
}

export function rawJsonBody(req: Request): Buffer | undefined {
  return rawBodies.get(req);
}
