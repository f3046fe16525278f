// The TechEx deployment: one AccessManager governing every contract, the membership, asset and
// licence registries and the exchange, wired exactly like test/contracts/fixtures.ts `wireTechEx`.
// `TechEx` settles in an existing ERC-20 (parameter `settlementToken`); `TechExLocal` deploys the
// test VND token and lets the admin mint it — for the embedded chain and test networks only.
import { buildModule } from "@nomicfoundation/hardhat-ignition/modules";
import type { ContractFuture, IgnitionModuleBuilder } from "@nomicfoundation/ignition-core";
import { selectors } from "./selectors.ts";

/** Role ids, as in contracts/utils/Roles.sol. */
const IP_OFFICE = 1n;
const PAUSER = 2n;
const MEMBER = 3n;
const MEMBERSHIP = 4n;
const MINTER = 5n;
const CONFIG = 6n;

const DAY = 86_400n;

function buildCore(
  m: IgnitionModuleBuilder,
  settlementToken: (manager: ContractFuture<string>) => ContractFuture<string>,
  defaultConfigDelay: bigint,
) {
  const admin = m.getParameter("admin", m.getAccount(0));
  // No account defaults for the other roles: Ignition validates a default account index even when
  // the parameter is given, which would refuse a deployment holding only the deployer's key.
  // ignition/deploy.ts fills them from the node's accounts when it has them (local chains).
  const ipOffice = m.getParameter<string>("ipOffice");
  const pauser = m.getParameter<string>("pauser");
  const treasury = m.getParameter<string>("treasury");
  const feeBps = m.getParameter("feeBps", 250n);
  // bit (1 << DealType): assignment (0) and exclusive licence (1) need the IP office's registration
  const registrationMask = m.getParameter("registrationMask", 0b011n);
  const registrationPeriod = m.getParameter("registrationPeriod", 30n * DAY);
  const assetBaseUri = m.getParameter("assetBaseUri", "http://localhost:3000/api/assets/");
  const licenceBaseUri = m.getParameter("licenceBaseUri", "http://localhost:3000/api/licences/");
  // Seconds between scheduling and carrying out a change of the fee, the registration policy or
  // the registries' exchange (CONFIG); also the delay before a new CONFIG holder may act and
  // before anyone may re-route those functions (these two take effect after the AccessManager's
  // 5-day minimum setback). Members see a change coming before it applies.
  const configDelay = m.getParameter("configDelay", defaultConfigDelay);

  const manager = m.contract("TechExAccessManager", [admin]);
  const token = settlementToken(manager);
  const membership = m.contract("Membership", [manager]);
  const registry = m.contract("AssetRegistry", [manager, assetBaseUri]);
  const licences = m.contract("LicenceRegistry", [manager, licenceBaseUri]);
  const exchange = m.contract("Exchange", [
    manager,
    registry,
    licences,
    token,
    treasury,
    feeBps,
    registrationMask,
    registrationPeriod,
  ]);

  // Members are admitted only through Membership, which records each profile hash.
  const memberAdmin = m.call(manager, "setRoleAdmin", [MEMBER, MEMBERSHIP]);
  m.call(manager, "grantRole", [MEMBERSHIP, membership, 0n], { id: "grantMembership", after: [memberAdmin] });
  const registryExchange = m.call(registry, "setExchange", [exchange]);
  const licencesExchange = m.call(licences, "setExchange", [exchange]);
  const route = (
    id: string,
    target: ContractFuture<string>,
    contract: string,
    functions: string[],
    role: bigint,
  ) => m.call(manager, "setTargetFunctionRole", [target, selectors(contract, functions), role], { id });
  route("registryIpOffice", registry, "AssetRegistry", ["setStatus"], IP_OFFICE);
  route("registryPauser", registry, "AssetRegistry", ["pause", "unpause"], PAUSER);
  route("licencesIpOffice", licences, "LicenceRegistry", ["revoke"], IP_OFFICE);
  route("licencesPauser", licences, "LicenceRegistry", ["pause", "unpause"], PAUSER);
  route("exchangeIpOffice", exchange, "Exchange", ["registerAgreement", "refuseAgreement"], IP_OFFICE);
  route("exchangePauser", exchange, "Exchange", ["pause", "unpause"], PAUSER);
  m.call(manager, "grantRole", [IP_OFFICE, ipOffice, 0n], { id: "grantIpOffice" });
  m.call(manager, "grantRole", [PAUSER, pauser, 0n], { id: "grantPauser" });
  // Configuration: routed to CONFIG (after the registries were pointed at the exchange), held by
  // the admin with `configDelay`.
  const configRoutes = [
    route("exchangeConfig", exchange, "Exchange", ["setFee", "setRegistrationPolicy"], CONFIG),
    m.call(
      manager,
      "setTargetFunctionRole",
      [registry, selectors("AssetRegistry", ["setExchange"]), CONFIG],
      {
        id: "registryConfig",
        after: [registryExchange],
      },
    ),
    m.call(
      manager,
      "setTargetFunctionRole",
      [licences, selectors("LicenceRegistry", ["setExchange"]), CONFIG],
      {
        id: "licencesConfig",
        after: [licencesExchange],
      },
    ),
  ];
  const grantConfig = m.call(manager, "grantRole", [CONFIG, admin, configDelay], {
    id: "grantConfig",
    after: configRoutes,
  });
  m.call(manager, "setGrantDelay", [CONFIG, configDelay], { id: "configGrantDelay", after: [grantConfig] });
  // Last: once a target has an admin delay, even the admin's re-routing of it must wait.
  for (const [id, target] of [
    ["exchangeAdminDelay", exchange],
    ["registryAdminDelay", registry],
    ["licencesAdminDelay", licences],
  ] as const) {
    m.call(manager, "setTargetAdminDelay", [target, configDelay], { id, after: [grantConfig] });
  }

  return { manager, token, membership, registry, licences, exchange, admin };
}

/** Production and shared test networks: settles in the ERC-20 at `settlementToken`. */
export const TechExModule = buildModule("TechEx", (m) => {
  const { admin: _admin, ...contracts } = buildCore(
    m,
    () =>
      m.contractAt("ISettlementToken", m.getParameter<string>("settlementToken"), { id: "SettlementToken" }),
    2n * DAY,
  );
  return contracts;
});

/** The embedded chain and local tests: deploys TestVnd and lets the admin mint it. */
export const TechExLocalModule = buildModule("TechExLocal", (m) => {
  const { admin, ...contracts } = buildCore(m, (manager) => m.contract("TestVnd", [manager]), 0n);
  const mintRoute = m.call(
    contracts.manager,
    "setTargetFunctionRole",
    [contracts.token, selectors("TestVnd", ["mint"]), MINTER],
    { id: "tokenMinter" },
  );
  m.call(contracts.manager, "grantRole", [MINTER, admin, 0n], { id: "grantMinter", after: [mintRoute] });
  return contracts;
});

export default TechExModule;
