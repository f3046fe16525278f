// LicenceRegistry: licences issued when an agreement settles (id = agreement id), revoked by the IP office.
import { unixTime } from "../model.ts";
import type { ContractHandlers } from "./types.ts";
import { num, str } from "./types.ts";

export const licenceRegistryHandlers: ContractHandlers = {
  LicenceIssued(set, event) {
    const { args } = event;
    const id = str(args.licenceId);
    const assetTokenId = str(args.assetId);
    const end = num(args.end);
    set.licences.put(id, {
      id,
      assetTokenId,
      agreementId: set.agreements.find(id) ? id : null,
      licensee: str(args.licensee),
      exclusive: args.exclusive as boolean,
      territory: str(args.territory),
      fieldOfUse: str(args.fieldOfUse),
      sublicensing: args.sublicensing as boolean,
      royaltyBps: num(args.royaltyBps),
      startsAt: unixTime(num(args.start)),
      endsAt: end ? unixTime(end) : null,
      revokedAt: null,
      revocationReason: null,
      issuedBlock: event.blockNumber,
    });
    set.record(event, "ASSET", assetTokenId);
    set.record(event, "LICENCE", id);
    if (set.agreements.find(id)) set.record(event, "AGREEMENT", id);
  },

  LicenceRevoked(set, event) {
    const id = str(event.args.licenceId);
    const licence = set.licences.change(id);
    licence.revokedAt = event.blockTime;
    licence.revocationReason = str(event.args.reasonHash);
    // The event names only the licence (the chain does not store its asset); its issue named the asset.
    set.record(event, "ASSET", licence.assetTokenId);
    set.record(event, "LICENCE", id);
  },

  // Wiring (which exchange may move assets / issue licences) has no projection: it stays in chain_events.
  ExchangeSet() {},
};
