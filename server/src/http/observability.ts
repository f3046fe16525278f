// One structured log line per request (pino) and Prometheus metrics (prom-client): request counts and
// latency per route, the indexer's progress, and the process's own figures (memory, CPU, event-loop
// lag) from prom-client's default collectors. Each app has its own registry, so several apps in one
// process (the tests) do not share counters.
import { randomUUID } from "node:crypto";
import type { Request, RequestHandler } from "express";
import { Counter, Gauge, Histogram, Registry, collectDefaultMetrics } from "prom-client";
import type { Logger } from "../log.ts";

export interface IndexerStatus {
  indexedBlock: number | bigint;
  headBlock: number | bigint;
}

export class Metrics {
  readonly registry = new Registry();
  readonly #requests = new Counter({
    name: "techex_http_requests_total",
    help: "HTTP requests answered, by route and status.",
    labelNames: ["method", "route", "status"] as const,
    registers: [this.registry],
  });
  readonly #latency = new Histogram({
    name: "techex_http_request_duration_seconds",
    help: "Time to answer, by route.",
    labelNames: ["method", "route"] as const,
    buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5],
    registers: [this.registry],
  });
  readonly #batches = new Counter({
    name: "techex_indexer_batches_total",
    help: "Batches the indexer reported to this process.",
    registers: [this.registry],
  });
  readonly #events = new Counter({
    name: "techex_indexer_events_total",
    help: "Chain events the indexer reported applying.",
    registers: [this.registry],
  });

  /** `indexer` is read when /metrics is scraped; without it the indexer's gauges are left out. */
  constructor(indexer?: () => IndexerStatus | Promise<IndexerStatus>) {
    collectDefaultMetrics({ register: this.registry });
    if (!indexer) return;
    type Heights = { indexed: bigint; head: bigint };
    // one status read per scrape: prom-client starts the gauges' collectors in order, the first
    // starts the read and the others wait for it
    let reading: Promise<Heights | undefined> = Promise.resolve(undefined);
    const read = async (): Promise<Heights | undefined> => {
      const status = await Promise.resolve(indexer()).catch(() => undefined);
      return status && { indexed: BigInt(status.indexedBlock), head: BigInt(status.headBlock) };
    };
    const gauge = (name: string, help: string, value: (h: Heights) => bigint, first = false) =>
      new Gauge({
        name,
        help,
        registers: [this.registry],
        async collect() {
          if (first) reading = read();
          const heights = await reading;
          if (heights) this.set(Number(value(heights)));
          else this.reset();
        },
      });
    gauge("techex_indexer_indexed_block", "Last block applied to the index.", (s) => s.indexed, true);
    gauge("techex_indexer_head_block", "Chain head the indexer last saw.", (s) => s.head);
    gauge("techex_indexer_lag_blocks", "Blocks the index is behind the head.", (s) =>
      s.head > s.indexed ? s.head - s.indexed : 0n,
    );
  }

  observeRequest(method: string, route: string, status: number, seconds: number): void {
    this.#requests.inc({ method, route, status: String(status) });
    this.#latency.observe({ method, route }, seconds);
  }

  observeBatch(events: number): void {
    this.#batches.inc();
    this.#events.inc(events);
  }

  render(): Promise<string> {
    return this.registry.metrics();
  }
}

/** The route pattern a request matched (`/api/assets/:id`), so metrics do not explode per id. */
function routeLabel(req: Request): string {
  const pattern = (req.route as { path?: unknown } | undefined)?.path;
  return typeof pattern === "string" ? `${req.baseUrl}${pattern}` : "unmatched";
}

export function requestObserver(metrics: Metrics, logger: Logger): RequestHandler {
  return (req, res, next) => {
    const started = process.hrtime.bigint();
    const requestId = randomUUID();
    res.setHeader("X-Request-Id", requestId);
    res.once("finish", () => {
      const seconds = Number(process.hrtime.bigint() - started) / 1e9;
      const route = routeLabel(req);
      metrics.observeRequest(req.method, route, res.statusCode, seconds);
      const line = {
        requestId,
        method: req.method,
        path: req.path,
        route,
        status: res.statusCode,
        ms: Math.round(seconds * 1e6) / 1e3,
        ip: req.ip,
      };
      if (res.statusCode >= 500) logger.error(line, "request");
      else logger.info(line, "request");
    });
    next();
  };
}
