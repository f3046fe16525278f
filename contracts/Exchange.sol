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
import {AssetBits, PackedAsset} from "./types/AssetTypes.sol";
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
///        accepted agreement overwrites the same slot (a 5k rewrite instead of a 22.1k new slot), and
///        a settled licence overwrites it with the licence record (holder, exclusivity, period), which
///        the licence registry reads back, so a licence adds no slot anywhere;
///      - exclusivity (the asset's reservation, when its non-exclusive licences end) lives in the
///        asset's registry record, read with the record;
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
    /// @notice The longest registration period the operator can set: escrow is never held longer
    ///         than this (plus time paused) waiting for the IP office.
    uint32 public constant MAX_REGISTRATION_PERIOD = 365 days;

    bytes32 private constant _CONSENT_TYPEHASH =
        keccak256("AgreementConsent(uint256 agreementId,bytes32 documentHash)");
    uint8 private constant _ALL_DEAL_TYPES = 0x07;
    uint256 private constant _BPS = 10_000;
    uint256 private constant _STATUS_MASK = 0xff;
    /// @dev Bit 8 of a stored word: 1 in a licence record, always 0 in a commitment (`_commit`).
    uint256 private constant _LICENCE_FLAG = 1 << 8;
    bytes32 private constant _COMMIT_MASK = ~bytes32(uint256(0x1ff));
    uint256 private constant _LICENSEE_SHIFT = 9;
    uint256 private constant _START_SHIFT = 169;
    uint256 private constant _END_SHIFT = 209;
    uint256 private constant _EXCLUSIVE_FLAG = 1 << 249;
    uint256 private constant _ACCRUED_SHIFT = 216;
    uint256 private constant _MAX_ACCRUED = type(uint40).max;

    IAssetRegistry private immutable _REGISTRY;
    ILicenceRegistry private immutable _LICENCES;
    IERC20 private immutable _TOKEN;

    /// @dev Declared first and the bases ordered so that both pack into the slot of AccessManaged's
    ///      authority and Pausable's flag, which every offer and settlement reads anyway: saves a cold
    ///      SLOAD (2.1k) each. 40 bits of offer ids are 1.1e12 offers.
    uint40 private _nextOfferId = 1;
    /// @dev Seconds the exchange has been paused before the current pause (if any).
    uint32 private _pausedTotal;
    /// @dev treasury (160) | feeBps (16) << 160 | registrationRequiredMask (8) << 176 | period (32) << 184
    ///      | accruedFees (40) << 216. Fees accrue in the slot every settlement reads anyway (a 2.9k
    ///      rewrite instead of a ~8k second token transfer); 40 bits hold 1.1e12 units (VND has no
    ///      decimals), and a settlement that would overflow them pays the whole sum out instead.
    uint256 private _config;
    mapping(uint256 offerId => bytes32) private _offers;
    mapping(uint256 offerId => bytes32) private _approvedDocuments;
    /// @dev When the current pause began.
    uint40 private _pausedSince;

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
        if (epoch > AssetBits.MAX_EPOCH) revert ExchangeTooManyListings(assetId);
        _REGISTRY.setTradeState(assetId, msg.sender, _withListing(r, ListingStatus.Open, dealTypes, epoch));
        emit ListingCreated(assetId, msg.sender, epoch, dealTypes, askingPrices, terms);
    }

    /// @inheritdoc IExchange
    function setListingStatus(uint256 assetId, ListingStatus status) external whenNotPaused {
        PackedAsset r = _REGISTRY.packedRecord(assetId);
        if (r.owner() != msg.sender) revert ExchangeNotSeller(assetId, msg.sender);
        ListingStatus from = ListingStatus(r.listingStatus());
        bool allowed = (from == ListingStatus.Open && status == ListingStatus.Paused) ||
            (from == ListingStatus.Paused && status == ListingStatus.Open) ||
            ((from == ListingStatus.Open || from == ListingStatus.Paused) && status == ListingStatus.Closed);
        if (!allowed) revert ExchangeInvalidListingTransition(assetId, from, status);
        // a removed member may still pause or close its listing, not reopen it
        if (status == ListingStatus.Open) Roles.checkMember(authority(), msg.sender);
        _REGISTRY.setTradeState(assetId, msg.sender, _withListing(r, status, r.dealTypes(), r.listingEpoch()));
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
    function approveAgreement(uint256 offerId, Offer calldata offer, bytes32 documentHash) external whenNotPaused {
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
        address manager = authority();
        Roles.checkMember(manager, msg.sender);
        Roles.checkMember(manager, offer.buyer);
        if (r.reserved()) revert ExchangeAssetReserved(offer.assetId);
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
        // not paused, so the paused time since acceptance is all in `_pausedTotal`
        if (block.timestamp > agreement.registrationDeadline + _pausedTotal - agreement.pausedAtAcceptance) {
            revert ExchangeRegistrationDeadlinePassed(agreementId);
        }
        Offer calldata offer = agreement.offer;
        PackedAsset r = _tradableRecord(offer.assetId);
        if (r.owner() != agreement.seller) revert ExchangeSellerNotOwner(agreementId);
        address manager = authority();
        Roles.checkMember(manager, agreement.seller);
        Roles.checkMember(manager, offer.buyer);
        // a pending exclusive licence or assignment holds the reservation; only it may settle
        if (offer.dealType == DealType.NonExclusiveLicence && r.reserved()) revert ExchangeAssetReserved(offer.assetId);
        // a licence's slot becomes its licence record in `_settle`
        if (offer.dealType == DealType.Assignment) _setStatus(agreementId, OfferStatus.Settled);
        _settle(agreementId, offer, agreement.seller, terms, r, agreement.feeBps);
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
        _releaseReservation(offer);
        emit AgreementRefused(agreementId, offer.assetId, offer.buyer, offer.amount, reasonHash);
        _TOKEN.safeTransfer(offer.buyer, offer.amount);
    }

    /// @inheritdoc IExchange
    function reclaimUnregistered(uint256 agreementId, Agreement calldata agreement) external nonReentrant {
        _requirePending(agreementId, agreement);
        if (block.timestamp <= _deadlineOf(agreement)) revert ExchangeRegistrationDeadlineNotPassed(agreementId);
        _setStatus(agreementId, OfferStatus.Reclaimed);
        Offer calldata offer = agreement.offer;
        _releaseReservation(offer);
        emit AgreementReclaimed(agreementId, offer.assetId, offer.buyer, offer.amount);
        _TOKEN.safeTransfer(offer.buyer, offer.amount);
    }

    /// @inheritdoc IExchange
    function withdrawFees() external nonReentrant {
        uint256 cfg = _config;
        uint256 accrued = cfg >> _ACCRUED_SHIFT;
        if (accrued == 0) return;
        _config = uint256(uint216(cfg));
        address treasury = address(uint160(cfg));
        emit FeesWithdrawn(treasury, accrued);
        _TOKEN.safeTransfer(treasury, accrued);
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
        _pausedSince = uint40(block.timestamp);
    }

    /// @inheritdoc IExchange
    function unpause() external restricted {
        _unpause();
        uint32 pausedFor = uint32(block.timestamp - _pausedSince);
        uint32 total = _pausedTotal + pausedFor;
        _pausedTotal = total;
        emit RegistrationDeadlinesExtended(pausedFor, total);
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
    function licenceOf(
        uint256 agreementId
    ) external view returns (address licensee, bool exclusive, uint40 start, uint40 end) {
        uint256 stored = uint256(_offers[agreementId]);
        if (stored & _LICENCE_FLAG == 0) return (address(0), false, 0, 0);
        return (
            address(uint160(stored >> _LICENSEE_SHIFT)),
            stored & _EXCLUSIVE_FLAG != 0,
            uint40(stored >> _START_SHIFT),
            uint40(stored >> _END_SHIFT)
        );
    }

    /// @inheritdoc IExchange
    function registrationDeadlineOf(Agreement calldata agreement) external view returns (uint256) {
        return agreement.registrationDeadline == 0 ? 0 : _deadlineOf(agreement);
    }

    /// @inheritdoc IExchange
    function pausedSeconds() public view returns (uint256 total) {
        total = _pausedTotal;
        if (paused()) total += block.timestamp - _pausedSince;
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
            _nextOfferId = uint40(offerId + 1);
        }
        uint32 epoch = r.listingEpoch();
        _offers[offerId] = _commit(_hashOffer(assetId, epoch, dealType, amount, expiry, termsHash), OfferStatus.Open);
        emit OfferMade(offerId, assetId, msg.sender, epoch, dealType, amount, expiry, termsHash);
        // Escrow only what actually arrived: a token that takes a fee on transfer would otherwise
        // leave the exchange owing more than it holds.
        uint256 balanceBefore = _escrowBalance();
        _TOKEN.safeTransferFrom(msg.sender, address(this), amount);
        uint256 balanceAfter = _escrowBalance();
        if (balanceAfter != balanceBefore + amount) {
            revert ExchangeEscrowShortfall(amount, balanceAfter > balanceBefore ? balanceAfter - balanceBefore : 0);
        }
    }

    /// @dev Binds the agreement, after the exclusivity rules; settles at once when its deal type
    ///      needs no registration, else reserves the asset for an exclusive licence or assignment.
    function _accept(
        uint256 offerId,
        Offer calldata offer,
        Acceptance calldata acceptance,
        LicenceTerms calldata terms,
        PackedAsset r
    ) private {
        uint256 cfg = _config;
        bool registered = (uint8(cfg >> 176) & (1 << uint8(offer.dealType))) != 0;
        if (offer.dealType == DealType.ExclusiveLicence) {
            uint40 until = r.licensedUntil();
            if (until > block.timestamp) revert ExchangeNonExclusiveLicenceRunning(offer.assetId, until);
        }
        // Settlement would refuse it while an exclusive licence is active: refuse it now, before the
        // buyer waits for a registration that cannot settle.
        if (registered && offer.dealType != DealType.Assignment) _requireNoActiveExclusive(offer.assetId, r);
        uint40 deadline = registered ? uint40(block.timestamp + uint32(cfg >> 184)) : 0;
        uint16 feeBps = uint16(cfg >> 160);
        uint32 pausedTotal = _pausedTotal;
        if (registered || offer.dealType == DealType.Assignment) {
            Agreement memory agreement = Agreement(
                offer,
                msg.sender,
                acceptance.documentHash,
                deadline,
                feeBps,
                pausedTotal
            );
            _offers[offerId] = _commit(
                keccak256(abi.encode(agreement)),
                registered ? OfferStatus.Accepted : OfferStatus.Settled
            );
        }
        _emitAccepted(offerId, offer, acceptance, deadline, feeBps, pausedTotal);
        if (!registered) {
            _settle(offerId, offer, msg.sender, terms, r, feeBps);
        } else if (offer.dealType != DealType.NonExclusiveLicence) {
            _REGISTRY.setTradeState(offer.assetId, msg.sender, PackedAsset.unwrap(r) | AssetBits.RESERVED_FLAG);
        }
    }

    function _emitAccepted(
        uint256 offerId,
        Offer calldata offer,
        Acceptance calldata acceptance,
        uint40 deadline,
        uint16 feeBps,
        uint32 pausedTotal
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
            pausedTotal,
            acceptance.coOwners
        );
    }

    /// @dev Pays the seller and treasury and moves the asset or issues the licence. The caller has
    ///      already marked an assignment Settled; a licence's slot becomes its licence record here.
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
            _issueLicence(agreementId, offer, seller, terms, r);
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

    /// @dev Issues the licence of a settling agreement: its record replaces the agreement's slot, and
    ///      the asset's record learns it (exclusive issued, or non-exclusive licensed until `end`).
    function _issueLicence(
        uint256 agreementId,
        Offer calldata offer,
        address seller,
        LicenceTerms calldata terms,
        PackedAsset r
    ) private {
        if (keccak256(abi.encode(terms)) != offer.termsHash) revert ExchangeTermsMismatch(agreementId);
        uint40 end = r.protectionExpiry();
        if (terms.duration != 0 && block.timestamp + terms.duration < end) {
            end = uint40(block.timestamp + terms.duration);
        }
        bool exclusive = offer.dealType == DealType.ExclusiveLicence;
        // an exclusive licence checks its peers itself (`issue`); a non-exclusive one is checked here
        if (!exclusive) _requireNoActiveExclusive(offer.assetId, r);
        _offers[agreementId] = _licenceRecord(offer.buyer, exclusive, end);
        _LICENCES.issue(agreementId, offer.assetId, offer.buyer, exclusive, end, terms);
        uint256 bits = PackedAsset.unwrap(r);
        if (exclusive) {
            _REGISTRY.setTradeState(
                offer.assetId,
                seller,
                (bits & ~AssetBits.RESERVED_FLAG) | AssetBits.EXCLUSIVE_ISSUED_FLAG
            );
        } else if (end > r.licensedUntil()) {
            _REGISTRY.setTradeState(
                offer.assetId,
                seller,
                (bits & ~AssetBits.LICENSED_UNTIL_MASK) | (uint256(end) << AssetBits.LICENSED_UNTIL_SHIFT)
            );
        }
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

    /// @dev The stored status, after checking the passed record against the stored commitment. A
    ///      licence record is a settled agreement, whatever is passed.
    function _statusOf(uint256 offerId, bytes32 recordHash) private view returns (OfferStatus) {
        bytes32 stored = _offers[offerId];
        if (uint256(stored) & _LICENCE_FLAG != 0) return OfferStatus.Settled;
        if ((stored ^ recordHash) & _COMMIT_MASK != 0 || stored == 0) revert ExchangeRecordMismatch(offerId);
        return OfferStatus(uint8(uint256(stored)));
    }

    /// @dev Reverts while an exclusive licence of the asset is active; asks the licence registry only
    ///      when one was ever issued.
    function _requireNoActiveExclusive(uint256 assetId, PackedAsset r) private view {
        if (!r.exclusiveIssued()) return;
        uint256 active = _LICENCES.activeExclusiveLicence(assetId);
        if (active != 0) revert ExchangeExclusiveLicenceActive(assetId, active);
    }

    /// @dev `_TOKEN.balanceOf(this)` without the ABI round trip (two per offer). A token whose
    ///      balanceOf fails or answers short reads as 0, which the caller's equality check refuses.
    function _escrowBalance() private view returns (uint256 held) {
        address token = address(_TOKEN);
        // solhint-disable-next-line no-inline-assembly
        assembly ("memory-safe") {
            mstore(0x00, 0x70a08231) // balanceOf(address)
            mstore(0x20, address())
            let ok := staticcall(gas(), token, 0x1c, 0x24, 0x00, 0x20)
            if and(ok, gt(returndatasize(), 0x1f)) {
                held := mload(0x00)
            }
        }
    }

    /// @dev The registration deadline plus every second paused since acceptance.
    function _deadlineOf(Agreement calldata agreement) private view returns (uint256) {
        return agreement.registrationDeadline + pausedSeconds() - agreement.pausedAtAcceptance;
    }

    /// @dev A refused or reclaimed exclusive licence or assignment held the asset's reservation.
    function _releaseReservation(Offer calldata offer) private {
        if (offer.dealType != DealType.NonExclusiveLicence) _REGISTRY.releaseReservation(offer.assetId);
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
        if (period > MAX_REGISTRATION_PERIOD) revert ExchangeRegistrationPeriodTooLong(period, MAX_REGISTRATION_PERIOD);
        uint256 cfg = _config;
        _config =
            (cfg & ~(uint256(type(uint40).max) << 176)) |
            (uint256(requiredMask) << 176) |
            (uint256(period) << 184);
        emit RegistrationPolicyConfigured(requiredMask, period);
    }

    function _commit(bytes32 recordHash, OfferStatus status) private pure returns (bytes32) {
        return (recordHash & _COMMIT_MASK) | bytes32(uint256(status));
    }

    /// @dev keccak256(abi.encode(Offer(assetId, msg.sender, epoch, dealType, amount, expiry, termsHash))),
    ///      hashed in scratch memory: the struct is seven static words, so its encoding is the words
    ///      themselves (the tests compare it with `abi.encode`).
    function _hashOffer(
        uint256 assetId,
        uint32 epoch,
        DealType dealType,
        uint256 amount,
        uint40 expiry,
        bytes32 termsHash
    ) private view returns (bytes32 hash) {
        // solhint-disable-next-line no-inline-assembly
        assembly ("memory-safe") {
            let p := mload(0x40)
            mstore(p, assetId)
            mstore(add(p, 0x20), caller())
            mstore(add(p, 0x40), epoch)
            mstore(add(p, 0x60), dealType)
            mstore(add(p, 0x80), amount)
            mstore(add(p, 0xa0), expiry)
            mstore(add(p, 0xc0), termsHash)
            hash := keccak256(p, 0xe0)
        }
    }

    /// @dev A settled licence's slot: Settled | licence flag | licensee | start (now) | end | exclusive.
    function _licenceRecord(address licensee, bool exclusive, uint40 end) private view returns (bytes32) {
        uint256 record = uint256(OfferStatus.Settled) |
            _LICENCE_FLAG |
            (uint256(uint160(licensee)) << _LICENSEE_SHIFT) |
            (block.timestamp << _START_SHIFT) |
            (uint256(end) << _END_SHIFT);
        return bytes32(exclusive ? record | _EXCLUSIVE_FLAG : record);
    }

    /// @dev The asset's trading bits with the listing replaced (the registry keeps only `TRADE_MASK`).
    function _withListing(
        PackedAsset r,
        ListingStatus status,
        uint8 dealTypes,
        uint32 epoch
    ) private pure returns (uint256) {
        return
            (PackedAsset.unwrap(r) & ~AssetBits.LISTING_MASK) |
            (uint256(status) << AssetBits.LISTING_STATUS_SHIFT) |
            (uint256(dealTypes) << AssetBits.DEAL_TYPES_SHIFT) |
            (uint256(epoch) << AssetBits.EPOCH_SHIFT);
    }
}
