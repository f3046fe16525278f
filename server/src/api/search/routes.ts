import type { ApiRegistry } from "../../http/route.ts";
import type { ApiContext } from "../context.ts";
import { searchQuery, searchResults } from "./schemas.ts";
import { search } from "./service.ts";

export function searchRoutes(api: ApiRegistry, ctx: ApiContext): void {
  api.add(
    {
      method: "get",
      path: "/api/search",
      tag: "search",
      response: {
        description: "the matching assets, most relevant first, with facet counts and highlighted words",
        schema: searchResults,
      },
      summary:
        "Search assets by title, abstract, field, kind and owning organisation, in Vietnamese and English; each with its open listing",
      query: searchQuery,
    },
    ({ query }) => search(ctx, query),
  );
}
