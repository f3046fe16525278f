// SPDX-License-Identifier: MIT
pragma solidity ^0.8.28;

import {Licence} from "../types/LicenceTypes.sol";
import {LicenceTerms} from "../types/ExchangeTypes.sol";

/// @title ILicenceRegistry
/// @notice Non-transferable (ERC-5192 locked) ERC-721 licences, issued by the exchange when an
///         agreement settles. The licence id is the agreement id plus the offset of the exchange
///         that issued it: 0 for the first exchange, and on every `setExchange` the old offset plus
///         the number of agreement ids the old exchange used (`nextOfferId - 1`), so ids stay unique
///         across exchange migrations. At most one active exclusive licence per asset; while it is
///         active no other exclusive licence of that asset can be issued (the exchange also keeps
///         any licence from overlapping an exclusive one).
interface ILicenceRegistry {
    /// @notice Thrown when an exclusive licence of the asset is still active.
    error LicenceExclusiveActive(uint256 assetId, uint256 exclusiveLicenceId);
    /// @notice Thrown when the licence period is empty (end not after start).
    error LicenceInvalidPeriod(uint40 start, uint40 end);
    /// @notice Thrown when the licensee is the zero address.
    error LicenceInvalidLicensee(address licensee);
    /// @notice Thrown when a licence id does not exist.
    error LicenceUnknown(uint256 licenceId);
    /// @notice Thrown when revoking a licence already revoked.
    error LicenceAlreadyRevoked(uint256 licenceId);
    /// @notice Thrown on any ERC-721 transfer or approval: licences are soulbound.
    error LicenceNonTransferable();
    /// @notice Thrown when the exchange address set is zero or has no code.
    error LicenceInvalidExchange(address exchange);

    /// @notice Emitted when the admin sets the exchange allowed to issue licences.
    /// @param licenceIdOffset what its agreement ids add up to as licence ids
    event ExchangeSet(address indexed exchange, uint256 licenceIdOffset);

    /// @notice Emitted when a licence is issued (after ERC-721 `Transfer` and ERC-5192 `Locked`).
    /// @param licenceId the agreement id plus the issuing exchange's `licenceIdOffset`
    event LicenceIssued(
        uint256 indexed licenceId,
        uint256 indexed assetId,
        address indexed licensee,
        bool exclusive,
        uint40 start,
        uint40 end,
        string territory,
        string fieldOfUse,
        bool sublicensing,
        uint16 royaltyBps
    );

    /// @notice Emitted when the IP office revokes a licence. Its asset is in its `LicenceIssued`.
    event LicenceRevoked(uint256 indexed licenceId, bytes32 reasonHash);

    /// @notice Issues the licence of agreement `agreementId` of `assetId` to `licensee`, from now
    ///         until `end`. Only the exchange, which keeps its record (`IExchange.licenceOf`).
    /// @return licenceId `agreementId` plus the current exchange's offset
    function issue(
        uint256 agreementId,
        uint256 assetId,
        address licensee,
        bool exclusive,
        uint40 end,
        LicenceTerms calldata terms
    ) external returns (uint256 licenceId);

    /// @notice Revokes a licence (invalidated patent, court order). Restricted (IP_OFFICE).
    function revoke(uint256 licenceId, bytes32 reasonHash) external;

    /// @notice Sets the exchange contract; the one it replaces keeps answering for the licences it
    ///         issued. Restricted (CONFIG, behind an execution delay on a real network).
    function setExchange(address exchange) external;

    /// @notice Pauses issuance. Restricted (PAUSER).
    function pause() external;

    /// @notice Unpauses. Restricted (PAUSER).
    function unpause() external;

    /// @notice The licence record (zero values for an unknown id). Its asset and terms are in
    ///         `LicenceIssued`.
    function licence(uint256 licenceId) external view returns (Licence memory);

    /// @notice Whether the licence exists, is not revoked, and now is within [start, end).
    function isActive(uint256 licenceId) external view returns (bool);

    /// @notice Whether the licence exists and its end has passed.
    function isExpired(uint256 licenceId) external view returns (bool);

    /// @notice The exchange allowed to issue licences.
    function exchange() external view returns (address);

    /// @notice The licence id the current exchange's agreement `agreementId` gets.
    function licenceIdOf(uint256 agreementId) external view returns (uint256);

    /// @notice The exchange that issued (or would issue) `licenceId`, and its agreement id there.
    function issuerOf(uint256 licenceId) external view returns (address exchange, uint256 agreementId);

    /// @notice The asset's active exclusive licence id, or 0 when there is none.
    function activeExclusiveLicence(uint256 assetId) external view returns (uint256);
}
