// A fixed-window limit per client address. With PostgreSQL the windows live in the shared database
// (one upserted row per client and window), so several API instances behind a balancer hold one
// limit between them; the embedded exchange is one process, and counts in memory.
import type { RequestHandler } from "express";
import { ApiError, ErrorCode } from "../errors.ts";

export interface RateLimit {
  /** Requests allowed per window and client address. */
  max: number;
  windowMs: number;
}

/** Counts one more request of `key` in the window starting at `windowStart`; returns the count. */
export interface RateLimitStore {
  hit(name: string, key: string, windowStart: Date): Promise<number>;
}

export function memoryRateLimitStore(): RateLimitStore {
  const windows = new Map<string, { start: number; count: number }>();
  return {
    async hit(name, key, windowStart) {
      const start = windowStart.getTime();
      const id = `${name}\u0000${key}`;
      let window = windows.get(id);
      if (!window || window.start !== start) {
        if (windows.size > 10_000) for (const [k, w] of windows) if (w.start < start) windows.delete(k);
        window = { start, count: 0 };
        windows.set(id, window);
      }
      window.count += 1;
      return window.count;
    },
  };
}

interface SqlRunner {
  $queryRawUnsafe<T>(query: string, ...values: unknown[]): Promise<T>;
  $executeRawUnsafe(query: string, ...values: unknown[]): Promise<number>;
}

/** Windows in the shared database (of at most an hour); past ones are swept now and then by whoever counts. */
export function databaseRateLimitStore(sql: SqlRunner): RateLimitStore {
  let lastSweep = 0;
  return {
    async hit(name, key, windowStart) {
      const rows = await sql.$queryRawUnsafe<{ count: number }[]>(
        `INSERT INTO rate_limit_windows (name, client_key, window_start, count) VALUES ($1, $2, $3, 1)
           ON CONFLICT (name, client_key, window_start)
           DO UPDATE SET count = rate_limit_windows.count + 1
         RETURNING count`,
        name,
        key.slice(0, 64),
        windowStart,
      );
      const now = Date.now();
      if (now - lastSweep > 60_000) {
        lastSweep = now;
        await sql.$executeRawUnsafe(
          `DELETE FROM rate_limit_windows WHERE window_start < $1`,
          new Date(now - 3_600_000),
        );
      }
      return Number(rows[0].count);
    },
  };
}

export function rateLimit(store: RateLimitStore, name: string, { max, windowMs }: RateLimit): RequestHandler {
  return async (req, res, next) => {
    const now = Date.now();
    const windowStart = new Date(now - (now % windowMs));
    const count = await store.hit(name, req.ip ?? "unknown", windowStart);
    const retryAfter = Math.max(1, Math.ceil((windowStart.getTime() + windowMs - now) / 1000));
    res.setHeader("RateLimit-Policy", `${max};w=${Math.ceil(windowMs / 1000)}`);
    if (count > max) {
      res.setHeader("Retry-After", String(retryAfter));
      throw new ApiError(
        429,
        ErrorCode.RateLimited,
        `Too many ${name} requests; try again in ${retryAfter} s.`,
        { retryAfterSeconds: retryAfter },
      );
    }
    next();
  };
}
