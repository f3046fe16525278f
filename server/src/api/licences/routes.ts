import type { ApiRegistry } from "../../http/route.ts";
import { idParams } from "../common.ts";
import type { ApiContext } from "../context.ts";
import { licenceListQuery } from "./schemas.ts";
import { getLicence, listLicences } from "./service.ts";

export function licenceRoutes(api: ApiRegistry, ctx: ApiContext): void {
  api.add(
    {
      method: "get",
      path: "/api/licences",
      tag: "licences",
      summary: "Licences, filtered (asset, licensee, active…), sorted and paged",
      query: licenceListQuery,
    },
    ({ query }) => listLicences(ctx, query),
  );
  api.add(
    {
      method: "get",
      path: "/api/licences/:id",
      tag: "licences",
      summary: "A licence with its asset and on-chain history",
      params: idParams,
      errors: [404],
    },
    ({ params }) => getLicence(ctx, params.id),
  );
}
