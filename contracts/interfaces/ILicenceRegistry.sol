// SPDX-License-Identifier: MIT
pragma solidity ^0.8.28;

import {Licence} from "../types/LicenceTypes.sol";
import {LicenceTerms} from "../types/ExchangeTypes.sol";

/// @title ILicenceRegistry
/// @notice Non-transferable (ERC-5192 locked) ERC-721 licences, issued by the exchange when an
///         agreement settles. The licence id equals the agreement id. At most one active exclusive
///         licence per asset; while it is active no new licence of that asset can be issued.
interface ILicenceRegistry {
    /// @notice Thrown when issuing under an id that already exists.
    error LicenceAlreadyIssued(uint256 licenceId);
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
    /// @notice Thrown when the exchange address set is zero.
    error LicenceInvalidExchange(address exchange);

    /// @notice Emitted when the admin sets the exchange allowed to issue licences.
    event ExchangeSet(address indexed exchange);

    /// @notice Emitted when a licence is issued (after ERC-721 `Transfer` and ERC-5192 `Locked`).
    /// @param licenceId equals the agreement id
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

    /// @notice Issues licence `licenceId` of `assetId` to `licensee`, from now until `end`.
    ///         Only the exchange.
    function issue(
        uint256 licenceId,
        uint256 assetId,
        address licensee,
        bool exclusive,
        uint40 end,
        LicenceTerms calldata terms
    ) external;

    /// @notice Revokes a licence (invalidated patent, court order). Restricted (IP_OFFICE).
    function revoke(uint256 licenceId, bytes32 reasonHash) external;

    /// @notice Sets the exchange contract. Restricted (ADMIN).
    function setExchange(address exchange) external;

    /// @notice Pauses issuance. Restricted (PAUSER).
    function pause() external;

    /// @notice Unpauses. Restricted (PAUSER).
    function unpause() external;

    /// @notice The licence record (zero values for an unknown id). Its asset and terms are in
    ///         `LicenceIssued`, and its agreement (same id) binds the asset in the exchange.
    function licence(uint256 licenceId) external view returns (Licence memory);

    /// @notice Whether the licence exists, is not revoked, and now is within [start, end).
    function isActive(uint256 licenceId) external view returns (bool);

    /// @notice Whether the licence exists and its end has passed.
    function isExpired(uint256 licenceId) external view returns (bool);

    /// @notice The exchange allowed to issue licences.
    function exchange() external view returns (address);

    /// @notice The asset's active exclusive licence id, or 0 when there is none.
    function activeExclusiveLicence(uint256 assetId) external view returns (uint256);
}
