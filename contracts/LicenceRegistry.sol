// SPDX-License-Identifier: MIT
pragma solidity ^0.8.28;

import {AccessManaged} from "@openzeppelin/contracts/access/manager/AccessManaged.sol";
import {IERC5192} from "./interfaces/IERC5192.sol";
import {IExchange} from "./interfaces/IExchange.sol";
import {ILicenceRegistry} from "./interfaces/ILicenceRegistry.sol";
import {LicenceTerms} from "./types/ExchangeTypes.sol";
import {Licence, LicenceIssuer} from "./types/LicenceTypes.sol";
import {LockedERC721} from "./utils/LockedERC721.sol";
import {PausableExchangeGate} from "./utils/PausableExchangeGate.sol";

/// @title LicenceRegistry
/// @notice Soulbound licence tokens; see `ILicenceRegistry`.
/// @dev Gas design: a licence adds no slot of its own here. Its holder, exclusivity and period are
///      written by the exchange into the slot of the agreement it settles (which the exchange
///      rewrites anyway), and read back from there (`IExchange.licenceOf`); this registry counts
///      balances, keeps revocations (rare) and the asset's active exclusive licence as
///      (licenceId << 40 | end) in one slot, written only for exclusive licences, so the "no
///      licence while an exclusive one is active" check is one SLOAD. The exchange's address and
///      the licence-id offset share the pause flag's slot (`PausableExchangeGate`, inherited first
///      for that), so `issue` reads one slot for all three; a stored address, not a `restricted`
///      role, because that is one SLOAD instead of ~8.5k gas.
contract LicenceRegistry is ILicenceRegistry, IERC5192, PausableExchangeGate, LockedERC721, AccessManaged {
    mapping(uint256 assetId => uint256) private _exclusives;
    mapping(uint256 licenceId => bool) private _revoked;
    LicenceIssuer[] private _formerIssuers;

    /// @param manager      the TechEx `AccessManager`
    /// @param baseTokenURI prefix of `tokenURI`, e.g. "https://techex.example/api/licences/"
    constructor(
        address manager,
        string memory baseTokenURI
    ) LockedERC721("TechEx Licence", "TXLIC", baseTokenURI) AccessManaged(manager) {}

    /// @inheritdoc ILicenceRegistry
    function issue(
        uint256 agreementId,
        uint256 assetId,
        address licensee,
        bool exclusive,
        uint40 end,
        LicenceTerms calldata terms
    ) external onlyExchange whenNotPaused returns (uint256 licenceId) {
        if (licensee == address(0)) revert LicenceInvalidLicensee(licensee);
        uint40 start = uint40(block.timestamp);
        if (end <= start) revert LicenceInvalidPeriod(start, end);
        // Two exclusive licences never overlap. Whether a non-exclusive licence may be issued beside
        // an active exclusive one (never) the exchange checks, from the asset's record.
        if (exclusive) {
            uint256 active = _activeExclusive(assetId);
            if (active != 0) revert LicenceExclusiveActive(assetId, active);
        }

        // Unique: the exchange settles each agreement once, and each exchange's ids get their own range.
        licenceId = _licenceIdOffset + agreementId;
        if (exclusive) _exclusives[assetId] = (licenceId << 40) | end;
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
        if (_ownerOf(licenceId) == address(0)) revert LicenceUnknown(licenceId);
        if (_revoked[licenceId]) revert LicenceAlreadyRevoked(licenceId);
        // An exclusive licence's entry in `_exclusives` stays: `_activeExclusive` skips revoked ones.
        _revoked[licenceId] = true;
        emit LicenceRevoked(licenceId, reasonHash);
    }

    /// @inheritdoc ILicenceRegistry
    function setExchange(address newExchange) external restricted {
        if (newExchange.code.length == 0) revert LicenceInvalidExchange(newExchange);
        address previous = _exchange;
        uint64 offset = _licenceIdOffset;
        if (previous != address(0)) {
            _formerIssuers.push(LicenceIssuer(previous, offset));
            // The old exchange can no longer issue: every id it used is below its next one.
            uint256 next = IExchange(previous).nextOfferId();
            if (next > 1) offset += uint64(next - 1);
        }
        _exchange = newExchange;
        _licenceIdOffset = offset;
        emit ExchangeSet(newExchange, offset);
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
    function licenceIdOf(uint256 agreementId) external view returns (uint256) {
        return _licenceIdOffset + agreementId;
    }

    /// @inheritdoc ILicenceRegistry
    function issuerOf(uint256 licenceId) public view returns (address issuer, uint256 agreementId) {
        if (_exchange != address(0) && licenceId > _licenceIdOffset) return (_exchange, licenceId - _licenceIdOffset);
        for (uint256 i = _formerIssuers.length; i != 0; --i) {
            LicenceIssuer memory former = _formerIssuers[i - 1];
            if (licenceId > former.licenceIdOffset) return (former.exchange, licenceId - former.licenceIdOffset);
        }
        return (address(0), 0);
    }

    /// @inheritdoc ILicenceRegistry
    function licence(uint256 licenceId) public view returns (Licence memory lic) {
        (address issuer, uint256 agreementId) = issuerOf(licenceId);
        if (issuer == address(0)) return lic;
        (lic.licensee, lic.exclusive, lic.start, lic.end) = IExchange(issuer).licenceOf(agreementId);
        lic.revoked = lic.licensee != address(0) && _revoked[licenceId];
    }

    /// @inheritdoc ILicenceRegistry
    function isActive(uint256 licenceId) external view returns (bool) {
        Licence memory lic = licence(licenceId);
        return
            lic.licensee != address(0) && !lic.revoked && lic.start <= block.timestamp && lic.end > block.timestamp;
    }

    /// @inheritdoc ILicenceRegistry
    function isExpired(uint256 licenceId) external view returns (bool) {
        Licence memory lic = licence(licenceId);
        return lic.licensee != address(0) && lic.end <= block.timestamp;
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
        if (_revoked[licenceId]) return 0;
    }

    function _ownerOf(uint256 tokenId) internal view override returns (address) {
        return licence(tokenId).licensee;
    }

    function _transferDisabled() internal pure override {
        revert LicenceNonTransferable();
    }
}
