// SPDX-License-Identifier: MIT
pragma solidity ^0.8.28;

import {AccessManaged} from "@openzeppelin/contracts/access/manager/AccessManaged.sol";
import {IERC20} from "@openzeppelin/contracts/token/ERC20/IERC20.sol";
import {IERC20Permit} from "@openzeppelin/contracts/token/ERC20/extensions/IERC20Permit.sol";
import {SafeERC20} from "@openzeppelin/contracts/token/ERC20/utils/SafeERC20.sol";
import {EIP712} from "@openzeppelin/contracts/utils/cryptography/EIP712.sol";
import {LowLevelCall} from "@openzeppelin/contracts/utils/LowLevelCall.sol";
import {SignatureChecker} from "@openzeppelin/contracts/utils/cryptography/SignatureChecker.sol";
import {Math} from "@openzeppelin/contracts/utils/math/Math.sol";
import {Pausable} from "@openzeppelin/contracts/utils/Pausable.sol";
import {ReentrancyGuardTransient} from "@openzeppelin/contracts/utils/ReentrancyGuardTransient.sol";
import {IAssetRegistry} from "./interfaces/IAssetRegistry.sol";
import {IExchange} from "./interfaces/IExchange.sol";
import {ILicenceRegistry} from "./interfaces/ILicenceRegistry.sol";
import {PackedAsset} from "./types/AssetTypes.sol";
import {
    Acceptance,
    Agreement,
    DealType,
    LicenceTerms,
    Listing,
    ListingStatus,
    Offer,
    OfferStatus
} from "./types/ExchangeTypes.sol";
import {Roles} from "./utils/Roles.sol";

