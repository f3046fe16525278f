// Which TechEx roles an account holds, asked of the AccessManager itself.
import type { DeploymentRecord } from "../../../generated/techex.ts";
import { browserProvider, techex } from "./contracts.ts";
import type { Eip1193Provider } from "./eip1193.ts";
import type { Role } from "./wallet.tsx";

/** Role ids as in contracts/utils/Roles.sol. */
export const roleIds: Record<Role, bigint> = { ADMIN: 0n, IP_OFFICE: 1n, PAUSER: 2n, MEMBER: 3n };

export async function readRoles(
  provider: Eip1193Provider,
  deployment: DeploymentRecord,
  account: string,
): Promise<Role[]> {
  const { manager } = techex(deployment, browserProvider(provider));
  const held = await Promise.all(
    (Object.entries(roleIds) as [Role, bigint][]).map(async ([role, id]) => {
      const [isMember] = (await manager.hasRole(id, account)) as [boolean, bigint];
      return isMember ? role : null;
    }),
  );
  return held.filter((role): role is Role => role !== null);
}
