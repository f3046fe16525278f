// The projection rows a batch reads and changes, held in memory while its events are applied in
// (block, logIndex) order, then written back in one transaction. Ids and amounts are decimal strings
// (Decimal(78,0) in the database), times are Dates, block numbers plain numbers.
import type { ChainEventRecord } from "./events.ts";

export type AssetStatus = "PENDING" | "VERIFIED" | "REJECTED" | "SUSPENDED" | "REVOKED";
export type DealType = "ASSIGNMENT" | "EXCLUSIVE_LICENCE" | "NON_EXCLUSIVE_LICENCE";
export type ListingState = "OPEN" | "PAUSED" | "CLOSED";
export type OfferState = "OPEN" | "ACCEPTED" | "WITHDRAWN" | "REJECTED" | "EXPIRED";
export type AgreementStatus =
  "AWAITING_BUYER_CONSENT" | "AWAITING_REGISTRATION" | "SETTLED" | "REFUSED" | "RECLAIMED";
export type ActivityEntity = "ORGANISATION" | "ASSET" | "LISTING" | "OFFER" | "AGREEMENT" | "LICENCE";

export interface OrganisationRow {
  address: string;
  profileHash: string | null;
  admittedAt: Date | null;
  removedAt: Date | null;
  removalReason: string | null;
}

export interface AssetRow {
  tokenId: string;
  kind: string;
  registrationNumberHash: string;
  contentHash: string;
  metadataUri: string | null;
  protectionExpiresAt: Date | null;
  status: AssetStatus;
  statusReason: string | null;
  owner: string;
  registrant: string;
  registeredAt: Date;
  registeredBlock: number;
  verifiedAt: Date | null;
  coOwners: string[];
}

export interface ListingRow {
  id: string;
  assetTokenId: string;
  epoch: number;
  seller: string;
  paymentToken: string;
  assignmentPrice: string | null;
  exclusiveLicencePrice: string | null;
  nonExclusiveLicencePrice: string | null;
  territory: string | null;
  fieldOfUse: string | null;
  licenceDurationSeconds: number | null;
  sublicensingAllowed: boolean;
  royaltyBps: number | null;
  termsHash: string | null;
  state: ListingState;
  openedAt: Date;
  openedBlock: number;
}

export interface OfferRow {
  id: string;
  listingId: string;
  listingEpoch: number;
  assetTokenId: string;
  buyer: string;
  dealType: DealType;
  amount: string;
  expiresAt: Date;
  termsHash: string;
  state: OfferState;
  approvedDocumentHash: string | null;
  rejectionReason: string | null;
  closedAt: Date | null;
  madeAt: Date;
  madeBlock: number;
}

export interface AgreementRow {
  id: string;
  offerId: string;
  listingId: string;
  assetTokenId: string;
  seller: string;
  buyer: string;
  dealType: DealType;
  documentHash: string;
  status: AgreementStatus;
  registrationRequired: boolean;
  amount: string;
  fee: string | null;
  sellerProceeds: string | null;
  deadline: Date | null;
  registrar: string | null;
  refusalReason: string | null;
  coOwners: string[];
  treasury: string | null;
  closedAt: Date | null;
  createdAtChain: Date;
  createdBlock: number;
  buyerConsentedAt: Date | null;
  settledAt: Date | null;
}

export interface LicenceRow {
  id: string;
  assetTokenId: string;
  agreementId: string | null;
  licensee: string;
  exclusive: boolean;
  territory: string | null;
  fieldOfUse: string | null;
  sublicensing: boolean;
  royaltyBps: number | null;
  startsAt: Date;
  endsAt: Date | null;
  revokedAt: Date | null;
  revocationReason: string | null;
  issuedBlock: number;
}

export interface ActivityRow {
  entityType: ActivityEntity;
  entityId: string;
  action: string;
  actor: string | null;
  event: ChainEventRecord;
}

