// Reads straight from the chain: the offer and agreement records the exchange keeps only as hashes
// (rebuilt from `OfferMade` / `AgreementAccepted`, as the contract expects them back), and the
// queues each persona works from. The persona areas act on this, so they never wait for the index.
import { AbiCoder, keccak256, type EventLog, type Log } from "ethers";
import type { TechExContracts } from "./contracts.ts";

export const DealTypeId = { ASSIGNMENT: 0, EXCLUSIVE_LICENCE: 1, NON_EXCLUSIVE_LICENCE: 2 } as const;
export const dealTypeNames = ["ASSIGNMENT", "EXCLUSIVE_LICENCE", "NON_EXCLUSIVE_LICENCE"] as const;
export const assetStatusNames = ["NONE", "PENDING", "VERIFIED", "REJECTED", "SUSPENDED", "REVOKED"] as const;
export const assetKindNames = [
  "PATENT",
  "UTILITY_SOLUTION",
  "INDUSTRIAL_DESIGN",
  "LAYOUT_DESIGN",
  "SOFTWARE",
  "KNOW_HOW",
  "PLANT_VARIETY",
] as const;
export const offerStatusNames = [
  "NONE",
  "OPEN",
  "WITHDRAWN",
  "REJECTED",
  "EXPIRED",
  "ACCEPTED",
  "SETTLED",
  "REFUSED",
  "RECLAIMED",
] as const;
export type OfferStatusName = (typeof offerStatusNames)[number];

export interface LicenceTerms {
  territory: string;
  fieldOfUse: string;
  duration: bigint;
  sublicensing: boolean;
  royaltyBps: bigint;
}

export interface OfferRecord {
  assetId: bigint;
  buyer: string;
  listingEpoch: bigint;
  dealType: bigint;
  amount: bigint;
  expiry: bigint;
  termsHash: string;
}

export interface AgreementRecord {
  offer: OfferRecord;
  seller: string;
  documentHash: string;
  registrationDeadline: bigint;
  feeBps: bigint;
  /** The exchange's paused seconds at acceptance: time paused since then extends the deadline. */
  pausedAtAcceptance: bigint;
}

export interface OfferView {
  id: bigint;
  offer: OfferRecord;
  status: OfferStatusName;
  txHash: string;
}

export interface AgreementView {
  id: bigint;
  agreement: AgreementRecord;
  /** When the IP office's time to act ends: the deadline plus time the exchange was paused since
   *  acceptance (0 when no registration is needed). */
  deadline: bigint;
  coOwners: string[];
  status: OfferStatusName;
  txHash: string;
  blockNumber: number;
}

const TERMS_TYPE =
  "tuple(string territory,string fieldOfUse,uint32 duration,bool sublicensing,uint16 royaltyBps)";

export function hashTerms(terms: LicenceTerms): string {
  return keccak256(
    AbiCoder.defaultAbiCoder().encode(
      [TERMS_TYPE],
      [[terms.territory, terms.fieldOfUse, terms.duration, terms.sublicensing, terms.royaltyBps]],
    ),
  );
}

function asEventLogs(logs: (EventLog | Log)[]): EventLog[] {
  return logs.filter((log): log is EventLog => "args" in log);
}

function offerFromEvent(log: EventLog): OfferView {
  const a = log.args;
  return {
    id: a.offerId as bigint,
    offer: {
      assetId: a.assetId as bigint,
      buyer: a.buyer as string,
      listingEpoch: a.listingEpoch as bigint,
      dealType: a.dealType as bigint,
      amount: a.amount as bigint,
      expiry: a.expiry as bigint,
      termsHash: a.termsHash as string,
    },
    status: "NONE",
    txHash: log.transactionHash,
  };
}

async function withOfferStatus<T extends { id: bigint; status: OfferStatusName }>(
  c: TechExContracts,
  views: T[],
): Promise<T[]> {
  return Promise.all(
    views.map(async (view) => {
      const [status] = (await c.exchange.offerState(view.id)) as [bigint, string];
      return { ...view, status: offerStatusNames[Number(status)] ?? "NONE" };
    }),
  );
}

