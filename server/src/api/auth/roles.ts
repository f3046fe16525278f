// Roles come from the chain's AccessManager, never from the client. An auditor is an address listed
// in AUDITOR_ADDRESSES, or the holder of the ADMIN role (the operator can always audit).
import { ApiError, ErrorCode } from "../../errors.ts";
import type { ApiContext } from "../context.ts";

/** Role ids as in contracts/utils/Roles.sol. */
export const RoleId = { ADMIN: 0n, IP_OFFICE: 1n, PAUSER: 2n, MEMBER: 3n } as const;

export interface Roles {
  admin: boolean;
  ipOffice: boolean;
  pauser: boolean;
  member: boolean;
  auditor: boolean;
}

export async function hasRole(
  ctx: ApiContext,
  roleId: bigint,
  account: string,
  blockTag?: number,
): Promise<boolean> {
  try {
    const [isMember] = (await ctx.manager.hasRole(
      roleId,
      account,
      blockTag === undefined ? {} : { blockTag },
    )) as [boolean, bigint];
    return isMember;
  } catch (error) {
    throw new ApiError(503, ErrorCode.ChainUnavailable, "The chain could not be asked for roles.", {
      reason: (error as Error).message,
    });
  }
}

export async function rolesOf(ctx: ApiContext, account: string): Promise<Roles> {
  const [admin, ipOffice, pauser, member] = await Promise.all(
    [RoleId.ADMIN, RoleId.IP_OFFICE, RoleId.PAUSER, RoleId.MEMBER].map((role) => hasRole(ctx, role, account)),
  );
  return { admin, ipOffice, pauser, member, auditor: admin || ctx.auditors.has(account.toLowerCase()) };
}
