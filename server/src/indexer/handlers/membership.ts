// Membership: organisations admitted and removed. The profile itself (name, kind…) is off-chain.
import type { ContractHandlers } from "./types.ts";
import { str } from "./types.ts";

export const membershipHandlers: ContractHandlers = {
  MemberAdmitted(set, event) {
    const address = str(event.args.account);
    const existing = set.organisations.find(address);
    const member = existing && existing.removedAt === null;
    set.organisations.put(address, {
      address,
      profileHash: str(event.args.profileHash),
      // Re-admitting a member only updates its profile; admission after removal starts anew.
      admittedAt: member ? existing.admittedAt : event.blockTime,
      removedAt: null,
      removalReason: null,
    });
    set.record(event, "ORGANISATION", address);
  },

  MemberRemoved(set, event) {
    const address = str(event.args.account);
    const organisation = set.organisations.change(address);
    organisation.removedAt = event.blockTime;
    organisation.removalReason = str(event.args.reasonHash);
    set.record(event, "ORGANISATION", address);
  },
};
