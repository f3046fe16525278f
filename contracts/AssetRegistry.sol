// SPDX-License-Identifier: MIT
pragma solidity ^0.8.28;

import {AccessManaged} from "@openzeppelin/contracts/access/manager/AccessManaged.sol";
import {Pausable} from "@openzeppelin/contracts/utils/Pausable.sol";
import {IAccessManaged} from "@openzeppelin/contracts/access/manager/IAccessManaged.sol";
import {IAssetRegistry} from "./interfaces/IAssetRegistry.sol";
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
///      - the exchange's trading state of the asset (listing status | deal types | epoch, when its
///        non-exclusive licences end, whether an exclusive deal is reserved) lives in the same slot:
///        listing costs a 2.9k rewrite instead of a 22.1k new slot, the exchange reads asset, listing
///        and exclusivity in one call, and an assignment closes the listing for free;
///      - the exchange is a stored address, not a `restricted` role (one SLOAD instead of ~8.5k);
///      - the metadata URI and co-owner list are emitted, not stored; co-owners are stored as one hash
///        and only when there are any.
contract AssetRegistry is IAssetRegistry, LockedERC721, AccessManaged, Pausable {
    mapping(uint256 assetId => uint256) private _records;
    mapping(uint256 assetId => bytes32) private _contentHashes;
    mapping(uint256 assetId => bytes32) private _coOwnersHashes;
    /// @inheritdoc IAssetRegistry
    address public exchange;
    mapping(address account => bool) private _formerExchanges;

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
        if (protectionExpiry <= block.timestamp || protectionExpiry > AssetBits.MAX_TIME) {
            revert RegistryInvalidExpiry(protectionExpiry);
        }
        assetId = uint256(regNumberHash);
        // A rejected registration was burned (owner 0) and freed its number; anything else holds it.
        uint256 previous = _records[assetId];
        if (previous != 0 && PackedAsset.wrap(previous).status() != AssetStatus.Rejected) {
            revert RegistryAlreadyRegistered(assetId);
        }

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
        rec = (rec & ~AssetBits.STATUS_MASK) | (uint256(to) << AssetBits.STATUS_SHIFT);
        if (to != AssetStatus.Rejected) {
            _records[assetId] = rec;
            emit AssetStatusChanged(assetId, from, to, reasonHash);
            return;
        }
        // Rejection burns the token and frees the registration number: a squatter's registration
        // of someone else's number must not keep the rightful owner out. The record keeps the
        // status (owner 0) so the chain still says what became of it.
        address owner = address(uint160(rec));
        _records[assetId] = rec & ~(AssetBits.OWNER_MASK | AssetBits.CO_OWNERS_FLAG);
        if (rec & AssetBits.CO_OWNERS_FLAG != 0) delete _coOwnersHashes[assetId];
        unchecked {
            --_balances[owner];
        }
        emit AssetStatusChanged(assetId, from, to, reasonHash);
        emit Transfer(owner, address(0), assetId);
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
        _records[assetId] = (rec & ~(AssetBits.OWNER_MASK | AssetBits.RESERVED_FLAG)) | uint256(uint160(to));
        unchecked {
            --_balances[from];
            ++_balances[to];
        }
        emit Transfer(from, to, assetId);
    }

    /// @inheritdoc IAssetRegistry
    function setTradeState(uint256 assetId, address owner, uint256 tradeBits) external onlyExchange {
        uint256 rec = _records[assetId];
        address current = address(uint160(rec));
        if (current != owner || owner == address(0)) revert RegistryNotOwner(assetId, current);
        _records[assetId] = (rec & ~AssetBits.TRADE_MASK) | (tradeBits & AssetBits.TRADE_MASK);
    }

    /// @inheritdoc IAssetRegistry
    function releaseReservation(uint256 assetId) external {
        if (msg.sender != exchange && !_formerExchanges[msg.sender]) {
            revert IAccessManaged.AccessManagedUnauthorized(msg.sender);
        }
        _records[assetId] &= ~AssetBits.RESERVED_FLAG;
    }

    /// @inheritdoc IAssetRegistry
    function setExchange(address newExchange) external restricted {
        if (newExchange.code.length == 0) revert RegistryInvalidExchange(newExchange);
        address previous = exchange;
        if (previous != address(0)) _formerExchanges[previous] = true;
        _formerExchanges[newExchange] = false;
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
        r.licensedUntil = rec.licensedUntil();
        r.reserved = rec.reserved();
        r.exclusiveIssued = rec.exclusiveIssued();
    }

    /// @inheritdoc IAssetRegistry
    function isFormerExchange(address account) external view returns (bool) {
        return _formerExchanges[account];
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