/** Thrown when an event refers to something the index does not hold: the index and chain disagree. */
export class IndexInconsistentError extends Error {}

/** A keyed set of rows loaded from the database or created by this batch; `dirty` ones are written back. */
export class RowSet<Row> {
  readonly rows = new Map<string, Row>();
  readonly dirty = new Set<string>();
  /** Keys whose row the database holds: read from it, or written by a committed batch. */
  readonly stored = new Set<string>();
  readonly #what: string;

  constructor(what: string) {
    this.#what = what;
  }

  find(id: string): Row | undefined {
    return this.rows.get(id);
  }

  get(id: string): Row {
    const row = this.rows.get(id);
    if (!row) throw new IndexInconsistentError(`${this.#what} ${id} is not in the index`);
    return row;
  }

  /** Marks the row changed and returns it for mutation. */
  change(id: string): Row {
    const row = this.get(id);
    this.dirty.add(id);
    return row;
  }

  put(id: string, row: Row): void {
    this.rows.set(id, row);
    this.dirty.add(id);
  }

  load(id: string, row: Row): void {
    this.rows.set(id, row);
    this.stored.add(id);
  }

  changed(): Row[] {
    return [...this.dirty].map((id) => this.rows.get(id)!);
  }

  /** Changed rows the database does not hold yet: they are inserted. */
  created(): Row[] {
    return [...this.dirty].filter((id) => !this.stored.has(id)).map((id) => this.rows.get(id)!);
  }

  /** Changed rows the database holds: they are updated. */
  updated(): Row[] {
    return [...this.dirty].filter((id) => this.stored.has(id)).map((id) => this.rows.get(id)!);
  }

  /** After the changes committed. */
  settle(): void {
    for (const id of this.dirty) this.stored.add(id);
    this.dirty.clear();
  }
}

/** Everything a batch of events may read or change. */
export class WorkingSet {
  readonly organisations = new RowSet<OrganisationRow>("organisation");
  readonly assets = new RowSet<AssetRow>("asset");
  /** Keyed by listing id "<assetTokenId>-<epoch>". */
  readonly listings = new RowSet<ListingRow>("listing");
  readonly offers = new RowSet<OfferRow>("offer");
  readonly agreements = new RowSet<AgreementRow>("agreement");
  readonly licences = new RowSet<LicenceRow>("licence");
  readonly activities: ActivityRow[] = [];
  readonly settlementToken: string;

  constructor(settlementToken: string) {
    this.settlementToken = settlementToken.toLowerCase();
  }

  record(event: ChainEventRecord, entityType: ActivityEntity, entityId: string): void {
    this.activities.push({ entityType, entityId, action: event.name, actor: event.txFrom, event });
  }

  /**
   * After its batch committed: the rows now equal the database's, so the set can serve the next
   * batch (only the indexer writes these columns, and it writes through this set). Nothing is left
   * to write.
   */
  settle(): void {
    for (const rows of this.#rowSets()) rows.settle();
    this.activities.length = 0;
  }

  /**
   * For a set rebuilt by replaying events over rows it did not read (a reorg's rollback): any row
   * may already be in the database, so every change is written as an upsert.
   */
  assumeAllStored(): void {
    for (const rows of this.#rowSets()) for (const id of rows.rows.keys()) rows.stored.add(id);
  }

  /** How many rows it holds, to bound what is carried. */
  get size(): number {
    return this.#rowSets().reduce((sum, rows) => sum + rows.rows.size, 0);
  }

  #rowSets(): RowSet<unknown>[] {
    return [this.organisations, this.assets, this.listings, this.offers, this.agreements, this.licences];
  }
}

export function listingId(assetTokenId: string, epoch: number): string {
  return `${assetTokenId}-${epoch}`;
}

/** A uint40 unix time from an event as a Date. */
export function unixTime(seconds: number): Date {
  return new Date(seconds * 1000);
}
