// The handler of every indexed event, by contract and event name.
import { assetRegistryHandlers } from "./assetRegistry.ts";
import { exchangeHandlers } from "./exchange.ts";
import { licenceRegistryHandlers } from "./licenceRegistry.ts";
import { membershipHandlers } from "./membership.ts";
import type { HandlersByContract } from "./types.ts";

export const handlers: HandlersByContract = {
  membership: membershipHandlers,
  assetRegistry: assetRegistryHandlers,
  exchange: exchangeHandlers,
  licenceRegistry: licenceRegistryHandlers,
};
