// SPDX-License-Identifier: MIT
pragma solidity ^0.8.28;

/// @notice The kind of an intellectual-property right, as the national register names it.
enum AssetKind {
    Patent,
    UtilitySolution,
    IndustrialDesign,
    SemiconductorLayoutDesign,
    Software,
    KnowHow,
    PlantVariety
}

/// @notice Where an asset stands with the IP office.
/// @dev `None` is the zero value of an unregistered id. Moves: Pending → Verified | Rejected;
///      Verified → Suspended → Verified; Pending | Verified | Suspended → Revoked.
///      Rejected and Revoked are final.
enum AssetStatus {
    None,
    Pending,
    Verified,
    Rejected,
    Suspended,
    Revoked
}

/// @notice The one-slot part of an asset's record, including the exchange's listing state of it.
/// @param listingStatus  a `ListingStatus` value (0 None, 1 Open, 2 Paused, 3 Closed)
/// @param dealTypes      bit (1 << DealType) per listed deal type
/// @param listingEpoch   how many times the asset has been listed
struct AssetRecord {
    address owner;
    AssetStatus status;
    uint40 protectionExpiry;
    uint8 listingStatus;
    uint8 dealTypes;
    uint32 listingEpoch;
}

/// @notice An asset's on-chain record, as returned by `IAssetRegistry.asset`.
/// @param owner             the holder of the right (the token owner)
/// @param status            see `AssetStatus`
/// @param kind              see `AssetKind`
/// @param protectionExpiry  unix time the legal protection ends; the asset cannot trade after it
/// @param contentHash       hash of the metadata document (SHA-256 or keccak-256, off-chain choice)
/// @param coOwnersHash      keccak256(abi.encode(address[] coOwners)), zero when there are none
struct Asset {
    address owner;
    AssetStatus status;
    AssetKind kind;
    uint40 protectionExpiry;
    bytes32 contentHash;
    bytes32 coOwnersHash;
}
