import type { ApiRegistry } from "../../http/route.ts";
import { idParams } from "../common.ts";
import type { ApiContext } from "../context.ts";
import { assetListQuery } from "./schemas.ts";
import { getAsset, listAssets } from "./service.ts";

export function assetRoutes(api: ApiRegistry, ctx: ApiContext): void {
  api.add(
    { method: "get", path: "/api/assets", tag: "assets", summary: "Assets (IP rights), filtered, searched and paged", query: assetListQuery },
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
}
