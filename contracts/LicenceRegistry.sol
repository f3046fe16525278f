// SPDX-License-Identifier: MIT
pragma solidity ^0.8.28;

import {AccessManaged} from "@openzeppelin/contracts/access/manager/AccessManaged.sol";
import {IERC5192} from "./interfaces/IERC5192.sol";
import {ILicenceRegistry} from "./interfaces/ILicenceRegistry.sol";
import {LicenceTerms} from "./types/ExchangeTypes.sol";
import {Licence} from "./types/LicenceTypes.sol";
import {LockedERC721} from "./utils/LockedERC721.sol";
import {PausableExchangeGate} from "./utils/PausableExchangeGate.sol";

/// @title LicenceRegistry
/// @notice Soulbound licence tokens; see `ILicenceRegistry`.
/// @dev Gas design: licensee | exclusive | revoked | start | end fill exactly one slot, the only
///      slot a licence adds; the licence id is the agreement id (no counter). The licence's asset is
///      in `LicenceIssued` (indexed) and bound on-chain by the agreement's commitment in the exchange,
///      not stored again (a second new slot, 22.1k gas per licence). The active exclusive licence of
///      an asset is kept as (licenceId << 40 | end) in one slot, written only for exclusive licences,
///      so the "no licence while an exclusive one is active" check is one SLOAD, and a second only
///      while an unexpired exclusive licence exists (to see whether it was revoked). The exchange's
///      address shares the pause flag's slot (`PausableExchangeGate`, inherited first for that), so
///      `issue` reads one slot for both checks; a stored address, not a `restricted` role, because
///      that is one SLOAD instead of ~8.5k gas.
contract LicenceRegistry is ILicenceRegistry, IERC5192, PausableExchangeGate, LockedERC721, AccessManaged {
    uint256 private constant _EXCLUSIVE_FLAG = 1 << 160;
    uint256 private constant _REVOKED_FLAG = 1 << 168;
    uint256 private constant _START_SHIFT = 176;
    uint256 private constant _END_SHIFT = 216;

    mapping(uint256 licenceId => uint256) private _records;
    mapping(uint256 assetId => uint256) private _exclusives;

    /// @param manager      the TechEx `AccessManager`
    /// @param baseTokenURI prefix of `tokenURI`, e.g. "https://techex.example/api/licences/"
    constructor(
        address manager,
        string memory baseTokenURI
    ) LockedERC721("TechEx Licence", "TXLIC", baseTokenURI) AccessManaged(manager) {}

    /// @inheritdoc ILicenceRegistry
    function issue(
        uint256 licenceId,
        uint256 assetId,
        address licensee,
        bool exclusive,
        uint40 end,
        LicenceTerms calldata terms
    ) external onlyExchange whenNotPaused {
        if (_records[licenceId] != 0) revert LicenceAlreadyIssued(licenceId);
        if (licensee == address(0)) revert LicenceInvalidLicensee(licensee);
        uint40 start = uint40(block.timestamp);
        if (end <= start) revert LicenceInvalidPeriod(start, end);
        uint256 active = _activeExclusive(assetId);
        if (active != 0) revert LicenceExclusiveActive(assetId, active);

        uint256 record = uint256(uint160(licensee)) | (uint256(start) << _START_SHIFT) | (uint256(end) << _END_SHIFT);
        if (exclusive) {
            record |= _EXCLUSIVE_FLAG;
            _exclusives[assetId] = (licenceId << 40) | end;
        }
        _records[licenceId] = record;
        unchecked {
            ++_balances[licensee];
        }
        emit Transfer(address(0), licensee, licenceId);
        emit Locked(licenceId);
        emit LicenceIssued(
            licenceId,
            assetId,
            licensee,
            exclusive,
            start,
            end,
            terms.territory,
            terms.fieldOfUse,
            terms.sublicensing,
            terms.royaltyBps
        );
    }

    /// @inheritdoc ILicenceRegistry
    function revoke(uint256 licenceId, bytes32 reasonHash) external restricted {
        uint256 record = _records[licenceId];
        if (record == 0) revert LicenceUnknown(licenceId);
        if (record & _REVOKED_FLAG != 0) revert LicenceAlreadyRevoked(licenceId);
        // An exclusive licence's entry in `_exclusives` stays: `_activeExclusive` skips revoked ones.
        _records[licenceId] = record | _REVOKED_FLAG;
        emit LicenceRevoked(licenceId, reasonHash);
    }

    /// @inheritdoc ILicenceRegistry
    function setExchange(address newExchange) external restricted {
        if (newExchange == address(0)) revert LicenceInvalidExchange(newExchange);
        _exchange = newExchange;
        emit ExchangeSet(newExchange);
    }

    /// @inheritdoc ILicenceRegistry
    function pause() external restricted {
        _pause();
    }

    /// @inheritdoc ILicenceRegistry
    function unpause() external restricted {
        _unpause();
    }

    /// @inheritdoc ILicenceRegistry
    function exchange() external view returns (address) {
        return _exchange;
    }

    /// @inheritdoc ILicenceRegistry
    function licence(uint256 licenceId) external view returns (Licence memory lic) {
        uint256 record = _records[licenceId];
        lic.licensee = address(uint160(record));
        lic.exclusive = record & _EXCLUSIVE_FLAG != 0;
        lic.revoked = record & _REVOKED_FLAG != 0;
        lic.start = uint40(record >> _START_SHIFT);
        lic.end = uint40(record >> _END_SHIFT);
    }

    /// @inheritdoc ILicenceRegistry
    function isActive(uint256 licenceId) external view returns (bool) {
        uint256 record = _records[licenceId];
        return
            record != 0 &&
            record & _REVOKED_FLAG == 0 &&
            uint40(record >> _START_SHIFT) <= block.timestamp &&
            uint40(record >> _END_SHIFT) > block.timestamp;
    }

    /// @inheritdoc ILicenceRegistry
    function isExpired(uint256 licenceId) external view returns (bool) {
        uint256 record = _records[licenceId];
        return record != 0 && uint40(record >> _END_SHIFT) <= block.timestamp;
    }

    /// @inheritdoc ILicenceRegistry
    function activeExclusiveLicence(uint256 assetId) external view returns (uint256) {
        return _activeExclusive(assetId);
    }

    /// @inheritdoc IERC5192
    function locked(uint256 tokenId) external view returns (bool) {
        ownerOf(tokenId);
        return true;
    }

    /// @dev Adds ERC-5192 (0xb45a3c0e).
    function supportsInterface(bytes4 interfaceId) public view override returns (bool) {
        return interfaceId == type(IERC5192).interfaceId || super.supportsInterface(interfaceId);
    }

    /// @dev The asset's latest exclusive licence if it has not ended and was not revoked, else 0.
    function _activeExclusive(uint256 assetId) private view returns (uint256 licenceId) {
        uint256 current = _exclusives[assetId];
        if (uint40(current) <= block.timestamp) return 0;
        licenceId = current >> 40;
        if (_records[licenceId] & _REVOKED_FLAG != 0) return 0;
    }

    function _ownerOf(uint256 tokenId) internal view override returns (address) {
        return address(uint160(_records[tokenId]));
    }

    function _transferDisabled() internal pure override {
        revert LicenceNonTransferable();
    }
}
