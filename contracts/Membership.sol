// SPDX-License-Identifier: MIT
pragma solidity ^0.8.28;

import {AccessManaged} from "@openzeppelin/contracts/access/manager/AccessManaged.sol";
import {IAccessManager} from "@openzeppelin/contracts/access/manager/IAccessManager.sol";
import {IMembership} from "./interfaces/IMembership.sol";
import {Roles} from "./utils/Roles.sol";

/// @title Membership
/// @notice Admits and removes member organisations through the `AccessManager`; see `IMembership`.
/// @dev Needs the MEMBERSHIP role, which the deployment makes the admin of MEMBER
///      (`setRoleAdmin(MEMBER, MEMBERSHIP)`, `grantRole(MEMBERSHIP, membership, 0)`).
contract Membership is IMembership, AccessManaged {
    /// @param manager the TechEx `AccessManager`
    constructor(address manager) AccessManaged(manager) {}

    /// @inheritdoc IMembership
    function admit(address account, bytes32 profileHash) external restricted {
        if (account == address(0)) revert MembershipInvalidAccount(account);
        if (profileHash == 0) revert MembershipInvalidProfile(account);
        IAccessManager(authority()).grantRole(Roles.MEMBER, account, 0);
        emit MemberAdmitted(account, profileHash);
    }

    /// @inheritdoc IMembership
    function remove(address account, bytes32 reasonHash) external restricted {
        if (!isMember(account)) revert MembershipNotMember(account);
        IAccessManager(authority()).revokeRole(Roles.MEMBER, account);
        emit MemberRemoved(account, reasonHash);
    }

    /// @inheritdoc IMembership
    function isMember(address account) public view returns (bool member) {
        (member, ) = IAccessManager(authority()).hasRole(Roles.MEMBER, account);
    }
}
