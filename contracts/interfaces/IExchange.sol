// SPDX-License-Identifier: MIT
pragma solidity ^0.8.28;

import {IERC20} from "@openzeppelin/contracts/token/ERC20/IERC20.sol";
import {IAssetRegistry} from "./IAssetRegistry.sol";
import {ILicenceRegistry} from "./ILicenceRegistry.sol";
import {
    Acceptance,
    Agreement,
    DealType,
    LicenceTerms,
    Listing,
    ListingStatus,
    Offer,
    OfferStatus
} from "../types/ExchangeTypes.sol";

/// @title IExchange
/// @notice Listings, escrowed offers and agreements over assets of the `IAssetRegistry`.
/// @dev Ids: a listing is keyed by its asset id (one listing at a time, `epoch` counts relistings);
///      offer ids count from 1; an agreement's id is its offer's id; a licence's id is its
///      agreement's id. Offers and agreements are stored as hashes: callers pass the `Offer` /
///      `Agreement` back exactly as emitted in `OfferMade` / `AgreementAccepted`.
///      Refunds (withdraw, reject, expiry, refusal, reclaim) never need membership and work while
///      paused, so escrowed funds can always leave; every other state change stops while paused.
///      Exclusivity: an exclusive licence never overlaps another running licence of its asset. While
///      an exclusive licence or an assignment of an asset is accepted and awaits registration the
///      asset is reserved: no other licence or assignment of it can be accepted or settle, until
///      that deal is registered, refused or reclaimed. An exclusive deal cannot be accepted while a
///      non-exclusive licence of the asset runs (`AssetRecord.licensedUntil`) or an exclusive one is
///      active.
interface IExchange {
    /// @notice Thrown when the caller is not the asset's owner.
    error ExchangeNotAssetOwner(uint256 assetId, address account);
    /// @notice Thrown when the asset is not Verified or is past its protection expiry.
    error ExchangeAssetNotTradable(uint256 assetId);
    /// @notice Thrown when a listing's deal-type mask is empty or has unknown bits.
    error ExchangeInvalidDealTypes(uint8 dealTypes);
    /// @notice Thrown when creating a listing while the asset's listing is open or paused.
    error ExchangeListingActive(uint256 assetId);
    /// @notice Thrown when the caller is not the listing's seller.
    error ExchangeNotSeller(uint256 assetId, address account);
    /// @notice Thrown when a listing status move is not allowed (Open ↔ Paused, either → Closed).
    error ExchangeInvalidListingTransition(uint256 assetId, ListingStatus from, ListingStatus to);
    /// @notice Thrown when offering on, or accepting under, a listing that is not open.
    error ExchangeListingNotOpen(uint256 assetId);
    /// @notice Thrown when the listing does not offer the deal type.
    error ExchangeDealTypeNotListed(uint256 assetId, DealType dealType);
    /// @notice Thrown when an offer amount is zero.
    error ExchangeInvalidAmount();
    /// @notice Thrown when an offer's expiry is not in the future.
    error ExchangeInvalidExpiry(uint40 expiry);
    /// @notice Thrown when the seller makes an offer on their own listing.
    error ExchangeBuyerIsSeller(address account);
    /// @notice Thrown when the passed offer or agreement does not match the stored hash.
    error ExchangeRecordMismatch(uint256 offerId);
    /// @notice Thrown when an offer is not open (already withdrawn, rejected, accepted…).
    error ExchangeOfferNotOpen(uint256 offerId, OfferStatus status);
    /// @notice Thrown when the caller is not the offer's buyer.
    error ExchangeNotBuyer(uint256 offerId, address account);
    /// @notice Thrown when accepting an offer past its expiry.
    error ExchangeOfferExpired(uint256 offerId);
    /// @notice Thrown when reclaiming an offer before its expiry.
    error ExchangeOfferNotExpired(uint256 offerId);
    /// @notice Thrown when the offer was made on an earlier listing of the asset.
    error ExchangeStaleOffer(uint256 offerId);
    /// @notice Thrown when the licence terms do not hash to the offer's `termsHash`.
    error ExchangeTermsMismatch(uint256 offerId);
    /// @notice Thrown when the agreement document hash is zero.
    error ExchangeInvalidDocument(uint256 offerId);
    /// @notice Thrown when the buyer has not consented to the document hash.
    error ExchangeInvalidBuyerConsent(uint256 offerId);
    /// @notice Thrown when the passed co-owners do not match the asset's registered co-owners.
    error ExchangeCoOwnersMismatch(uint256 assetId);
    /// @notice Thrown when a co-owner's consent signature is missing or invalid.
    error ExchangeInvalidCoOwnerConsent(uint256 offerId, address coOwner);
    /// @notice Thrown when the agreement is not awaiting registration.
    error ExchangeAgreementNotPending(uint256 agreementId, OfferStatus status);
    /// @notice Thrown when the IP office acts after the registration deadline.
    error ExchangeRegistrationDeadlinePassed(uint256 agreementId);
    /// @notice Thrown when reclaiming before the registration deadline.
    error ExchangeRegistrationDeadlineNotPassed(uint256 agreementId);
    /// @notice Thrown when settling an assignment whose seller no longer owns the asset.
    error ExchangeSellerNotOwner(uint256 agreementId);
    /// @notice Thrown when the fee exceeds `MAX_FEE_BPS`.
    error ExchangeFeeTooHigh(uint16 feeBps);
    /// @notice Thrown when the treasury is the zero address.
    error ExchangeInvalidTreasury(address treasury);
    /// @notice Thrown when the registration policy has unknown deal-type bits or a zero period.
    error ExchangeInvalidRegistrationPolicy(uint8 requiredMask, uint32 period);
    /// @notice Thrown when the registration period is longer than `MAX_REGISTRATION_PERIOD`.
    error ExchangeRegistrationPeriodTooLong(uint32 period, uint32 maxPeriod);
    /// @notice Thrown when an exclusive licence or assignment of the asset awaits registration.
    error ExchangeAssetReserved(uint256 assetId);
    /// @notice Thrown when accepting an exclusive deal while a non-exclusive licence of the asset runs.
    /// @param until when the last non-exclusive licence of the asset ends
    error ExchangeNonExclusiveLicenceRunning(uint256 assetId, uint40 until);
    /// @notice Thrown when accepting a licence that needs registration while an exclusive licence of
    ///         the asset is active.
    error ExchangeExclusiveLicenceActive(uint256 assetId, uint256 licenceId);
    /// @notice Thrown when the settlement token delivered less than the offer's amount (a
    ///         fee-on-transfer token): the exchange would owe more than it holds.
    error ExchangeEscrowShortfall(uint256 amount, uint256 received);
    /// @notice Thrown when an asset has been listed `AssetBits.MAX_EPOCH` times.
    error ExchangeTooManyListings(uint256 assetId);

