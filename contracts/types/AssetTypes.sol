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

/// @notice An asset's record slot as the registry stores it, passed between the contracts as one
///         word: owner (160) | status (8) << 160 | kind (8) << 168 | protectionExpiry (40) << 176 |
///         hasCoOwners (1) << 216 | listingStatus (2) << 217 | dealTypes (3) << 219 | listingEpoch (32) << 222.
/// @dev One word instead of the `AssetRecord` struct: the exchange reads it on every listing, offer
///      and settlement, and decoding six ABI fields (with their range checks) cost more than the shifts.
type PackedAsset is uint256;

using AssetBits for PackedAsset global;

/// @notice The field layout of `PackedAsset`, defined once for the registry (which writes it) and
///         the exchange (which reads it).
library AssetBits {
    uint256 internal constant STATUS_SHIFT = 160;
    uint256 internal constant KIND_SHIFT = 168;
    uint256 internal constant EXPIRY_SHIFT = 176;
    uint256 internal constant CO_OWNERS_FLAG = 1 << 216;
    uint256 internal constant LISTING_STATUS_SHIFT = 217;
    uint256 internal constant DEAL_TYPES_SHIFT = 219;
    uint256 internal constant EPOCH_SHIFT = 222;
    uint256 internal constant STATUS_MASK = 0xff << STATUS_SHIFT;
    uint256 internal constant OWNER_MASK = (1 << 160) - 1;
    uint256 internal constant LISTING_MASK = ((1 << 37) - 1) << LISTING_STATUS_SHIFT;
    uint256 internal constant LISTING_STATUS_MASK = 0x3 << LISTING_STATUS_SHIFT;

    function owner(PackedAsset rec) internal pure returns (address) {
        return address(uint160(PackedAsset.unwrap(rec)));
    }

    function status(PackedAsset rec) internal pure returns (AssetStatus) {
        return AssetStatus(uint8(PackedAsset.unwrap(rec) >> STATUS_SHIFT));
    }

    function kind(PackedAsset rec) internal pure returns (AssetKind) {
        return AssetKind(uint8(PackedAsset.unwrap(rec) >> KIND_SHIFT));
    }

    function protectionExpiry(PackedAsset rec) internal pure returns (uint40) {
        return uint40(PackedAsset.unwrap(rec) >> EXPIRY_SHIFT);
    }

    function listingStatus(PackedAsset rec) internal pure returns (uint8) {
        return uint8((PackedAsset.unwrap(rec) >> LISTING_STATUS_SHIFT) & 0x3);
    }

    function dealTypes(PackedAsset rec) internal pure returns (uint8) {
        return uint8((PackedAsset.unwrap(rec) >> DEAL_TYPES_SHIFT) & 0x7);
    }

    function listingEpoch(PackedAsset rec) internal pure returns (uint32) {
        return uint32(PackedAsset.unwrap(rec) >> EPOCH_SHIFT);
    }

    /// @dev Verified and within its protection: listable, offerable, settleable. Compares the raw
    ///      byte rather than calling `status`: the enum conversion's range check cost 25 gas a call.
    function isTradable(PackedAsset rec) internal view returns (bool) {
        uint256 r = PackedAsset.unwrap(rec);
        return uint8(r >> STATUS_SHIFT) == uint8(AssetStatus.Verified) && uint40(r >> EXPIRY_SHIFT) > block.timestamp;
    }
}
