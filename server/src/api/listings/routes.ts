import type { ApiRegistry } from "../../http/route.ts";
import type { ApiContext } from "../context.ts";
import { listingDetail, listingListQuery, listingPage, listingParams } from "./schemas.ts";
import { getListing, listListings } from "./service.ts";

export function listingRoutes(api: ApiRegistry, ctx: ApiContext): void {
  api.add(
    {
      method: "get",
      path: "/api/listings",
      tag: "listings",
      response: { description: "a page of listings, each with its asset", schema: listingPage },
      summary: "Listings with their asset, filtered, searched, sorted and paged",
      query: listingListQuery,
    },
    ({ query }) => listListings(ctx, query),
  );
  api.add(
    {
      method: "get",
      path: "/api/listings/:id",
      tag: "listings",
      response: { description: "the listing", schema: listingDetail },
      summary: 'A listing (id "<assetTokenId>-<epoch>") with its asset, terms and on-chain history',
      params: listingParams,
      errors: [404],
    },
    ({ params }) => getListing(ctx, params.id),
  );
}
