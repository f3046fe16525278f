// SPDX-License-Identifier: MIT
pragma solidity ^0.8.28;

/// @notice A licence's on-chain record: what the chain itself checks (holder, exclusivity, period,
///         revocation). The asset, territory, field of use, sublicensing and royalty are in
///         `LicenceIssued` only (saves ≥ 3 slots per licence).
/// @dev Holder, exclusivity and period are kept by the exchange that issued it, in the slot of the
///      agreement it settled (`IExchange.licenceOf`); the licence registry keeps the revocation.
struct Licence {
    address licensee;
    bool exclusive;
    bool revoked;
    uint40 start;
    uint40 end;
}

/// @notice An exchange that issued licences before the current one, and the offset its agreement
///         ids had as licence ids (licence id = offset + agreement id).
struct LicenceIssuer {
    address exchange;
    uint64 licenceIdOffset;
}