    /// @notice Emitted when the owner lists an asset. Carries every term an indexer shows.
    /// @param dealTypes     bit (1 << DealType) set for each offered deal type
    /// @param askingPrices  asking price per DealType, in settlement-token units
    event ListingCreated(
        uint256 indexed assetId,
        address indexed seller,
        uint32 epoch,
        uint8 dealTypes,
        uint256[3] askingPrices,
        LicenceTerms terms
    );

    /// @notice Emitted when a listing is paused, reopened or closed (also when an assignment of the
    ///         asset settles, which closes it).
    event ListingStatusChanged(uint256 indexed assetId, uint32 epoch, ListingStatus status);

    /// @notice Emitted when a buyer makes an offer and its amount is escrowed.
    event OfferMade(
        uint256 indexed offerId,
        uint256 indexed assetId,
        address indexed buyer,
        uint32 listingEpoch,
        DealType dealType,
        uint256 amount,
        uint40 expiry,
        bytes32 termsHash
    );

    /// @notice Emitted when the buyer withdraws an offer; `amount` refunded.
    event OfferWithdrawn(uint256 indexed offerId, uint256 indexed assetId, address indexed buyer, uint256 amount);

    /// @notice Emitted when the seller rejects an offer; `amount` refunded.
    event OfferRejected(
        uint256 indexed offerId,
        uint256 indexed assetId,
        address indexed buyer,
        uint256 amount,
        bytes32 reasonHash
    );

    /// @notice Emitted when an expired offer is closed; `amount` refunded.
    event OfferExpired(uint256 indexed offerId, uint256 indexed assetId, address indexed buyer, uint256 amount);

    /// @notice Emitted when the buyer consents on-chain to the agreement document of its offer.
    event AgreementApproved(uint256 indexed offerId, address indexed buyer, bytes32 documentHash);

