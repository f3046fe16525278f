import type { ApiRegistry } from "../../http/route.ts";
import type { ApiContext } from "../context.ts";
import { homeStats } from "./service.ts";
import { homeStatsResponse } from "./schemas.ts";

export function statsRoutes(api: ApiRegistry, ctx: ApiContext): void {
  api.add(
    {
      method: "get",
      path: "/api/stats",
      tag: "stats",
      response: { description: "the home page figures", schema: homeStatsResponse },
      summary: "Counts, and settled volume by field and by month, for the home page",
    },
    () => homeStats(ctx),
  );
}
