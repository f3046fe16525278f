import type { ApiRegistry } from "../../http/route.ts";
import { idParams } from "../common.ts";
import type { ApiContext } from "../context.ts";
import { rawJsonBody } from "../../http/body.ts";
import { listing } from "../listings/schemas.ts";
import { assetDetail, assetListQuery, assetMetadata, assetPage } from "./schemas.ts";
import { getAsset, listAssets, putMetadata } from "./service.ts";

// Composed here: the listing schemas already build on the asset ones.
const assetWithListing = assetDetail.extend({
  currentListing: listing.nullable().describe("the latest listing, whatever its state"),
});

export function assetRoutes(api: ApiRegistry, ctx: ApiContext): void {
  api.add(
    {
      method: "get",
      path: "/api/assets",
      tag: "assets",
      response: { description: "a page of assets", schema: assetPage },
      summary: "Assets (IP rights), filtered, searched and paged",
      query: assetListQuery,
    },
    ({ query }) => listAssets(ctx, query),
  );
  api.add(
    {
      method: "get",
      path: "/api/assets/:id",
      tag: "assets",
      response: { description: "the asset", schema: assetWithListing },
      summary: "An asset's record, co-owners, current listing, licences and on-chain history",
      params: idParams,
      errors: [404],
    },
    ({ params }) => getAsset(ctx, params.id),
  );
  api.add(
    {
      method: "put",
      path: "/api/assets/:id/metadata",
      tag: "assets",
      response: { description: "the asset, with the metadata applied", schema: assetWithListing },
      summary:
        "Submit the metadata document (title, abstract, field, TRL) whose SHA-256 is the asset's on-chain contentHash",
      params: idParams,
      body: assetMetadata,
      errors: [404, 409],
    },
    ({ params, body }, req) => putMetadata(ctx, params.id, body, rawJsonBody(req)),
  );
}
