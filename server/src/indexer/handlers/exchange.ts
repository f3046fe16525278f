// Exchange: listings, escrowed offers and the agreements they become.
import { keccak256 } from "ethers";
import { listingId, unixTime, type ListingState, type WorkingSet } from "../model.ts";
import type { ChainEventRecord } from "../events.ts";
import type { ContractHandlers } from "./types.ts";
import { DEAL_TYPES, num, str } from "./types.ts";

/** ExchangeTypes.sol's ListingStatus; None (0) never appears in an event. */
const LISTING_STATES: readonly (ListingState | undefined)[] = [undefined, "OPEN", "PAUSED", "CLOSED"];

interface Terms {
  territory: string;
  fieldOfUse: string;
  duration: number;
  sublicensing: boolean;
  royaltyBps: number;
}

/**
 * keccak256(abi.encode(terms)): what offers carry as `termsHash` (IExchange.hashTerms). Encoded by
 * hand: AbiCoder.encode cost more than the rest of a listing's indexing together.
 */
function hashTerms(terms: Terms): string {
  const territory = Buffer.from(terms.territory, "utf8");
  const fieldOfUse = Buffer.from(terms.fieldOfUse, "utf8");
  const padded = (bytes: Buffer) => Math.ceil(bytes.length / 32) * 32;
  // The tuple is dynamic: an offset to it, then its five head words, then each string's length and bytes.
  const territoryAt = 5 * 32;
  const fieldOfUseAt = territoryAt + 32 + padded(territory);
  const encoded = Buffer.alloc(32 + fieldOfUseAt + 32 + padded(fieldOfUse));
  const word = (at: number, value: number | bigint) =>
    encoded.write(BigInt(value).toString(16).padStart(64, "0"), 32 + at, "hex");
  word(-32, 32);
  word(0, territoryAt);
  word(32, fieldOfUseAt);
  word(64, terms.duration);
  word(96, terms.sublicensing ? 1 : 0);
  word(128, terms.royaltyBps);
  word(territoryAt, territory.length);
  territory.copy(encoded, 32 + territoryAt + 32);
  word(fieldOfUseAt, fieldOfUse.length);
  fieldOfUse.copy(encoded, 32 + fieldOfUseAt + 32);
  return keccak256(encoded);
}

function dealType(value: unknown) {
  const type = DEAL_TYPES[num(value)];
  if (!type) throw new Error(`unknown deal type ${String(value)}`);
  return type;
}

/** Offer, agreement and licence share one id; every exchange event but two names its asset. */
function recordOnAsset(set: WorkingSet, event: ChainEventRecord, assetTokenId: string) {
  set.record(event, "ASSET", assetTokenId);
}

function closeOffer(set: WorkingSet, event: ChainEventRecord, state: "WITHDRAWN" | "REJECTED" | "EXPIRED") {
  const id = str(event.args.offerId);
  const offer = set.offers.change(id);
  offer.state = state;
  offer.closedAt = event.blockTime;
  if (state === "REJECTED") offer.rejectionReason = str(event.args.reasonHash);
  recordOnAsset(set, event, offer.assetTokenId);
  set.record(event, "OFFER", id);
}

