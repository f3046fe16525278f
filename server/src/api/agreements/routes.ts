import type { ApiRegistry } from "../../http/route.ts";
import { idParams } from "../common.ts";
import type { ApiContext } from "../context.ts";
import { agreementDetail, agreementListQuery, agreementPage } from "./schemas.ts";
import { getAgreement, listAgreements } from "./service.ts";

export function agreementRoutes(api: ApiRegistry, ctx: ApiContext): void {
  api.add(
    {
      method: "get",
      path: "/api/agreements",
      tag: "agreements",
      response: { description: "a page of agreements, each with its asset", schema: agreementPage },
      summary: "Agreements, filtered (status, party…), sorted and paged",
      query: agreementListQuery,
    },
    ({ query }) => listAgreements(ctx, query),
  );
  api.add(
    {
      method: "get",
      path: "/api/agreements/:id",
      tag: "agreements",
      response: { description: "the agreement", schema: agreementDetail },
      summary: "An agreement with its asset, licences and on-chain history",
      params: idParams,
      errors: [404],
    },
    ({ params }) => getAgreement(ctx, params.id),
  );
}