    /// @notice Emitted when the seller accepts an offer. If `registrationDeadline` is 0 the deal
    ///         needed no registration and `AgreementSettled` follows in the same transaction.
    /// @param feeBps   the fee this agreement will settle with
    /// @param pausedAtAcceptance the exchange's total paused seconds at acceptance (see `Agreement`)
    /// @param coOwners the co-owners who consented (empty for a non-exclusive licence)
    event AgreementAccepted(
        uint256 indexed agreementId,
        uint256 indexed assetId,
        address indexed buyer,
        address seller,
        DealType dealType,
        uint256 amount,
        bytes32 documentHash,
        uint40 registrationDeadline,
        uint16 feeBps,
        uint32 pausedAtAcceptance,
        address[] coOwners
    );

    /// @notice Emitted when an agreement settles: `net` paid to the seller, `fee` accrued for
    ///         `treasury` (paid out by `withdrawFees`), the asset moved (assignment) or licence
    ///         `agreementId` issued (licences).
    event AgreementSettled(
        uint256 indexed agreementId,
        uint256 indexed assetId,
        address indexed buyer,
        address seller,
        DealType dealType,
        uint256 amount,
        uint256 fee,
        uint256 net,
        address treasury
    );

    /// @notice Emitted when the IP office refuses to register; `amount` refunded to the buyer.
    event AgreementRefused(
        uint256 indexed agreementId,
        uint256 indexed assetId,
        address indexed buyer,
        uint256 amount,
        bytes32 reasonHash
    );

    /// @notice Emitted when the buyer's escrow is returned because the registration deadline passed.
    event AgreementReclaimed(
        uint256 indexed agreementId,
        uint256 indexed assetId,
        address indexed buyer,
        uint256 amount
    );

    /// @notice Emitted when accrued fees are paid to the treasury.
    event FeesWithdrawn(address indexed treasury, uint256 amount);

    /// @notice Emitted on unpause: every agreement awaiting registration gets `pausedSeconds` more
    ///         before its deadline, since time paused does not count against it.
    /// @param totalPausedSeconds the exchange's paused seconds since deployment
    event RegistrationDeadlinesExtended(uint32 pausedSeconds, uint32 totalPausedSeconds);

    /// @notice Emitted when the fee or treasury changes.
    event FeeConfigured(address indexed treasury, uint16 feeBps);

    /// @notice Emitted when the registration policy changes.
    /// @param requiredMask bit (1 << DealType) set for each deal type that needs IP-office registration
    /// @param period       seconds the IP office has to act after acceptance
    event RegistrationPolicyConfigured(uint8 requiredMask, uint32 period);

    /// @notice Lists the caller's Verified asset. Replaces a closed earlier listing (new epoch).
    function createListing(
        uint256 assetId,
        uint8 dealTypes,
        uint256[3] calldata askingPrices,
        LicenceTerms calldata terms
    ) external;

    /// @notice Pauses, reopens or closes the caller's listing. Reopening needs membership.
    function setListingStatus(uint256 assetId, ListingStatus status) external;

    /// @notice Offers `amount` for `dealType` on the asset's open listing, escrowing it (needs an
    ///         allowance). `termsHash` = keccak256(abi.encode(LicenceTerms)) the buyer proposes
    ///         (usually the listing's); ignored for assignments.
    function makeOffer(
        uint256 assetId,
        DealType dealType,
        uint256 amount,
        uint40 expiry,
        bytes32 termsHash
    ) external returns (uint256 offerId);

