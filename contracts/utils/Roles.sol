// SPDX-License-Identifier: MIT
pragma solidity ^0.8.28;

import {IAccessManaged} from "@openzeppelin/contracts/access/manager/IAccessManaged.sol";
import {IAccessManager} from "@openzeppelin/contracts/access/manager/IAccessManager.sol";

/// @title Roles
/// @notice The role ids every TechEx contract is governed by, in one OpenZeppelin `AccessManager`.
/// @dev Deployment wiring (see README of contracts / test/contracts/fixtures.ts `deployTechEx`):
///      - ADMIN (0) is the manager's built-in admin; restricted functions default to it.
///      - MEMBER's admin is MEMBERSHIP, held only by the `Membership` contract, so members are
///        admitted only through it (which records the profile hash).
///      - The exchange is not a role: the registries keep its address (`setExchange`, ADMIN), which
///        costs one SLOAD per settlement instead of a `restricted` round trip (~6.4k gas).
library Roles {
    uint64 internal constant ADMIN = 0;
    /// @dev the state IP office: moves asset status, registers/refuses agreements, revokes licences
    uint64 internal constant IP_OFFICE = 1;
    /// @dev pauses and unpauses every contract
    uint64 internal constant PAUSER = 2;
    /// @dev an admitted member organisation: registers assets, lists, offers, accepts
    uint64 internal constant MEMBER = 3;
    /// @dev technical: the `Membership` contract (admin of MEMBER)
    uint64 internal constant MEMBERSHIP = 4;
    /// @dev mints the test settlement token; granted only by local/test deployments
    uint64 internal constant MINTER = 5;
    /// @dev changes the exchange's fee and registration policy and the registries' exchange; held by
    ///      the operator with an execution delay on a real network, so such a change is scheduled and
    ///      announced before it takes effect
    uint64 internal constant CONFIG = 6;

    /// @dev Reverts with `AccessManagedUnauthorized(account)` unless `account` is a member.
    ///      A direct `hasRole` costs one external call and one cold slot; `restricted` would also
    ///      read the target's closed flag and function role (~4.2k gas more per call).
    ///      The call is made in scratch memory (no ABI round trip: ~0.3k less per check, and every
    ///      acceptance and registration now checks both parties). A manager whose `hasRole` fails
    ///      or answers short reads as "not a member".
    function checkMember(address manager, address account) internal view {
        bool isMember;
        // solhint-disable-next-line no-inline-assembly
        assembly ("memory-safe") {
            let p := mload(0x40)
            mstore(p, shl(224, 0xd1f856ee)) // hasRole(uint64,address)
            mstore(add(p, 0x04), 3) // MEMBER
            mstore(add(p, 0x24), and(account, 0xffffffffffffffffffffffffffffffffffffffff))
            let ok := staticcall(gas(), manager, p, 0x44, 0x00, 0x40)
            isMember := and(and(ok, gt(returndatasize(), 0x3f)), eq(mload(0x00), 1))
        }
        if (!isMember) revert IAccessManaged.AccessManagedUnauthorized(account);
    }

    /// @dev Reverts with `AccessManagedUnauthorized(account)` unless `account` holds IP_OFFICE with no
    ///      execution delay. Used instead of `restricted` on the exchange's registration calls, which
    ///      settle: `restricted` also reads the target's closed flag and the function's role (~4.6k
    ///      gas more). The price: the exchange's IP_OFFICE functions are fixed in code (not moved by
    ///      `setTargetFunctionRole`, not closed by `setTargetClosed`; the exchange's own pause stops
    ///      registration), and a delayed IP_OFFICE grant is refused rather than scheduled.
    function checkIpOffice(address manager, address account) internal view {
        (bool isOffice, uint32 executionDelay) = IAccessManager(manager).hasRole(IP_OFFICE, account);
        if (!isOffice || executionDelay != 0) revert IAccessManaged.AccessManagedUnauthorized(account);
    }
}
