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

/// @notice The one-slot part of an asset's record, including the exchange's trading state of it.
/// @param listingStatus  a `ListingStatus` value (0 None, 1 Open, 2 Paused, 3 Closed)
/// @param dealTypes      bit (1 << DealType) per listed deal type
/// @param listingEpoch   how many times the asset has been listed
/// @param licensedUntil  when the last non-exclusive licence issued on the asset ends (0: none yet);
///                       no exclusive deal can be accepted before then
/// @param reserved       an exclusive licence or assignment of the asset is accepted and awaits
///                       registration: no other licence or assignment can be accepted or settle
/// @param exclusiveIssued an exclusive licence of the asset has been issued (it may have ended)
struct AssetRecord {
    address owner;
    AssetStatus status;
    uint40 protectionExpiry;
    uint8 listingStatus;
    uint8 dealTypes;
    uint32 listingEpoch;
    uint40 licensedUntil;
    bool reserved;
    bool exclusiveIssued;
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
///         word: owner (160) | status (3) << 160 | kind (3) << 163 | hasCoOwners (1) << 166 |
///         listingStatus (2) << 167 | dealTypes (3) << 169 | listingEpoch (15) << 172 |
///         protectionExpiry (33) << 188 | licensedUntil (33) << 221 | reserved (1) << 254 |
///         exclusiveIssued (1) << 255.
/// @dev One word instead of the `AssetRecord` struct: the exchange reads it on every listing, offer
///      and settlement, and decoding its ABI fields (with their range checks) cost more than the
///      shifts. The exclusivity state (licensedUntil, reserved) lives here too, so the exchange
///      checks it with the read it makes anyway. Times are 33 bits (until the year 2242), epochs 15
///      bits (32,767 listings of one asset); the registry and the exchange refuse values beyond.
type PackedAsset is uint256;

using AssetBits for PackedAsset global;

/// @notice The field layout of `PackedAsset`, defined once for the registry (which stores it) and
///         the exchange (which reads it and computes its trading bits).
library AssetBits {
    uint256 internal constant STATUS_SHIFT = 160;
    uint256 internal constant KIND_SHIFT = 163;
    uint256 internal constant CO_OWNERS_FLAG = 1 << 166;
    uint256 internal constant LISTING_STATUS_SHIFT = 167;
    uint256 internal constant DEAL_TYPES_SHIFT = 169;
    uint256 internal constant EPOCH_SHIFT = 172;
    uint256 internal constant EXPIRY_SHIFT = 188;
    uint256 internal constant LICENSED_UNTIL_SHIFT = 221;
    uint256 internal constant RESERVED_FLAG = 1 << 254;
    /// @dev Set once an exclusive licence of the asset is issued: only then does settling a licence
    ///      need to ask the licence registry whether an exclusive one is still active (a cold account
    ///      and slot saved on every other licence).
    uint256 internal constant EXCLUSIVE_ISSUED_FLAG = 1 << 255;

    uint256 internal constant MAX_EPOCH = (1 << 15) - 1;
    uint256 internal constant MAX_TIME = (1 << 33) - 1;

    uint256 internal constant OWNER_MASK = (1 << 160) - 1;
    uint256 internal constant STATUS_MASK = 0x7 << STATUS_SHIFT;
    uint256 internal constant LISTING_STATUS_MASK = 0x3 << LISTING_STATUS_SHIFT;
    uint256 internal constant LISTING_MASK = ((1 << 20) - 1) << LISTING_STATUS_SHIFT;
    uint256 internal constant LICENSED_UNTIL_MASK = MAX_TIME << LICENSED_UNTIL_SHIFT;
    /// @dev What the exchange may write (`IAssetRegistry.setTradeState`): listing, licensedUntil, reserved.
    uint256 internal constant TRADE_MASK = LISTING_MASK | LICENSED_UNTIL_MASK | RESERVED_FLAG | EXCLUSIVE_ISSUED_FLAG;

    function owner(PackedAsset rec) internal pure returns (address) {
        return address(uint160(PackedAsset.unwrap(rec)));
    }

    function status(PackedAsset rec) internal pure returns (AssetStatus) {
        return AssetStatus((PackedAsset.unwrap(rec) >> STATUS_SHIFT) & 0x7);
    }

    function kind(PackedAsset rec) internal pure returns (AssetKind) {
        return AssetKind((PackedAsset.unwrap(rec) >> KIND_SHIFT) & 0x7);
    }

    function protectionExpiry(PackedAsset rec) internal pure returns (uint40) {
        return uint40((PackedAsset.unwrap(rec) >> EXPIRY_SHIFT) & MAX_TIME);
    }

    function listingStatus(PackedAsset rec) internal pure returns (uint8) {
        return uint8((PackedAsset.unwrap(rec) >> LISTING_STATUS_SHIFT) & 0x3);
    }

    function dealTypes(PackedAsset rec) internal pure returns (uint8) {
        return uint8((PackedAsset.unwrap(rec) >> DEAL_TYPES_SHIFT) & 0x7);
    }

    function listingEpoch(PackedAsset rec) internal pure returns (uint32) {
        return uint32((PackedAsset.unwrap(rec) >> EPOCH_SHIFT) & MAX_EPOCH);
    }

    function licensedUntil(PackedAsset rec) internal pure returns (uint40) {
        return uint40((PackedAsset.unwrap(rec) >> LICENSED_UNTIL_SHIFT) & MAX_TIME);
    }

    function reserved(PackedAsset rec) internal pure returns (bool) {
        return PackedAsset.unwrap(rec) & RESERVED_FLAG != 0;
    }

    function exclusiveIssued(PackedAsset rec) internal pure returns (bool) {
        return PackedAsset.unwrap(rec) & EXCLUSIVE_ISSUED_FLAG != 0;
    }

    /// @dev Verified and within its protection: listable, offerable, settleable. Compares the raw
    ///      bits rather than calling `status`: the enum conversion's range check cost 25 gas a call.
    function isTradable(PackedAsset rec) internal view returns (bool) {
        uint256 r = PackedAsset.unwrap(rec);
        return
            (r >> STATUS_SHIFT) & 0x7 == uint256(AssetStatus.Verified) &&
            (r >> EXPIRY_SHIFT) & MAX_TIME > block.timestamp;
    }
}
