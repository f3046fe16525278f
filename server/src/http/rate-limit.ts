// A fixed-window limit per client address, in memory: enough for one API instance in front of
// sign-in and uploads. Several instances behind a balancer would each allow `max` (documented).
import type { RequestHandler } from "express";
import { ApiError, ErrorCode } from "../errors.ts";

export interface RateLimit {
  /** Requests allowed per window and client address. */
  max: number;
  windowMs: number;
}

export function rateLimit(name: string, { max, windowMs }: RateLimit): RequestHandler {
  const windows = new Map<string, { start: number; count: number }>();
  return (req, res, next) => {
    const now = Date.now();
    const key = req.ip ?? "unknown";
    let window = windows.get(key);
    if (!window || now - window.start >= windowMs) {
      if (windows.size > 10_000)
        for (const [k, w] of windows) if (now - w.start >= windowMs) windows.delete(k);
      window = { start: now, count: 0 };
      windows.set(key, window);
    }
    window.count += 1;
    const retryAfter = Math.ceil((window.start + windowMs - now) / 1000);
    res.setHeader("RateLimit-Policy", `${max};w=${Math.ceil(windowMs / 1000)}`);
    if (window.count > max) {
      res.setHeader("Retry-After", String(retryAfter));
      throw new ApiError(
        429,
        ErrorCode.RateLimited,
        `Too many ${name} requests; try again in ${retryAfter} s.`,
        {
          retryAfterSeconds: retryAfter,
        },
      );
    }
    next();
  };
}
