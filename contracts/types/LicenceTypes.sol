// SPDX-License-Identifier: MIT
pragma solidity ^0.8.28;

/// @notice A licence's on-chain record. Territory, field of use, sublicensing and royalty are in
///         `LicenceIssued` only (strings are not stored: saves ≥ 2 slots per licence).
/// @dev The licence id equals the agreement id it was issued under.
struct Licence {
    uint256 assetId;
    address licensee;
    bool exclusive;
    bool revoked;
    uint40 start;
    uint40 end;
}