/// @title Exchange
/// @notice Listings, escrowed offers and agreements; see `IExchange`.
/// @dev Gas design:
///      - a listing's state (status | dealTypes | epoch, 37 bits) lives in the spare bits of the
///        asset's registry record: no slot of its own, and one `_REGISTRY.packedRecord` call returns
///        asset and listing together, as one word the exchange decodes with shifts (`AssetBits`);
///        its terms are emitted, not stored;
///      - an offer is one slot: keccak256(abi.encode(Offer)) with the status in the low byte; the
///        accepted agreement overwrites the same slot (a 5k rewrite instead of a 22.1k new slot);
///      - treasury | fee | registration mask | period | accrued fees share one slot, read once per
///        settlement; the fee accrues there and `withdrawFees` pays it out (one token transfer per
///        settlement instead of two);
///      - membership and the IP office are one `hasRole` call each instead of `restricted` (two
///        fewer cold SLOADs; see `Roles.checkIpOffice` for what that gives up);
///      - an offer with permit tries the permit first and reads the allowance only if it failed.
///      Every escrow path (Open, Accepted) has a refund that needs neither membership nor unpausing:
///      withdraw / reject / expiry for Open, refusal / deadline reclaim for Accepted. The token
///      balance is always the open escrows plus `accruedFees`, which anyone can send to the treasury.
contract Exchange is IExchange, EIP712, ReentrancyGuardTransient, AccessManaged, Pausable {
    using SafeERC20 for IERC20;

    /// @notice The highest fee the operator can set: 10 %.
    uint16 public constant MAX_FEE_BPS = 1_000;

    bytes32 private constant _CONSENT_TYPEHASH =
        keccak256("AgreementConsent(uint256 agreementId,bytes32 documentHash)");
    uint8 private constant _ALL_DEAL_TYPES = 0x07;
    uint256 private constant _BPS = 10_000;
    uint256 private constant _STATUS_MASK = 0xff;
    uint256 private constant _ACCRUED_SHIFT = 216;
    uint256 private constant _MAX_ACCRUED = type(uint40).max;

    IAssetRegistry private immutable _REGISTRY;
    ILicenceRegistry private immutable _LICENCES;
    IERC20 private immutable _TOKEN;

    /// @dev Declared first and the bases ordered so that it packs into the slot of AccessManaged's
    ///      authority and Pausable's flag, which every offer reads anyway: saves a cold SLOAD (2.1k).
    uint64 private _nextOfferId = 1;
    /// @dev treasury (160) | feeBps (16) << 160 | registrationRequiredMask (8) << 176 | period (32) << 184
    ///      | accruedFees (40) << 216. Fees accrue in the slot every settlement reads anyway (a 2.9k
    ///      rewrite instead of a ~8k second token transfer); 40 bits hold 1.1e12 units (VND has no
    ///      decimals), and a settlement that would overflow them pays the whole sum out instead.
    uint256 private _config;
    mapping(uint256 offerId => bytes32) private _offers;
    mapping(uint256 offerId => bytes32) private _approvedDocuments;

    /// @param manager               the TechEx `AccessManager`
    /// @param assetRegistry         the `AssetRegistry`
    /// @param licenceRegistry       the `LicenceRegistry`
    /// @param token                 settlement ERC-20 with EIP-2612 permit (`TestVnd` locally)
    /// @param treasury              receives the exchange fee
    /// @param feeBps                fee in basis points, ≤ MAX_FEE_BPS
    /// @param registrationRequired  bit (1 << DealType) for each deal type the IP office must
    ///                              register, e.g. 0x03 = assignment and exclusive licence
    /// @param registrationPeriod    seconds the IP office has to act, e.g. 30 days
    constructor(
        address manager,
        IAssetRegistry assetRegistry,
        ILicenceRegistry licenceRegistry,
        IERC20 token,
        address treasury,
        uint16 feeBps,
        uint8 registrationRequired,
        uint32 registrationPeriod
    ) AccessManaged(manager) EIP712("TechEx Exchange", "1") {
        _REGISTRY = assetRegistry;
        _LICENCES = licenceRegistry;
        _TOKEN = token;
        _setFee(treasury, feeBps);
        _setRegistrationPolicy(registrationRequired, registrationPeriod);
    }

    /// @dev In place of `restricted` on the functions the IP office calls; see `Roles.checkIpOffice`.
    modifier onlyIpOffice() {
        Roles.checkIpOffice(authority(), msg.sender);
        _;
    }

    /// @inheritdoc IExchange
    function createListing(
        uint256 assetId,
        uint8 dealTypes,
        uint256[3] calldata askingPrices,
        LicenceTerms calldata terms
    ) external whenNotPaused {
        Roles.checkMember(authority(), msg.sender);
        if (dealTypes == 0 || dealTypes & ~_ALL_DEAL_TYPES != 0) revert ExchangeInvalidDealTypes(dealTypes);
        PackedAsset r = _tradableRecord(assetId);
        if (r.owner() != msg.sender) revert ExchangeNotAssetOwner(assetId, msg.sender);
        ListingStatus current = ListingStatus(r.listingStatus());
        if (current == ListingStatus.Open || current == ListingStatus.Paused) revert ExchangeListingActive(assetId);
        uint32 epoch = r.listingEpoch() + 1;
        _REGISTRY.setListing(assetId, msg.sender, ListingStatus.Open, dealTypes, epoch);
        emit ListingCreated(assetId, msg.sender, epoch, dealTypes, askingPrices, terms);
    }

    /// @inheritdoc IExchange
    function setListingStatus(uint256 assetId, ListingStatus status) external {
        PackedAsset r = _REGISTRY.packedRecord(assetId);
        if (r.owner() != msg.sender) revert ExchangeNotSeller(assetId, msg.sender);
        ListingStatus from = ListingStatus(r.listingStatus());
        bool allowed = (from == ListingStatus.Open && status == ListingStatus.Paused) ||
            (from == ListingStatus.Paused && status == ListingStatus.Open) ||
            ((from == ListingStatus.Open || from == ListingStatus.Paused) && status == ListingStatus.Closed);
        if (!allowed) revert ExchangeInvalidListingTransition(assetId, from, status);
        _REGISTRY.setListing(assetId, msg.sender, status, r.dealTypes(), r.listingEpoch());
        emit ListingStatusChanged(assetId, r.listingEpoch(), status);
    }

    /// @inheritdoc IExchange
    function makeOffer(
        uint256 assetId,
        DealType dealType,
        uint256 amount,
        uint40 expiry,
        bytes32 termsHash
    ) external whenNotPaused nonReentrant returns (uint256) {
        Roles.checkMember(authority(), msg.sender);
        return _makeOffer(assetId, dealType, amount, expiry, termsHash);
    }

    /// @inheritdoc IExchange
    function makeOfferWithPermit(
        uint256 assetId,
        DealType dealType,
        uint256 amount,
        uint40 expiry,
        bytes32 termsHash,
        uint256 permitDeadline,
        uint8 v,
        bytes32 r,
        bytes32 s
    ) external whenNotPaused nonReentrant returns (uint256) {
        Roles.checkMember(authority(), msg.sender);
        // A permit that fails is fine when the allowance suffices anyway: someone may have submitted
        // the signed permit first (front-running griefing). Otherwise its own error is the answer.
        // Trying first and reading the allowance only on failure saves a call on the common path.
        // solhint-disable-next-line no-empty-blocks
        try IERC20Permit(address(_TOKEN)).permit(msg.sender, address(this), amount, permitDeadline, v, r, s) {
            // permitted: the allowance is `amount`
        } catch (bytes memory reason) {
            if (_TOKEN.allowance(msg.sender, address(this)) < amount) LowLevelCall.bubbleRevert(reason);
        }
        return _makeOffer(assetId, dealType, amount, expiry, termsHash);
    }

    /// @inheritdoc IExchange
    function withdrawOffer(uint256 offerId, Offer calldata offer) external nonReentrant {
        _requireOpen(offerId, offer);
        if (msg.sender != offer.buyer) revert ExchangeNotBuyer(offerId, msg.sender);
        _setStatus(offerId, OfferStatus.Withdrawn);
        emit OfferWithdrawn(offerId, offer.assetId, offer.buyer, offer.amount);
        _TOKEN.safeTransfer(offer.buyer, offer.amount);
    }

    /// @inheritdoc IExchange
    function rejectOffer(uint256 offerId, Offer calldata offer, bytes32 reasonHash) external nonReentrant {
        _requireOpen(offerId, offer);
        address seller = _REGISTRY.packedRecord(offer.assetId).owner();
        if (msg.sender != seller) revert ExchangeNotSeller(offer.assetId, msg.sender);
        _setStatus(offerId, OfferStatus.Rejected);
        emit OfferRejected(offerId, offer.assetId, offer.buyer, offer.amount, reasonHash);
        _TOKEN.safeTransfer(offer.buyer, offer.amount);
    }

    /// @inheritdoc IExchange
    function reclaimExpiredOffer(uint256 offerId, Offer calldata offer) external nonReentrant {
        _requireOpen(offerId, offer);
        if (block.timestamp <= offer.expiry) revert ExchangeOfferNotExpired(offerId);
        _setStatus(offerId, OfferStatus.Expired);
        emit OfferExpired(offerId, offer.assetId, offer.buyer, offer.amount);
        _TOKEN.safeTransfer(offer.buyer, offer.amount);
    }

    /// @inheritdoc IExchange
    function approveAgreement(uint256 offerId, Offer calldata offer, bytes32 documentHash) external {
        _requireOpen(offerId, offer);
        if (msg.sender != offer.buyer) revert ExchangeNotBuyer(offerId, msg.sender);
        if (documentHash == 0) revert ExchangeInvalidDocument(offerId);
        _approvedDocuments[offerId] = documentHash;
        emit AgreementApproved(offerId, msg.sender, documentHash);
    }

    /// @inheritdoc IExchange
    function acceptOffer(
        uint256 offerId,
        Offer calldata offer,
        Acceptance calldata acceptance,
        LicenceTerms calldata terms
    ) external whenNotPaused nonReentrant {
        _requireOpen(offerId, offer);
        if (block.timestamp > offer.expiry) revert ExchangeOfferExpired(offerId);
        PackedAsset r = _tradableRecord(offer.assetId);
        if (r.owner() != msg.sender) revert ExchangeNotSeller(offer.assetId, msg.sender);
        if (r.listingStatus() != uint8(ListingStatus.Open)) revert ExchangeListingNotOpen(offer.assetId);
        if (r.listingEpoch() != offer.listingEpoch) revert ExchangeStaleOffer(offerId);
        Roles.checkMember(authority(), msg.sender);
        _checkConsents(offerId, offer, acceptance);
        _accept(offerId, offer, acceptance, terms, r);
    }

    /// @inheritdoc IExchange
    function registerAgreement(
        uint256 agreementId,
        Agreement calldata agreement,
        LicenceTerms calldata terms
    ) external onlyIpOffice whenNotPaused nonReentrant {
        _requirePending(agreementId, agreement);
        if (block.timestamp > agreement.registrationDeadline) revert ExchangeRegistrationDeadlinePassed(agreementId);
        PackedAsset r = _tradableRecord(agreement.offer.assetId);
        if (r.owner() != agreement.seller) revert ExchangeSellerNotOwner(agreementId);
        _setStatus(agreementId, OfferStatus.Settled);
        _settle(agreementId, agreement.offer, agreement.seller, terms, r, agreement.feeBps);
    }

    /// @inheritdoc IExchange
    function refuseAgreement(
        uint256 agreementId,
        Agreement calldata agreement,
        bytes32 reasonHash
    ) external onlyIpOffice nonReentrant {
        _requirePending(agreementId, agreement);
        _setStatus(agreementId, OfferStatus.Refused);
        Offer calldata offer = agreement.offer;
        emit AgreementRefused(agreementId, offer.assetId, offer.buyer, offer.amount, reasonHash);
        _TOKEN.safeTransfer(offer.buyer, offer.amount);
    }

    /// @inheritdoc IExchange
    function reclaimUnregistered(uint256 agreementId, Agreement calldata agreement) external nonReentrant {
        _requirePending(agreementId, agreement);
        if (block.timestamp <= agreement.registrationDeadline) {
            revert ExchangeRegistrationDeadlineNotPassed(agreementId);
        }
        _setStatus(agreementId, OfferStatus.Reclaimed);
        Offer calldata offer = agreement.offer;
        emit AgreementReclaimed(agreementId, offer.assetId, offer.buyer, offer.amount);
        _TOKEN.safeTransfer(offer.buyer, offer.amount);
    }

    /// @inheritdoc IExchange
    function withdrawFees() external nonReentrant {
        uint256 cfg = _config;
        uint256 accrued = cfg >> _ACCRUED_SHIFT;
        if (accrued == 0) return;
        _config = uint256(uint216(cfg));
        _TOKEN.safeTransfer(address(uint160(cfg)), accrued);
    }

    /// @inheritdoc IExchange
    function setFee(address treasury, uint16 feeBps) external restricted {
        _setFee(treasury, feeBps);
    }

    /// @inheritdoc IExchange
    function setRegistrationPolicy(uint8 requiredMask, uint32 period) external restricted {
        _setRegistrationPolicy(requiredMask, period);
    }

    /// @inheritdoc IExchange
    function pause() external restricted {
        _pause();
    }

    /// @inheritdoc IExchange
    function unpause() external restricted {
        _unpause();
    }

    /// @inheritdoc IExchange
    function registry() external view returns (IAssetRegistry) {
        return _REGISTRY;
    }

    /// @inheritdoc IExchange
    function licences() external view returns (ILicenceRegistry) {
        return _LICENCES;
    }

    /// @inheritdoc IExchange
    function settlementToken() external view returns (IERC20) {
        return _TOKEN;
    }

    /// @inheritdoc IExchange
    function listing(uint256 assetId) external view returns (Listing memory) {
        PackedAsset r = _REGISTRY.packedRecord(assetId);
        return Listing(r.owner(), ListingStatus(r.listingStatus()), r.dealTypes(), r.listingEpoch());
    }

    /// @inheritdoc IExchange
    function offerState(uint256 offerId) external view returns (OfferStatus status, bytes32 commitment) {
        bytes32 stored = _offers[offerId];
        return (OfferStatus(uint8(uint256(stored))), stored & ~bytes32(_STATUS_MASK));
    }

    /// @inheritdoc IExchange
    function nextOfferId() external view returns (uint256) {
        return _nextOfferId;
    }

    /// @inheritdoc IExchange
    function config()
        external
        view
        returns (address treasury, uint16 feeBps, uint8 registrationRequiredMask, uint32 registrationPeriod)
    {
        uint256 c = _config;
        return (address(uint160(c)), uint16(c >> 160), uint8(c >> 176), uint32(c >> 184));
    }

    /// @inheritdoc IExchange
    function accruedFees() external view returns (uint256) {
        return _config >> _ACCRUED_SHIFT;
    }

    /// @inheritdoc IExchange
    function consentDigest(uint256 agreementId, bytes32 documentHash) public view returns (bytes32) {
        return _hashTypedDataV4(keccak256(abi.encode(_CONSENT_TYPEHASH, agreementId, documentHash)));
    }

    /// @inheritdoc IExchange
    function approvedDocument(uint256 offerId) external view returns (bytes32) {
        return _approvedDocuments[offerId];
    }

    /// @inheritdoc IExchange
    function hashTerms(LicenceTerms calldata terms) external pure returns (bytes32) {
        return keccak256(abi.encode(terms));
    }

    /// @dev The caller has checked membership.
    function _makeOffer(
        uint256 assetId,
        DealType dealType,
        uint256 amount,
        uint40 expiry,
        bytes32 termsHash
    ) private returns (uint256 offerId) {
        if (amount == 0) revert ExchangeInvalidAmount();
        if (expiry <= block.timestamp) revert ExchangeInvalidExpiry(expiry);
        PackedAsset r = _tradableRecord(assetId);
        if (r.listingStatus() != uint8(ListingStatus.Open)) revert ExchangeListingNotOpen(assetId);
        if (r.dealTypes() & (1 << uint8(dealType)) == 0) revert ExchangeDealTypeNotListed(assetId, dealType);
        if (r.owner() == msg.sender) revert ExchangeBuyerIsSeller(msg.sender);

        offerId = _nextOfferId;
        unchecked {
            _nextOfferId = uint64(offerId + 1);
        }
        Offer memory offer = Offer(assetId, msg.sender, r.listingEpoch(), dealType, amount, expiry, termsHash);
        _offers[offerId] = _commit(keccak256(abi.encode(offer)), OfferStatus.Open);
        emit OfferMade(offerId, assetId, msg.sender, r.listingEpoch(), dealType, amount, expiry, termsHash);
        _TOKEN.safeTransferFrom(msg.sender, address(this), amount);
    }

    /// @dev Binds the agreement; settles at once when its deal type needs no registration.
    function _accept(
        uint256 offerId,
        Offer calldata offer,
        Acceptance calldata acceptance,
        LicenceTerms calldata terms,
        PackedAsset r
    ) private {
        uint256 cfg = _config;
        uint40 deadline = (uint8(cfg >> 176) & (1 << uint8(offer.dealType))) != 0
            ? uint40(block.timestamp + uint32(cfg >> 184))
            : 0;
        uint16 feeBps = uint16(cfg >> 160);
        Agreement memory agreement = Agreement(offer, msg.sender, acceptance.documentHash, deadline, feeBps);
        _offers[offerId] = _commit(
            keccak256(abi.encode(agreement)),
            deadline == 0 ? OfferStatus.Settled : OfferStatus.Accepted
        );
        _emitAccepted(offerId, offer, acceptance, deadline, feeBps);
        if (deadline == 0) _settle(offerId, offer, msg.sender, terms, r, feeBps);
    }

    function _emitAccepted(
        uint256 offerId,
        Offer calldata offer,
        Acceptance calldata acceptance,
        uint40 deadline,
        uint16 feeBps
    ) private {
        emit AgreementAccepted(
            offerId,
            offer.assetId,
            offer.buyer,
            msg.sender,
            offer.dealType,
            offer.amount,
            acceptance.documentHash,
            deadline,
            feeBps,
            acceptance.coOwners
        );
    }

    /// @dev Pays the seller and treasury and moves the asset or issues the licence. The caller has
    ///      already marked the agreement Settled.
    function _settle(
        uint256 agreementId,
        Offer calldata offer,
        address seller,
        LicenceTerms calldata terms,
        PackedAsset r,
        uint16 feeBps
    ) private {
        if (offer.dealType == DealType.Assignment) {
            // the registry closes the asset's listing in the same slot write
            _REGISTRY.transferByAgreement(offer.assetId, seller, offer.buyer);
            if (r.listingStatus() == uint8(ListingStatus.Open) || r.listingStatus() == uint8(ListingStatus.Paused)) {
                emit ListingStatusChanged(offer.assetId, r.listingEpoch(), ListingStatus.Closed);
            }
        } else {
            if (keccak256(abi.encode(terms)) != offer.termsHash) revert ExchangeTermsMismatch(agreementId);
            uint40 end = r.protectionExpiry();
            if (terms.duration != 0 && block.timestamp + terms.duration < end) {
                end = uint40(block.timestamp + terms.duration);
            }
            _LICENCES.issue(
                agreementId,
                offer.assetId,
                offer.buyer,
                offer.dealType == DealType.ExclusiveLicence,
                end,
                terms
            );
        }
        uint256 cfg = _config;
        address treasury = address(uint160(cfg));
        uint256 fee = Math.mulDiv(offer.amount, feeBps, _BPS);
        uint256 net = offer.amount - fee;
        uint256 accrued = (cfg >> _ACCRUED_SHIFT) + fee;
        if (fee != 0) _config = uint256(uint216(cfg)) | ((accrued > _MAX_ACCRUED ? 0 : accrued) << _ACCRUED_SHIFT);
        emit AgreementSettled(
            agreementId,
            offer.assetId,
            offer.buyer,
            seller,
            offer.dealType,
            offer.amount,
            fee,
            net,
            treasury
        );
        _TOKEN.safeTransfer(seller, net);
        if (accrued > _MAX_ACCRUED) _TOKEN.safeTransfer(treasury, accrued);
    }

    /// @dev The buyer's consent (signature or on-chain approval) and, for assignments and exclusive
    ///      licences, every registered co-owner's signature over the same `AgreementConsent`.
    function _checkConsents(uint256 offerId, Offer calldata offer, Acceptance calldata acceptance) private view {
        bytes32 documentHash = acceptance.documentHash;
        if (documentHash == 0) revert ExchangeInvalidDocument(offerId);
        bytes32 digest = consentDigest(offerId, documentHash);
        if (acceptance.buyerSignature.length == 0) {
            if (_approvedDocuments[offerId] != documentHash) revert ExchangeInvalidBuyerConsent(offerId);
        } else if (!SignatureChecker.isValidSignatureNow(offer.buyer, digest, acceptance.buyerSignature)) {
            revert ExchangeInvalidBuyerConsent(offerId);
        }

        address[] calldata coOwners = acceptance.coOwners;
        if (offer.dealType == DealType.NonExclusiveLicence) {
            if (coOwners.length != 0) revert ExchangeCoOwnersMismatch(offer.assetId);
            return;
        }
        bytes32 given = coOwners.length == 0 ? bytes32(0) : keccak256(abi.encode(coOwners));
        if (given != _REGISTRY.coOwnersHash(offer.assetId)) revert ExchangeCoOwnersMismatch(offer.assetId);
        bytes[] calldata signatures = acceptance.coOwnerSignatures;
        for (uint256 i; i < coOwners.length; ++i) {
            if (i >= signatures.length || !SignatureChecker.isValidSignatureNow(coOwners[i], digest, signatures[i])) {
                revert ExchangeInvalidCoOwnerConsent(offerId, coOwners[i]);
            }
        }
    }

    /// @dev The asset's record (with its listing state); reverts unless the asset is Verified and
    ///      within its protection.
    function _tradableRecord(uint256 assetId) private view returns (PackedAsset r) {
        r = _REGISTRY.packedRecord(assetId);
        if (!r.isTradable()) revert ExchangeAssetNotTradable(assetId);
    }

    function _requireOpen(uint256 offerId, Offer calldata offer) private view {
        OfferStatus status = _statusOf(offerId, keccak256(abi.encode(offer)));
        if (status != OfferStatus.Open) revert ExchangeOfferNotOpen(offerId, status);
    }

    function _requirePending(uint256 agreementId, Agreement calldata agreement) private view {
        OfferStatus status = _statusOf(agreementId, keccak256(abi.encode(agreement)));
        if (status != OfferStatus.Accepted) revert ExchangeAgreementNotPending(agreementId, status);
    }

    /// @dev The stored status, after checking the passed record against the stored commitment.
    function _statusOf(uint256 offerId, bytes32 recordHash) private view returns (OfferStatus) {
        bytes32 stored = _offers[offerId];
        if ((stored ^ recordHash) & ~bytes32(_STATUS_MASK) != 0 || stored == 0) revert ExchangeRecordMismatch(offerId);
        return OfferStatus(uint8(uint256(stored)));
    }

    function _setStatus(uint256 offerId, OfferStatus status) private {
        _offers[offerId] = (_offers[offerId] & ~bytes32(_STATUS_MASK)) | bytes32(uint256(status));
    }

    function _setFee(address treasury, uint16 feeBps) private {
        if (treasury == address(0)) revert ExchangeInvalidTreasury(treasury);
        if (feeBps > MAX_FEE_BPS) revert ExchangeFeeTooHigh(feeBps);
        _config = (_config & ~uint256(type(uint176).max)) | uint256(uint160(treasury)) | (uint256(feeBps) << 160);
        emit FeeConfigured(treasury, feeBps);
    }

    function _setRegistrationPolicy(uint8 requiredMask, uint32 period) private {
        if (requiredMask & ~_ALL_DEAL_TYPES != 0 || (requiredMask != 0 && period == 0)) {
            revert ExchangeInvalidRegistrationPolicy(requiredMask, period);
        }
        uint256 cfg = _config;
        _config =
            (cfg & ~(uint256(type(uint40).max) << 176)) |
            (uint256(requiredMask) << 176) |
            (uint256(period) << 184);
        emit RegistrationPolicyConfigured(requiredMask, period);
    }

    function _commit(bytes32 recordHash, OfferStatus status) private pure returns (bytes32) {
        return (recordHash & ~bytes32(_STATUS_MASK)) | bytes32(uint256(status));
    }
}