export async function offersWhere(
  c: TechExContracts,
  fromBlock: number,
  filter: { offerId?: bigint; assetId?: bigint; buyer?: string },
): Promise<OfferView[]> {
  const logs = asEventLogs(
    await c.exchange.queryFilter(
      c.exchange.filters.OfferMade(filter.offerId ?? null, filter.assetId ?? null, filter.buyer ?? null),
      fromBlock,
    ),
  );
  return withOfferStatus(c, logs.map(offerFromEvent).reverse());
}

export async function offerById(
  c: TechExContracts,
  fromBlock: number,
  offerId: bigint,
): Promise<OfferView | null> {
  return (await offersWhere(c, fromBlock, { offerId }))[0] ?? null;
}

export async function agreementsWhere(
  c: TechExContracts,
  fromBlock: number,
  filter: { agreementId?: bigint; assetId?: bigint; buyer?: string },
): Promise<AgreementView[]> {
  const accepted = asEventLogs(
    await c.exchange.queryFilter(
      c.exchange.filters.AgreementAccepted(
        filter.agreementId ?? null,
        filter.assetId ?? null,
        filter.buyer ?? null,
      ),
      fromBlock,
    ),
  );
  const pausedSeconds = accepted.length ? ((await c.exchange.pausedSeconds()) as bigint) : 0n;
  const views = await Promise.all(
    accepted.map(async (log): Promise<AgreementView | null> => {
      const offer = await offerById(c, fromBlock, log.args.agreementId as bigint);
      if (!offer) return null;
      return {
        id: log.args.agreementId as bigint,
        agreement: {
          offer: offer.offer,
          seller: log.args.seller as string,
          documentHash: log.args.documentHash as string,
          registrationDeadline: log.args.registrationDeadline as bigint,
          feeBps: log.args.feeBps as bigint,
          pausedAtAcceptance: log.args.pausedAtAcceptance as bigint,
        },
        deadline:
          (log.args.registrationDeadline as bigint) === 0n
            ? 0n
            : (log.args.registrationDeadline as bigint) +
              pausedSeconds -
              (log.args.pausedAtAcceptance as bigint),
        coOwners: [...(log.args.coOwners as string[])],
        status: "NONE",
        txHash: log.transactionHash,
        blockNumber: log.blockNumber,
      };
    }),
  );
  return withOfferStatus(
    c,
    views.filter((view): view is AgreementView => view !== null),
  ).then((list) => list.reverse());
}

/** The licence terms of the asset's listing at `epoch`, as `ListingCreated` carried them. */
export async function listingTerms(
  c: TechExContracts,
  fromBlock: number,
  assetId: bigint,
  epoch: bigint,
): Promise<LicenceTerms> {
  const logs = asEventLogs(
    await c.exchange.queryFilter(c.exchange.filters.ListingCreated(assetId), fromBlock),
  );
  const created = logs.find((log) => (log.args.epoch as bigint) === epoch) ?? logs[logs.length - 1];
  if (!created) throw new Error("no listing");
  const t = created.args.terms;
  return {
    territory: t.territory as string,
    fieldOfUse: t.fieldOfUse as string,
    duration: t.duration as bigint,
    sublicensing: t.sublicensing as boolean,
    royaltyBps: t.royaltyBps as bigint,
  };
}

/**
 * The asset's co-owners as registered (`AssetRegistered`), in the order the exchange hashes them;
 * none once an assignment has cleared them (the registry's `coOwnersHash` is then zero).
 */
export async function coOwnersOf(c: TechExContracts, fromBlock: number, assetId: bigint): Promise<string[]> {
  const registeredHash = (await c.registry.coOwnersHash(assetId)) as string;
  if (BigInt(registeredHash) === 0n) return [];
  const [registered] = asEventLogs(
    await c.registry.queryFilter(c.registry.filters.AssetRegistered(assetId), fromBlock),
  );
  const coOwners = registered ? [...(registered.args.coOwners as string[])] : [];
  if (keccak256(AbiCoder.defaultAbiCoder().encode(["address[]"], [coOwners])) !== registeredHash)
    throw new Error("the registered co-owners do not match the registry's hash");
  return coOwners;
}

