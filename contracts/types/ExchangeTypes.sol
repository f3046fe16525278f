// SPDX-License-Identifier: MIT
pragma solidity ^0.8.28;

/// @notice What a deal transfers. The value is also the bit index in a listing's `dealTypes` mask
///         and in the exchange's registration-required mask (bit = 1 << dealType).
enum DealType {
    Assignment,
    ExclusiveLicence,
    NonExclusiveLicence
}

/// @notice A listing's state. `None` means the asset was never listed.
enum ListingStatus {
    None,
    Open,
    Paused,
    Closed
}

/// @notice An offer's (and, once accepted, its agreement's) state. Every state after `Open`
///         except `Accepted` is final, and every final state has released the escrow exactly once.
enum OfferStatus {
    None,
    Open,
    Withdrawn,
    Rejected,
    Expired,
    Accepted,
    Settled,
    Refused,
    Reclaimed
}

/// @notice Licence terms of a listing or an offer. Stored on-chain only as
///         `keccak256(abi.encode(terms))`; the full terms travel in events and calldata.
/// @param territory     e.g. "VN" or "VN-SG,VN-BD" (free text, shown to people)
/// @param fieldOfUse    e.g. "aquaculture feed" (free text)
/// @param duration      seconds from settlement; 0 = until the asset's protection expiry.
///                      A licence never outlives the asset's protection.
/// @param sublicensing  whether the licensee may sublicense
/// @param royaltyBps    running royalty in basis points, paid off-chain (informational on-chain)
struct LicenceTerms {
    string territory;
    string fieldOfUse;
    uint32 duration;
    bool sublicensing;
    uint16 royaltyBps;
}

/// @notice A listing's on-chain state, as `IExchange.listing` returns it. One listing per asset at a
///         time, keyed by the asset id and stored in the asset's registry record; `seller` is the
///         asset's owner; `epoch` counts the asset's listings so offers on an older one cannot be
///         accepted. An assignment closes it.
struct Listing {
    address seller;
    ListingStatus status;
    uint8 dealTypes;
    uint32 epoch;
}

/// @notice An offer as made. Stored only as a hash; callers pass it back (indexers have it from
///         `OfferMade`). Saves two to three storage slots (~44-66k gas) per offer.
struct Offer {
    uint256 assetId;
    address buyer;
    uint32 listingEpoch;
    DealType dealType;
    uint256 amount;
    uint40 expiry;
    bytes32 termsHash;
}

/// @notice An accepted offer. Its id is the offer's id. Stored only as a hash, like `Offer`.
/// @param seller                the asset owner who accepted
/// @param documentHash          hash of the signed agreement document both parties consented to
/// @param registrationDeadline  unix time by which the IP office must act, had the exchange never been
///                              paused since acceptance (time paused does not count: see
///                              `IExchange.registrationDeadlineOf`); 0 when the deal type needs no
///                              registration (then it settled on acceptance)
/// @param feeBps                the exchange fee in force at acceptance, which settlement applies:
///                              a later fee change never alters an agreement already made
/// @param pausedAtAcceptance    the exchange's total paused seconds when the agreement was accepted
struct Agreement {
    Offer offer;
    address seller;
    bytes32 documentHash;
    uint40 registrationDeadline;
    uint16 feeBps;
    uint32 pausedAtAcceptance;
}

/// @notice What the seller brings to `acceptOffer`.
/// @param documentHash        hash of the agreement document
/// @param buyerSignature      the buyer's EIP-712 `AgreementConsent`; empty if the buyer called
///                            `approveAgreement` with the same hash
/// @param coOwners            the asset's co-owners (must hash to the registry's `coOwnersHash`);
///                            empty for a non-exclusive licence
/// @param coOwnerSignatures   each co-owner's EIP-712 `AgreementConsent`, same order
struct Acceptance {
    bytes32 documentHash;
    bytes buyerSignature;
    address[] coOwners;
    bytes[] coOwnerSignatures;
}
