// Live updates: each batch the indexer applies is pushed to browsers as a server-sent event, so
// pages refresh what changed without polling. A comment line every 15 s keeps proxies from
// closing an idle stream.
import type { ChainBatch } from "../../app.ts";
import { ApiError, ErrorCode } from "../../errors.ts";
import { toJson } from "../../http/json.ts";
import type { ApiRegistry } from "../../http/route.ts";
import type { ApiContext } from "../context.ts";

const HEARTBEAT_MS = 15_000;
const MAX_CLIENTS = 1_000;
/** A batch larger than this is announced by its event count only; clients re-read what they show. */
const MAX_EVENTS_PER_MESSAGE = 200;

function message(batch: ChainBatch): string {
  const events = batch.events;
  const payload = {
    fromBlock: batch.fromBlock,
    toBlock: batch.toBlock,
    eventCount: typeof events === "number" ? events : (events?.length ?? 0),
    ...(Array.isArray(events) && events.length <= MAX_EVENTS_PER_MESSAGE ? { events } : {}),
  };
  return `id: ${batch.toBlock}\nevent: batch\ndata: ${JSON.stringify(toJson(payload))}\n\n`;
}

export function eventRoutes(api: ApiRegistry, ctx: ApiContext): void {
  let clients = 0;
  api.add(
    {
      method: "get",
      path: "/api/events",
      tag: "events",
      summary:
        "Server-sent events: `batch` after each batch of chain events the indexer applies (blocks, event count, events)",
      errors: [503],
      response: { description: "an event stream", mediaType: "text/event-stream" },
    },
    (_input, req, res) => {
      if (clients >= MAX_CLIENTS)
        throw new ApiError(503, ErrorCode.Internal, "Too many live connections; retry shortly.");
      clients += 1;
      res.writeHead(200, {
        "Content-Type": "text/event-stream; charset=utf-8",
        "Cache-Control": "no-cache, no-transform",
        Connection: "keep-alive",
        "X-Accel-Buffering": "no",
      });
      res.write(
        `retry: 3000\nevent: ready\ndata: ${JSON.stringify({ chainId: ctx.chainId, live: Boolean(ctx.deps.onChainBatch) })}\n\n`,
      );
      const unsubscribe = ctx.deps.onChainBatch?.((batch) => res.write(message(batch))) ?? (() => {});
      const heartbeat = setInterval(() => res.write(": ping\n\n"), HEARTBEAT_MS);
      heartbeat.unref();
      req.once("close", () => {
        clients -= 1;
        clearInterval(heartbeat);
        unsubscribe();
      });
    },
  );
}
