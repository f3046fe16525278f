// SPDX-License-Identifier: MIT
pragma solidity ^0.8.28;

/// @notice A licence's on-chain record: what the chain itself checks (holder, exclusivity, period,
///         revocation). The asset, territory, field of use, sublicensing and royalty are in
///         `LicenceIssued` only (saves ≥ 3 slots per licence); the agreement it was issued under
///         (same id) commits to the asset and the terms in the exchange.
/// @dev The licence id equals the agreement id it was issued under.
struct Licence {
    address licensee;
    bool exclusive;
    bool revoked;
    uint40 start;
    uint40 end;
}