/** Assignments and exclusive licences need every co-owner's consent; non-exclusive licences do not. */
export function needsCoOwnerConsent(dealType: bigint): boolean {
  return Number(dealType) !== DealTypeId.NON_EXCLUSIVE_LICENCE;
}

export interface AssetView {
  id: bigint;
  owner: string;
  status: (typeof assetStatusNames)[number];
  kind: (typeof assetKindNames)[number];
  protectionExpiry: bigint;
  contentHash: string;
  uri: string;
  txHash: string;
}

/** Assets registered (optionally by `owner`, or moved to it), with their current on-chain record. */
export async function assetsWhere(
  c: TechExContracts,
  fromBlock: number,
  owner?: string,
): Promise<AssetView[]> {
  const registered = asEventLogs(
    await c.registry.queryFilter(c.registry.filters.AssetRegistered(null, owner ?? null), fromBlock),
  );
  const moved = owner
    ? asEventLogs(
        // ERC-721 Transfer to the owner: registrations (from zero) and assignments settled to it
        await c.registry.queryFilter(c.registry.filters.Transfer(null, owner), fromBlock),
      )
    : [];
  const ids = new Map<bigint, { uri: string; txHash: string }>();
  for (const log of registered)
    ids.set(log.args.assetId as bigint, { uri: log.args.uri as string, txHash: log.transactionHash });
  for (const log of moved)
    if (!ids.has(log.args.tokenId as bigint))
      ids.set(log.args.tokenId as bigint, { uri: "", txHash: log.transactionHash });
  const views = await Promise.all(
    [...ids.entries()].map(async ([id, origin]) => {
      const record = await c.registry.asset(id);
      return {
        id,
        owner: (record.owner as string).toLowerCase(),
        status: assetStatusNames[Number(record.status)] ?? "NONE",
        kind: assetKindNames[Number(record.kind)] ?? "PATENT",
        protectionExpiry: record.protectionExpiry as bigint,
        contentHash: record.contentHash as string,
        uri: origin.uri,
        txHash: origin.txHash,
      } satisfies AssetView;
    }),
  );
  return views.filter((view) => !owner || view.owner === owner.toLowerCase()).reverse();
}

export interface LicenceView {
  id: bigint;
  assetId: bigint;
  exclusive: boolean;
  start: bigint;
  end: bigint;
  territory: string;
  fieldOfUse: string;
  active: boolean;
}

export async function licencesOf(
  c: TechExContracts,
  fromBlock: number,
  licensee: string,
): Promise<LicenceView[]> {
  const logs = asEventLogs(
    await c.licences.queryFilter(c.licences.filters.LicenceIssued(null, null, licensee), fromBlock),
  );
  return Promise.all(
    logs.reverse().map(async (log) => ({
      id: log.args.licenceId as bigint,
      assetId: log.args.assetId as bigint,
      exclusive: log.args.exclusive as boolean,
      start: log.args.start as bigint,
      end: log.args.end as bigint,
      territory: log.args.territory as string,
      fieldOfUse: log.args.fieldOfUse as string,
      active: (await c.licences.isActive(log.args.licenceId)) as boolean,
    })),
  );
}

/** SHA-256 of bytes, as a 0x-prefixed bytes32 (how documents are anchored on-chain). */
export async function sha256Hex(bytes: ArrayBuffer | Uint8Array): Promise<string> {
  const digest = await crypto.subtle.digest(
    "SHA-256",
    bytes instanceof Uint8Array ? new Uint8Array(bytes) : bytes,
  );
  return `0x${[...new Uint8Array(digest)].map((b) => b.toString(16).padStart(2, "0")).join("")}`;
}
