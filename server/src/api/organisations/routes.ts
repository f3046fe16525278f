import type { ApiRegistry } from "../../http/route.ts";
import { rawJsonBody } from "../../http/body.ts";
import type { ApiContext } from "../context.ts";
import {
  organisationDetail,
  organisationListQuery,
  organisationPage,
  organisationParams,
  organisationProfile,
} from "./schemas.ts";
import { getOrganisation, listOrganisations, putProfile } from "./service.ts";

export function organisationRoutes(api: ApiRegistry, ctx: ApiContext): void {
  api.add(
    {
      method: "get",
      path: "/api/organisations",
      tag: "organisations",
      response: { description: "a page of organisations", schema: organisationPage },
      summary: "Member organisations, filtered by kind and province, searched by name",
      query: organisationListQuery,
    },
    ({ query }) => listOrganisations(ctx, query),
  );
  api.add(
    {
      method: "get",
      path: "/api/organisations/:address",
      tag: "organisations",
      response: { description: "the organisation", schema: organisationDetail },
      summary: "An organisation's profile, its profile document and on-chain history",
      params: organisationParams,
      errors: [404],
    },
    ({ params }) => getOrganisation(ctx, params.address),
  );
  api.add(
    {
      method: "put",
      path: "/api/organisations/:address/profile",
      tag: "organisations",
      response: { description: "the organisation, with the profile applied", schema: organisationDetail },
      summary: "Submit the profile document whose SHA-256 is the organisation's on-chain profileHash",
      params: organisationParams,
      body: organisationProfile,
      errors: [404, 409],
    },
    ({ params, body }, req) => putProfile(ctx, params.address, body, rawJsonBody(req)),
  );
}
