// SPDX-License-Identifier: MIT
pragma solidity ^0.8.28;

import {Asset, AssetKind, AssetRecord, AssetStatus, PackedAsset} from "../types/AssetTypes.sol";

/// @title IAssetRegistry
/// @notice One ERC-721 token per IP right. The token id is `uint256(regNumberHash)`, the hash of the
///         official registration number, so a right cannot be registered twice while its
///         registration stands. A registration the IP office rejects is burned and frees its number
///         (the record keeps saying Rejected until the number is registered again); a revoked one
///         keeps it for good. Plain transfers and approvals revert: the token moves only through a
///         registered agreement (the exchange).
interface IAssetRegistry {
    /// @notice Thrown when registering with a zero registration-number hash.
    error RegistryInvalidRegistrationNumber();
    /// @notice Thrown when the protection expiry is not in the future, or past the year 2242 (2^33 s).
    error RegistryInvalidExpiry(uint40 protectionExpiry);
    /// @notice Thrown when a co-owner is the zero address or the registering owner.
    error RegistryInvalidCoOwner(address coOwner);
    /// @notice Thrown when the registration number is already registered (and not rejected).
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
    /// @notice Thrown when the exchange address set is zero or has no code.
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

    /// @notice Emitted when the IP office moves an asset's status. A move to Rejected burns the
    ///         token: ERC-721 `Transfer(owner, 0, assetId)` follows. An open or paused listing of an
    ///         asset moved out of Verified stays as it is but cannot trade until it is Verified again.
    /// @param reasonHash hash of the IP office's decision document
    event AssetStatusChanged(uint256 indexed assetId, AssetStatus from, AssetStatus to, bytes32 reasonHash);

    /// @notice Emitted when the admin sets the exchange allowed to move assets and record listings.
    ///         The exchange it replaces may still release the reservations of its pending deals.
    event ExchangeSet(address indexed exchange);

    /// @notice Registers an IP right for the caller (a member). Status starts Pending. A number whose
    ///         earlier registration was rejected can be registered again, by anyone.
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
    ///         asset becomes Closed, its reservation ends and its co-owners are cleared (they
    ///         consented). Licences already issued keep running. Only the exchange.
    /// @dev Emits only ERC-721 `Transfer(from, to, assetId)`: a move with a non-zero `from` happens
    ///      only here, and the exchange's `AgreementSettled` in the same transaction names the
    ///      agreement (a second, registry-specific event would cost ~2.1k gas per assignment).
    function transferByAgreement(uint256 assetId, address from, address to) external;

    /// @notice Stores the exchange's trading state of the asset (listing, licensedUntil, reserved: the
    ///         `AssetBits.TRADE_MASK` bits of `tradeBits`; it shares the asset's record slot). `owner`
    ///         must be the owner. Only the exchange, which validates the state and emits the events.
    function setTradeState(uint256 assetId, address owner, uint256 tradeBits) external;

    /// @notice Ends the asset's reservation (its pending exclusive licence or assignment was refused
    ///         or reclaimed). The exchange, or a former exchange whose pending deal holds it, so that
    ///         refunds on an exchange that was replaced still free the asset.
    function releaseReservation(uint256 assetId) external;

    /// @notice Sets the exchange contract. Restricted (ADMIN).
    function setExchange(address exchange) external;

    /// @notice Pauses registration. Restricted (PAUSER).
    function pause() external;

    /// @notice Unpauses. Restricted (PAUSER).
    function unpause() external;

    /// @notice The full record of an asset (zero values for an unknown id).
    function asset(uint256 assetId) external view returns (Asset memory);

    /// @notice The record's one-slot part (owner, status, expiry, trading state): one SLOAD.
    function record(uint256 assetId) external view returns (AssetRecord memory);

    /// @notice The same record slot as one word (see `PackedAsset`), for the exchange: cheaper to
    ///         return and read than the struct.
    function packedRecord(uint256 assetId) external view returns (PackedAsset);

    /// @notice The exchange allowed to move assets.
    function exchange() external view returns (address);

    /// @notice Whether `account` was the exchange before the current one.
    function isFormerExchange(address account) external view returns (bool);

    /// @notice keccak256(abi.encode(coOwners)), zero when the asset has none.
    function coOwnersHash(uint256 assetId) external view returns (bytes32);

    /// @notice Whether the asset is Verified and within its protection: listable, offerable, settleable.
    function isTradable(uint256 assetId) external view returns (bool);
}
