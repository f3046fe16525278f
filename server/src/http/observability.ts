// One JSON log line per request and Prometheus metrics: request counts and latency per route, and
// the indexer's progress. Written by hand: the text format is a few lines and needs no dependency.
import { randomUUID } from "node:crypto";
import type { Request, RequestHandler } from "express";

const latencyBuckets = [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5];

interface Histogram {
  counts: number[];
  sum: number;
  count: number;
}

export interface IndexerStatus {
  indexedBlock: number | bigint;
  headBlock: number | bigint;
}

/** One route's counters; its label text is built once, not on every request. */
interface RouteSeries {
  labels: string;
  byStatus: Map<number, number>;
  latency: Histogram;
}

export class Metrics {
  private readonly routes = new Map<string, RouteSeries>();
  private eventsIndexed = 0;
  private batches = 0;

  observeRequest(method: string, route: string, status: number, seconds: number): void {
    const id = `${method} ${route}`;
    let series = this.routes.get(id);
    if (!series) {
      series = {
        labels: `method="${method}",route="${escape(route)}"`,
        byStatus: new Map(),
        latency: { counts: latencyBuckets.map(() => 0), sum: 0, count: 0 },
      };
      this.routes.set(id, series);
    }
    series.byStatus.set(status, (series.byStatus.get(status) ?? 0) + 1);
    const histogram = series.latency;
    for (let i = latencyBuckets.length - 1; i >= 0 && seconds <= latencyBuckets[i]; i--)
      histogram.counts[i] += 1;
    histogram.sum += seconds;
    histogram.count += 1;
  }

  observeBatch(events: number): void {
    this.batches += 1;
    this.eventsIndexed += events;
  }

  render(indexer: IndexerStatus | undefined): string {
    const lines: string[] = [];
    lines.push("# HELP techex_http_requests_total HTTP requests answered, by route and status.");
    lines.push("# TYPE techex_http_requests_total counter");
    for (const { labels, byStatus } of this.routes.values())
      for (const [status, value] of byStatus)
        lines.push(`techex_http_requests_total{${labels},status="${status}"} ${value}`);
    lines.push("# HELP techex_http_request_duration_seconds Time to answer, by route.");
    lines.push("# TYPE techex_http_request_duration_seconds histogram");
    for (const { labels, latency: h } of this.routes.values()) {
      latencyBuckets.forEach((bound, i) => {
        lines.push(`techex_http_request_duration_seconds_bucket{${labels},le="${bound}"} ${h.counts[i]}`);
      });
      lines.push(`techex_http_request_duration_seconds_bucket{${labels},le="+Inf"} ${h.count}`);
      lines.push(`techex_http_request_duration_seconds_sum{${labels}} ${h.sum}`);
      lines.push(`techex_http_request_duration_seconds_count{${labels}} ${h.count}`);
    }
    lines.push("# HELP techex_indexer_batches_total Batches the indexer reported to this process.");
    lines.push("# TYPE techex_indexer_batches_total counter");
    lines.push(`techex_indexer_batches_total ${this.batches}`);
    lines.push("# HELP techex_indexer_events_total Chain events the indexer reported applying.");
    lines.push("# TYPE techex_indexer_events_total counter");
    lines.push(`techex_indexer_events_total ${this.eventsIndexed}`);
    if (indexer) {
      const indexed = BigInt(indexer.indexedBlock);
      const head = BigInt(indexer.headBlock);
      lines.push("# HELP techex_indexer_indexed_block Last block applied to the index.");
      lines.push("# TYPE techex_indexer_indexed_block gauge");
      lines.push(`techex_indexer_indexed_block ${indexed}`);
      lines.push("# HELP techex_indexer_head_block Chain head the indexer last saw.");
      lines.push("# TYPE techex_indexer_head_block gauge");
      lines.push(`techex_indexer_head_block ${head}`);
      lines.push("# HELP techex_indexer_lag_blocks Blocks the index is behind the head.");
      lines.push("# TYPE techex_indexer_lag_blocks gauge");
      lines.push(`techex_indexer_lag_blocks ${head > indexed ? head - indexed : 0n}`);
    }
    return `${lines.join("\n")}\n`;
  }
}

function escape(value: string): string {
  return value.replace(/\\/g, "\\\\").replace(/"/g, '\\"').replace(/\n/g, "\\n");
}

/** The route pattern a request matched (`/api/assets/:id`), so metrics do not explode per id. */
function routeLabel(req: Request): string {
  const pattern = (req.route as { path?: unknown } | undefined)?.path;
  return typeof pattern === "string" ? `${req.baseUrl}${pattern}` : "unmatched";
}

export function requestObserver(metrics: Metrics, log: (line: string) => void): RequestHandler {
  return (req, res, next) => {
    const started = process.hrtime.bigint();
    const requestId = randomUUID();
    res.setHeader("X-Request-Id", requestId);
    res.once("finish", () => {
      const seconds = Number(process.hrtime.bigint() - started) / 1e9;
      const route = routeLabel(req);
      metrics.observeRequest(req.method, route, res.statusCode, seconds);
      log(
        JSON.stringify({
          level: res.statusCode >= 500 ? "error" : "info",
          msg: "request",
          time: new Date().toISOString(),
          requestId,
          method: req.method,
          path: req.path,
          route,
          status: res.statusCode,
          ms: Math.round(seconds * 1e6) / 1e3,
          ip: req.ip,
        }),
      );
    });
    next();
  };
}
