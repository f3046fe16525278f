// SPDX-License-Identifier: MIT
pragma solidity ^0.8.28;

/// @title IMembership
/// @notice Admits and removes member organisations. The only holder of the MEMBER role's admin
///         role in the `AccessManager`, so every admission records an organisation profile hash.
interface IMembership {
    /// @notice Thrown when admitting the zero address.
    error MembershipInvalidAccount(address account);
    /// @notice Thrown when admitting with a zero profile hash.
    error MembershipInvalidProfile(address account);
    /// @notice Thrown when removing an account that is not a member.
    error MembershipNotMember(address account);

    /// @notice Emitted when `account` is admitted, or re-admitted with an updated profile.
    /// @param profileHash hash of the organisation profile document
    event MemberAdmitted(address indexed account, bytes32 profileHash);
    /// @notice Emitted when `account` loses its membership.
    event MemberRemoved(address indexed account, bytes32 reasonHash);

    /// @notice Admits `account` (or updates its profile hash if already a member). Restricted (ADMIN).
    function admit(address account, bytes32 profileHash) external;

    /// @notice Removes `account`'s membership. Restricted (ADMIN). Its escrowed funds stay
    ///         refundable: refunds never require membership.
    function remove(address account, bytes32 reasonHash) external;

    /// @notice Whether `account` holds the MEMBER role.
    function isMember(address account) external view returns (bool);
}
