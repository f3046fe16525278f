// AssetRegistry: assets registered, their status moved by the IP office, ownership moved by agreements
// (ERC-721 Transfer).
import { unixTime, type AssetStatus } from "../model.ts";
import type { ContractHandlers } from "./types.ts";
import { num, str } from "./types.ts";

/** AssetTypes.sol's AssetKind, in order, as the schema's asset_kind names them. */
const ASSET_KINDS = [
  "PATENT",
  "UTILITY_SOLUTION",
  "INDUSTRIAL_DESIGN",
  "LAYOUT_DESIGN",
  "SOFTWARE",
  "KNOW_HOW",
  "PLANT_VARIETY",
] as const;

/** AssetTypes.sol's AssetStatus; index 0 (None) never appears in an event's `to`. */
const ASSET_STATUSES: readonly (AssetStatus | undefined)[] = [
  undefined,
  "PENDING",
  "VERIFIED",
  "REJECTED",
  "SUSPENDED",
  "REVOKED",
];

export const assetRegistryHandlers: ContractHandlers = {
  // Also a number registered again after the IP office rejected (and burned) its first registration:
  // the asset's row is replaced by the new registration.
  AssetRegistered(set, event) {
    const { args } = event;
    const tokenId = str(args.assetId);
    const expiry = num(args.protectionExpiry);
    set.assets.put(tokenId, {
      tokenId,
      kind: ASSET_KINDS[num(args.kind)] ?? "OTHER",
      registrationNumberHash: str(args.regNumberHash),
      contentHash: str(args.contentHash),
      metadataUri: str(args.uri),
      protectionExpiresAt: expiry ? unixTime(expiry) : null,
      status: "PENDING",
      statusReason: null,
      owner: str(args.owner),
      registrant: str(args.owner),
      registeredAt: event.blockTime,
      registeredBlock: event.blockNumber,
      verifiedAt: null,
      coOwners: (args.coOwners as string[]).slice(),
    });
    set.record(event, "ASSET", tokenId);
  },

  AssetStatusChanged(set, event) {
    const tokenId = str(event.args.assetId);
    const asset = set.assets.change(tokenId);
    const status = ASSET_STATUSES[num(event.args.to)];
    if (!status) throw new Error(`AssetStatusChanged to unknown status ${String(event.args.to)}`);
    asset.status = status;
    asset.statusReason = str(event.args.reasonHash);
    if (status === "VERIFIED") asset.verifiedAt = event.blockTime;
    set.record(event, "ASSET", tokenId);
  },

  // ERC-721 Transfer. Any move but the mint (which the decoder drops: AssetRegistered records the
  // asset) is an assignment the IP office registered, named by the exchange's AgreementSettled in
  // the same transaction.
  // A Transfer to zero is the burn of a rejected registration (AssetStatusChanged precedes it): the
  // row keeps its last owner as the one who registered it, so the history still names them.
  Transfer(set, event) {
    const tokenId = str(event.args.assetId);
    const asset = set.assets.change(tokenId);
    const to = str(event.args.to);
    if (to !== "0x0000000000000000000000000000000000000000") asset.owner = to;
    // The co-owners consented to the assignment and are cleared on-chain too.
    asset.coOwners = [];
    set.record(event, "ASSET", tokenId);
  },

  // Wiring (which exchange may move assets / issue licences) has no projection: it stays in chain_events.
  ExchangeSet() {},
};