    /// @notice `makeOffer` with an EIP-2612 permit of `amount` to this contract, in one transaction.
    ///         The permit is skipped when the allowance already suffices (e.g. it was front-run).
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
    ) external returns (uint256 offerId);

    /// @notice The buyer withdraws its open offer; full refund.
    function withdrawOffer(uint256 offerId, Offer calldata offer) external;

    /// @notice The seller rejects an open offer; full refund to the buyer.
    function rejectOffer(uint256 offerId, Offer calldata offer, bytes32 reasonHash) external;

    /// @notice Anyone closes an expired open offer; full refund to the buyer.
    function reclaimExpiredOffer(uint256 offerId, Offer calldata offer) external;

    /// @notice The buyer consents on-chain to `documentHash` (instead of signing `AgreementConsent`).
    function approveAgreement(uint256 offerId, Offer calldata offer, bytes32 documentHash) external;

    /// @notice The seller accepts an open offer, binding `acceptance.documentHash`. Needs the
    ///         buyer's consent and, for assignments and exclusive licences, every co-owner's.
    ///         Settles at once when the deal type needs no registration (then `terms` must hash to
    ///         the offer's `termsHash` for licences); otherwise starts the registration period.
    function acceptOffer(
        uint256 offerId,
        Offer calldata offer,
        Acceptance calldata acceptance,
        LicenceTerms calldata terms
    ) external;

    /// @notice The IP office registers an accepted agreement, which settles it. Only IP_OFFICE
    ///         holders without an execution delay (checked with `hasRole`, not `restricted`), before
    ///         `registrationDeadlineOf(agreement)`, while both parties are members.
    function registerAgreement(uint256 agreementId, Agreement calldata agreement, LicenceTerms calldata terms) external;

    /// @notice The IP office refuses an accepted agreement; full refund. Only IP_OFFICE holders
    ///         without an execution delay (checked with `hasRole`, not `restricted`).
    function refuseAgreement(uint256 agreementId, Agreement calldata agreement, bytes32 reasonHash) external;

    /// @notice After `registrationDeadlineOf(agreement)`, anyone returns the escrow to the buyer.
    function reclaimUnregistered(uint256 agreementId, Agreement calldata agreement) external;

    /// @notice Pays every accrued fee to the treasury (`FeesWithdrawn`). Anyone may call it, also while
    ///         paused; a no-op when nothing has accrued.
    function withdrawFees() external;

    /// @notice Sets the treasury and fee (≤ MAX_FEE_BPS) for agreements accepted afterwards; the
    ///         treasury applies to every later settlement and receives the fees still accrued (call
    ///         `withdrawFees` first to pay them to the old treasury). Restricted (CONFIG, behind an
    ///         execution delay on a real network).
    function setFee(address treasury, uint16 feeBps) external;

    /// @notice Sets which deal types need registration and the IP office's period (at most
    ///         `MAX_REGISTRATION_PERIOD`). Restricted (CONFIG, behind an execution delay on a real
    ///         network). Applies to agreements accepted afterwards.
    function setRegistrationPolicy(uint8 requiredMask, uint32 period) external;

    /// @notice Pauses every state change but refunds and `withdrawFees`; registration deadlines stop
    ///         running until `unpause`. Restricted (PAUSER).
    function pause() external;

    /// @notice Unpauses, extending every pending registration deadline by the time paused. Restricted (PAUSER).
    function unpause() external;

    /// @notice The asset registry whose tokens trade here.
    function registry() external view returns (IAssetRegistry);

    /// @notice The licence registry that issues licences on settlement.
    function licences() external view returns (ILicenceRegistry);

    /// @notice The ERC-20 (with EIP-2612 permit) offers are escrowed and settled in.
    function settlementToken() external view returns (IERC20);

    /// @notice The asset's current listing.
    function listing(uint256 assetId) external view returns (Listing memory);

    /// @notice The offer's (or agreement's) status and stored commitment (hash with its low 9 bits
    ///         cleared). For a settled licence the stored word is the licence record (`licenceOf`).
    function offerState(uint256 offerId) external view returns (OfferStatus status, bytes32 commitment);

    /// @notice The id the next offer will get.
    function nextOfferId() external view returns (uint256);

    /// @notice Treasury, fee, registration-required mask and registration period.
    function config()
        external
        view
        returns (address treasury, uint16 feeBps, uint8 registrationRequiredMask, uint32 registrationPeriod);

    /// @notice The licence record agreement `agreementId` settled into (zero values if it is not a
    ///         settled licence); the licence registry reads its licences here.
    function licenceOf(
        uint256 agreementId
    ) external view returns (address licensee, bool exclusive, uint40 start, uint40 end);

    /// @notice When the IP office's time to act on `agreement` ends: its `registrationDeadline` plus
    ///         every second the exchange has been paused since acceptance (also a pause under way).
    function registrationDeadlineOf(Agreement calldata agreement) external view returns (uint256);

    /// @notice The exchange's total paused seconds (including a pause under way).
    function pausedSeconds() external view returns (uint256);

    /// @notice Fees settled but not yet paid to the treasury (see `withdrawFees`).
    function accruedFees() external view returns (uint256);

    /// @notice The EIP-712 digest a party signs to consent to `documentHash` for `agreementId`:
    ///         AgreementConsent(uint256 agreementId,bytes32 documentHash).
    function consentDigest(uint256 agreementId, bytes32 documentHash) external view returns (bytes32);

    /// @notice The buyer's on-chain approved document hash for an offer (zero if none).
    function approvedDocument(uint256 offerId) external view returns (bytes32);

    /// @notice keccak256(abi.encode(terms)), the `termsHash` of offers.
    function hashTerms(LicenceTerms calldata terms) external pure returns (bytes32);
}
