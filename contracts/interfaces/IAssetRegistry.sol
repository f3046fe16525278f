// SPDX-License-Identifier: MIT
pragma solidity ^0.8.28;

import {Asset, AssetKind, AssetRecord, AssetStatus, PackedAsset} from "../types/AssetTypes.sol";
import {ListingStatus} from "../types/ExchangeTypes.sol";

/// @title IAssetRegistry
/// @notice One ERC-721 token per IP right. The token id is `uint256(regNumberHash)`, the hash of the
///         official registration number, so a right cannot be registered twice. Plain transfers and
///         approvals revert: the token moves only through a registered agreement (the exchange).
interface IAssetRegistry {
    /// @notice Thrown when registering with a zero registration-number hash.
    error RegistryInvalidRegistrationNumber();
    /// @notice Thrown when the protection expiry is not in the future.
    error RegistryInvalidExpiry(uint40 protectionExpiry);
    /// @notice Thrown when a co-owner is the zero address or the registering owner.
    error RegistryInvalidCoOwner(address coOwner);
    /// @notice Thrown when the registration number is already registered.
    error RegistryAlreadyRegistered(uint256 assetId);
    /// @notice Thrown when an asset id was never registered.
    error RegistryUnknownAsset(uint256 assetId);
    /// @notice Thrown when a status move is not allowed by the status machine.
    error RegistryInvalidTransition(uint256 assetId, AssetStatus from, AssetStatus to);
    /// @notice Thrown when `from` is not the asset's owner in `transferByAgreement`.
    error RegistryNotOwner(uint256 assetId, address owner);
    /// @notice Thrown when the new owner is the zero address.
    error RegistryInvalidRecipient(address to);
    /// @notice Thrown on any plain ERC-721 transfer or approval.
    error RegistryTransferDisabled();
    /// @notice Thrown when the exchange address set is zero.
    error RegistryInvalidExchange(address exchange);

    /// @notice Emitted when a member registers an asset (status Pending). The ERC-721
    ///         `Transfer(0, owner, assetId)` precedes it.
    /// @param assetId          equals uint256(regNumberHash)
    /// @param uri              where the metadata document lives (not stored on-chain)
    /// @param coOwners         co-owners whose consent assignments and exclusive licences need
    event AssetRegistered(
        uint256 indexed assetId,
        address indexed owner,
        AssetKind kind,
        bytes32 regNumberHash,
        bytes32 contentHash,
        string uri,
        uint40 protectionExpiry,
        address[] coOwners
    );

    /// @notice Emitted when the IP office moves an asset's status.
    /// @param reasonHash hash of the IP office's decision document
    event AssetStatusChanged(uint256 indexed assetId, AssetStatus from, AssetStatus to, bytes32 reasonHash);

    /// @notice Emitted when the admin sets the exchange allowed to move assets and record listings.
    event ExchangeSet(address indexed exchange);

    /// @notice Registers an IP right for the caller (a member). Status starts Pending.
    /// @return assetId uint256(regNumberHash)
    function register(
        AssetKind kind,
        bytes32 regNumberHash,
        bytes32 contentHash,
        string calldata uri,
        uint40 protectionExpiry,
        address[] calldata coOwners
    ) external returns (uint256 assetId);

    /// @notice Moves the asset's status (verify, reject, suspend, reinstate, revoke).
    ///         Restricted (IP_OFFICE).
    function setStatus(uint256 assetId, AssetStatus to, bytes32 reasonHash) external;

    /// @notice Moves the asset from `from` to `to` under a registered agreement; a listing of the
    ///         asset becomes Closed and its co-owners are cleared (they consented). Only the exchange.
    /// @dev Emits only ERC-721 `Transfer(from, to, assetId)`: a move with a non-zero `from` happens
    ///      only here, and the exchange's `AgreementSettled` in the same transaction names the
    ///      agreement (a second, registry-specific event would cost ~2.1k gas per assignment).
    function transferByAgreement(uint256 assetId, address from, address to) external;

    /// @notice Stores the asset's listing state for the exchange (it shares the asset's record slot).
    ///         `seller` must be the owner. Only the exchange, which validates and emits the listing events.
    function setListing(uint256 assetId, address seller, ListingStatus status, uint8 dealTypes, uint32 epoch) external;

    /// @notice Sets the exchange contract. Restricted (ADMIN).
    function setExchange(address exchange) external;

    /// @notice Pauses registration. Restricted (PAUSER).
    function pause() external;

    /// @notice Unpauses. Restricted (PAUSER).
    function unpause() external;

    /// @notice The full record of an asset (zero values for an unknown id).
    function asset(uint256 assetId) external view returns (Asset memory);

    /// @notice The record's one-slot part (owner, status, expiry, listing state): one SLOAD.
    function record(uint256 assetId) external view returns (AssetRecord memory);

    /// @notice The same record slot as one word (see `PackedAsset`), for the exchange: cheaper to
    ///         return and read than the struct.
    function packedRecord(uint256 assetId) external view returns (PackedAsset);

    /// @notice The exchange allowed to move assets.
    function exchange() external view returns (address);

    /// @notice keccak256(abi.encode(coOwners)), zero when the asset has none.
    function coOwnersHash(uint256 assetId) external view returns (bytes32);

    /// @notice Whether the asset is Verified and within its protection: listable, offerable, settleable.
    function isTradable(uint256 assetId) external view returns (bool);
}
