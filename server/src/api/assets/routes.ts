import type { ApiRegistry } from "../../http/route.ts";
import { idParams } from "../common.ts";
import type { ApiContext } from "../context.ts";
import { rawJsonBody } from "../../http/body.ts";
import { assetListQuery, assetMetadata } from "./schemas.ts";
import { getAsset, listAssets, putMetadata } from "./service.ts";

export function assetRoutes(api: ApiRegistry, ctx: ApiContext): void {
  api.add(
    {
      method: "get",
      path: "/api/assets",
      tag: "assets",
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
      summary:
        "Submit the metadata document (title, abstract, field, TRL) whose SHA-256 is the asset's on-chain contentHash",
      params: idParams,
      body: assetMetadata,
      errors: [404, 409],
    },
    ({ params, body }, req) => putMetadata(ctx, params.id, body, rawJsonBody(req)),
  );
}
