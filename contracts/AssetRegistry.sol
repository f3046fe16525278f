// SPDX-License-Identifier: MIT
pragma solidity ^0.8.28;

import {AccessManaged} from "@openzeppelin/contracts/access/manager/AccessManaged.sol";
import {Pausable} from "@openzeppelin/contracts/utils/Pausable.sol";
import {IAssetRegistry} from "./interfaces/IAssetRegistry.sol";
import {IAccessManaged} from "@openzeppelin/contracts/access/manager/IAccessManaged.sol";
import {Asset, AssetBits, AssetKind, AssetRecord, AssetStatus, PackedAsset} from "./types/AssetTypes.sol";
import {ListingStatus} from "./types/ExchangeTypes.sol";
import {LockedERC721} from "./utils/LockedERC721.sol";
import {Roles} from "./utils/Roles.sol";

/// @title AssetRegistry
/// @notice One ERC-721 token per IP right; see `IAssetRegistry`.
/// @dev Gas design:
///      - token id = uint256(regNumberHash): the uniqueness check is the record slot being non-zero,
///        no separate "registered numbers" mapping (saves a 22.1k SSTORE per registration);
///      - owner | status | kind | protectionExpiry | hasCoOwners packed in one slot: registration
///        writes it once, a status move rewrites it (~5k), the exchange reads it with one SLOAD;
///      - the exchange's listing state of the asset (status | deal types | epoch, 37 bits) lives in
///        the same slot's spare bits: listing costs a 2.9k rewrite instead of a 22.1k new slot, the
///        exchange reads asset and listing in one call, and an assignment closes the listing for free;
///      - the exchange is a stored address, not a `restricted` role (one SLOAD instead of ~8.5k);
///      - the metadata URI and co-owner list are emitted, not stored; co-owners are stored as one hash
///        and only when there are any.
contract AssetRegistry is IAssetRegistry, LockedERC721, AccessManaged, Pausable {
    mapping(uint256 assetId => uint256) private _records;
    mapping(uint256 assetId => bytes32) private _contentHashes;
    mapping(uint256 assetId => bytes32) private _coOwnersHashes;
    /// @inheritdoc IAssetRegistry
    address public exchange;

    /// @param manager      the TechEx `AccessManager`
    /// @param baseTokenURI prefix of `tokenURI`, e.g. "https://techex.example/api/assets/"
    constructor(
        address manager,
        string memory baseTokenURI
    ) LockedERC721("TechEx IP Asset", "TXIP", baseTokenURI) AccessManaged(manager) {}

    modifier onlyExchange() {
        if (msg.sender != exchange) revert IAccessManaged.AccessManagedUnauthorized(msg.sender);
        _;
    }

    /// @inheritdoc IAssetRegistry
    function register(
        AssetKind kind,
        bytes32 regNumberHash,
        bytes32 contentHash,
        string calldata uri,
        uint40 protectionExpiry,
        address[] calldata coOwners
    ) external whenNotPaused returns (uint256 assetId) {
        Roles.checkMember(authority(), msg.sender);
        if (regNumberHash == 0) revert RegistryInvalidRegistrationNumber();
        if (protectionExpiry <= block.timestamp) revert RegistryInvalidExpiry(protectionExpiry);
        assetId = uint256(regNumberHash);
        if (_records[assetId] != 0) revert RegistryAlreadyRegistered(assetId);

        uint256 rec = uint256(uint160(msg.sender)) |
            (uint256(AssetStatus.Pending) << AssetBits.STATUS_SHIFT) |
            (uint256(kind) << AssetBits.KIND_SHIFT) |
            (uint256(protectionExpiry) << AssetBits.EXPIRY_SHIFT);
        if (coOwners.length != 0) {
            for (uint256 i; i < coOwners.length; ++i) {
                if (coOwners[i] == address(0) || coOwners[i] == msg.sender) revert RegistryInvalidCoOwner(coOwners[i]);
            }
            rec |= AssetBits.CO_OWNERS_FLAG;
            _coOwnersHashes[assetId] = keccak256(abi.encode(coOwners));
        }
        _records[assetId] = rec;
        _contentHashes[assetId] = contentHash;
        unchecked {
            ++_balances[msg.sender];
        }
        emit Transfer(address(0), msg.sender, assetId);
        emit AssetRegistered(assetId, msg.sender, kind, regNumberHash, contentHash, uri, protectionExpiry, coOwners);
    }

    /// @inheritdoc IAssetRegistry
    function setStatus(uint256 assetId, AssetStatus to, bytes32 reasonHash) external restricted {
        uint256 rec = _records[assetId];
        if (rec == 0) revert RegistryUnknownAsset(assetId);
        AssetStatus from = PackedAsset.wrap(rec).status();
        if (!_canMove(from, to)) revert RegistryInvalidTransition(assetId, from, to);
        _records[assetId] = (rec & ~AssetBits.STATUS_MASK) | (uint256(to) << AssetBits.STATUS_SHIFT);
        emit AssetStatusChanged(assetId, from, to, reasonHash);
    }

    /// @inheritdoc IAssetRegistry
    function transferByAgreement(uint256 assetId, address from, address to) external onlyExchange {
        uint256 rec = _records[assetId];
        address owner = address(uint160(rec));
        if (owner != from || from == address(0)) revert RegistryNotOwner(assetId, owner);
        if (to == address(0)) revert RegistryInvalidRecipient(to);
        if (rec & AssetBits.CO_OWNERS_FLAG != 0) {
            rec &= ~AssetBits.CO_OWNERS_FLAG;
            delete _coOwnersHashes[assetId];
        }
        if (rec & AssetBits.LISTING_STATUS_MASK != 0) {
            rec =
                (rec & ~AssetBits.LISTING_STATUS_MASK) |
                (uint256(ListingStatus.Closed) << AssetBits.LISTING_STATUS_SHIFT);
        }
        _records[assetId] = (rec & ~AssetBits.OWNER_MASK) | uint256(uint160(to));
        unchecked {
            --_balances[from];
            ++_balances[to];
        }
        emit Transfer(from, to, assetId);
    }

    /// @inheritdoc IAssetRegistry
    function setListing(
        uint256 assetId,
        address seller,
        ListingStatus status,
        uint8 dealTypes,
        uint32 epoch
    ) external onlyExchange {
        uint256 rec = _records[assetId];
        address owner = address(uint160(rec));
        if (owner != seller || seller == address(0)) revert RegistryNotOwner(assetId, owner);
        _records[assetId] =
            (rec & ~AssetBits.LISTING_MASK) |
            (uint256(status) << AssetBits.LISTING_STATUS_SHIFT) |
            (uint256(dealTypes & 0x7) << AssetBits.DEAL_TYPES_SHIFT) |
            (uint256(epoch) << AssetBits.EPOCH_SHIFT);
    }

    /// @inheritdoc IAssetRegistry
    function setExchange(address newExchange) external restricted {
        if (newExchange == address(0)) revert RegistryInvalidExchange(newExchange);
        exchange = newExchange;
        emit ExchangeSet(newExchange);
    }

    /// @inheritdoc IAssetRegistry
    function pause() external restricted {
        _pause();
    }

    /// @inheritdoc IAssetRegistry
    function unpause() external restricted {
        _unpause();
    }

    /// @inheritdoc IAssetRegistry
    function asset(uint256 assetId) external view returns (Asset memory a) {
        PackedAsset rec = PackedAsset.wrap(_records[assetId]);
        a.owner = rec.owner();
        a.status = rec.status();
        a.kind = rec.kind();
        a.protectionExpiry = rec.protectionExpiry();
        a.contentHash = _contentHashes[assetId];
        a.coOwnersHash = _coOwnersHashes[assetId];
    }

    /// @inheritdoc IAssetRegistry
    function record(uint256 assetId) external view returns (AssetRecord memory r) {
        PackedAsset rec = PackedAsset.wrap(_records[assetId]);
        r.owner = rec.owner();
        r.status = rec.status();
        r.protectionExpiry = rec.protectionExpiry();
        r.listingStatus = rec.listingStatus();
        r.dealTypes = rec.dealTypes();
        r.listingEpoch = rec.listingEpoch();
    }

    /// @inheritdoc IAssetRegistry
    function packedRecord(uint256 assetId) external view returns (PackedAsset) {
        return PackedAsset.wrap(_records[assetId]);
    }

    /// @inheritdoc IAssetRegistry
    function coOwnersHash(uint256 assetId) external view returns (bytes32) {
        return _coOwnersHashes[assetId];
    }

    /// @inheritdoc IAssetRegistry
    function isTradable(uint256 assetId) external view returns (bool) {
        return PackedAsset.wrap(_records[assetId]).isTradable();
    }

    function _ownerOf(uint256 tokenId) internal view override returns (address) {
        return address(uint160(_records[tokenId]));
    }

    function _transferDisabled() internal pure override {
        revert RegistryTransferDisabled();
    }

    /// @dev The status machine: Pending → Verified | Rejected; Verified ⇄ Suspended; any live → Revoked.
    function _canMove(AssetStatus from, AssetStatus to) private pure returns (bool) {
        if (to == AssetStatus.Revoked) {
            return from == AssetStatus.Pending || from == AssetStatus.Verified || from == AssetStatus.Suspended;
        }
        if (from == AssetStatus.Pending) return to == AssetStatus.Verified || to == AssetStatus.Rejected;
        if (from == AssetStatus.Verified) return to == AssetStatus.Suspended;
        if (from == AssetStatus.Suspended) return to == AssetStatus.Verified;
        return false;
    }
}
