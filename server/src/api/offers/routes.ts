import type { ApiRegistry } from "../../http/route.ts";
import { idParams } from "../common.ts";
import type { ApiContext } from "../context.ts";
import { offerDetail, offerListQuery, offerPage } from "./schemas.ts";
import { getOffer, listOffers } from "./service.ts";

export function offerRoutes(api: ApiRegistry, ctx: ApiContext): void {
  api.add(
    {
      method: "get",
      path: "/api/offers",
      tag: "offers",
      response: { description: "a page of offers", schema: offerPage },
      summary: "Offers, filtered, sorted and paged",
      query: offerListQuery,
    },
    ({ query }) => listOffers(ctx, query),
  );
  api.add(
    {
      method: "get",
      path: "/api/offers/:id",
      tag: "offers",
      response: { description: "the offer", schema: offerDetail },
      summary: "An offer with its agreement and on-chain history",
      params: idParams,
      errors: [404],
    },
    ({ params }) => getOffer(ctx, params.id),
  );
}
