import type { ApiRegistry } from "../../http/route.ts";
import { idParams } from "../common.ts";
import type { ApiContext } from "../context.ts";
import { licenceDetail, licenceListQuery, licencePage } from "./schemas.ts";
import { getLicence, listLicences } from "./service.ts";

export function licenceRoutes(api: ApiRegistry, ctx: ApiContext): void {
  api.add(
    {
      method: "get",
      path: "/api/licences",
      tag: "licences",
      response: { description: "a page of licences, each with its asset", schema: licencePage },
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
      response: { description: "the licence", schema: licenceDetail },
      summary: "A licence with its asset and on-chain history",
      params: idParams,
      errors: [404],
    },
    ({ params }) => getLicence(ctx, params.id),
  );
}