export const exchangeHandlers: ContractHandlers = {
  ListingCreated(set, event) {
    const { args } = event;
    const assetTokenId = str(args.assetId);
    const epoch = num(args.epoch);
    const id = listingId(assetTokenId, epoch);
    const mask = num(args.dealTypes);
    const prices = args.askingPrices as string[];
    const price = (type: number) => ((mask >> type) & 1 ? prices[type] : null);
    const terms = args.terms as unknown as Terms;
    set.listings.put(id, {
      id,
      assetTokenId,
      epoch,
      seller: str(args.seller),
      paymentToken: set.settlementToken,
      assignmentPrice: price(0),
      exclusiveLicencePrice: price(1),
      nonExclusiveLicencePrice: price(2),
      territory: terms.territory,
      fieldOfUse: terms.fieldOfUse,
      licenceDurationSeconds: terms.duration,
      sublicensingAllowed: terms.sublicensing,
      royaltyBps: terms.royaltyBps,
      termsHash: hashTerms(terms),
      state: "OPEN",
      openedAt: event.blockTime,
      openedBlock: event.blockNumber,
    });
    recordOnAsset(set, event, assetTokenId);
    set.record(event, "LISTING", id);
  },

  ListingStatusChanged(set, event) {
    const assetTokenId = str(event.args.assetId);
    const id = listingId(assetTokenId, num(event.args.epoch));
    const state = LISTING_STATES[num(event.args.status)];
    if (!state) throw new Error(`ListingStatusChanged to unknown status ${String(event.args.status)}`);
    set.listings.change(id).state = state;
    recordOnAsset(set, event, assetTokenId);
    set.record(event, "LISTING", id);
  },

  OfferMade(set, event) {
    const { args } = event;
    const id = str(args.offerId);
    const assetTokenId = str(args.assetId);
    const epoch = num(args.listingEpoch);
    set.offers.put(id, {
      id,
      listingId: listingId(assetTokenId, epoch),
      listingEpoch: epoch,
      assetTokenId,
      buyer: str(args.buyer),
      dealType: dealType(args.dealType),
      amount: str(args.amount),
      expiresAt: unixTime(num(args.expiry)),
      termsHash: str(args.termsHash),
      state: "OPEN",
      approvedDocumentHash: null,
      rejectionReason: null,
      closedAt: null,
      madeAt: event.blockTime,
      madeBlock: event.blockNumber,
    });
    recordOnAsset(set, event, assetTokenId);
    set.record(event, "LISTING", listingId(assetTokenId, epoch));
    set.record(event, "OFFER", id);
  },

  OfferWithdrawn: (set, event) => closeOffer(set, event, "WITHDRAWN"),
  OfferRejected: (set, event) => closeOffer(set, event, "REJECTED"),
  OfferExpired: (set, event) => closeOffer(set, event, "EXPIRED"),

  AgreementApproved(set, event) {
    const id = str(event.args.offerId);
    const offer = set.offers.change(id);
    offer.approvedDocumentHash = str(event.args.documentHash);
    recordOnAsset(set, event, offer.assetTokenId);
    set.record(event, "OFFER", id);
  },

  AgreementAccepted(set, event) {
    const { args } = event;
    const id = str(args.agreementId);
    const offer = set.offers.change(id);
    offer.state = "ACCEPTED";
    const deadline = num(args.registrationDeadline);
    set.agreements.put(id, {
      id,
      offerId: id,
      listingId: offer.listingId,
      assetTokenId: str(args.assetId),
      seller: str(args.seller),
      buyer: str(args.buyer),
      dealType: dealType(args.dealType),
      documentHash: str(args.documentHash),
      // A zero deadline means no registration is needed: AgreementSettled follows in the same transaction.
      status: "AWAITING_REGISTRATION",
      registrationRequired: deadline !== 0,
      amount: str(args.amount),
      fee: null,
      sellerProceeds: null,
      deadline: deadline ? unixTime(deadline) : null,
      registrar: null,
      refusalReason: null,
      coOwners: (args.coOwners as string[]).slice(),
      treasury: null,
      closedAt: null,
      createdAtChain: event.blockTime,
      createdBlock: event.blockNumber,
      // Acceptance requires the buyer's consent to this document hash (signature or earlier approval).
      buyerConsentedAt: event.blockTime,
      settledAt: null,
    });
    recordOnAsset(set, event, str(args.assetId));
    set.record(event, "OFFER", id);
    set.record(event, "AGREEMENT", id);
  },

  AgreementSettled(set, event) {
    const id = str(event.args.agreementId);
    const agreement = set.agreements.change(id);
    agreement.status = "SETTLED";
    agreement.fee = str(event.args.fee);
    agreement.sellerProceeds = str(event.args.net);
    agreement.treasury = str(event.args.treasury);
    agreement.settledAt = event.blockTime;
    agreement.closedAt = event.blockTime;
    if (agreement.registrationRequired) agreement.registrar = event.txFrom;
    recordOnAsset(set, event, agreement.assetTokenId);
    set.record(event, "AGREEMENT", id);
  },

  AgreementRefused(set, event) {
    const id = str(event.args.agreementId);
    const agreement = set.agreements.change(id);
    agreement.status = "REFUSED";
    agreement.refusalReason = str(event.args.reasonHash);
    agreement.registrar = event.txFrom;
    agreement.closedAt = event.blockTime;
    recordOnAsset(set, event, agreement.assetTokenId);
    set.record(event, "AGREEMENT", id);
  },

  AgreementReclaimed(set, event) {
    const id = str(event.args.agreementId);
    const agreement = set.agreements.change(id);
    agreement.status = "RECLAIMED";
    agreement.closedAt = event.blockTime;
    recordOnAsset(set, event, agreement.assetTokenId);
    set.record(event, "AGREEMENT", id);
  },

  // On unpause, every agreement awaiting registration gets the time paused added to its deadline
  // (none can have been accepted while paused). The store loads every such agreement into the set
  // for a batch holding this event.
  RegistrationDeadlinesExtended(set, event) {
    const extra = num(event.args.pausedSeconds) * 1000;
    if (extra === 0) return;
    for (const [id, agreement] of set.agreements.rows) {
      if (agreement.status !== "AWAITING_REGISTRATION" || !agreement.deadline) continue;
      if (agreement.createdBlock >= event.blockNumber) continue;
      set.agreements.change(id).deadline = new Date(agreement.deadline.getTime() + extra);
      set.record(event, "AGREEMENT", id);
    }
  },

  // Configuration changes and fee payouts have no projection of their own: they stay in chain_events.
  FeeConfigured() {},
  RegistrationPolicyConfigured() {},
  FeesWithdrawn() {},
};
