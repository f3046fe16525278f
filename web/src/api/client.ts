// The one client of the TechEx HTTP API. Every call resolves to data or throws an ApiError whose
// `code` is the server's stable code, "NETWORK" when the server could not be reached, or
// "NOT_AVAILABLE" when this server does not offer the route (yet) — the UI says so plainly.
import type { DeploymentRecord } from "../../../generated/techex.ts";

export class ApiError extends Error {
  readonly status: number;
  readonly code: string;
  readonly details: Record<string, unknown>;
  constructor(status: number, code: string, message: string, details: Record<string, unknown> = {}) {
    super(message);
    this.status = status;
    this.code = code;
    this.details = details;
  }
}

async function request<T>(path: string, init?: RequestInit): Promise<T> {
  let response: Response;
  try {
    response = await fetch(path, {
      credentials: "same-origin",
      ...init,
      headers: { accept: "application/json", ...init?.headers },
    });
  } catch (error) {
    throw new ApiError(0, "NETWORK", (error as Error).message);
  }
  const type = response.headers.get("content-type") ?? "";
  const body: unknown = type.includes("json") ? await response.json().catch(() => null) : null;
  if (!response.ok) {
    const error = (
      body as { error?: { code?: string; message?: string; details?: Record<string, unknown> } } | null
    )?.error;
    if (response.status === 404 && (!error || error.code === "ROUTE_NOT_FOUND")) {
      throw new ApiError(404, "NOT_AVAILABLE", `${init?.method ?? "GET"} ${path} is not available`);
    }
    throw new ApiError(
      response.status,
      error?.code ?? `HTTP_${response.status}`,
      error?.message ?? response.statusText,
      error?.details,
    );
  }
  if (!type.includes("json"))
    throw new ApiError(response.status, "NOT_AVAILABLE", `${path} did not answer JSON`);
  return body as T;
}

function query(params: Record<string, string | number | boolean | undefined>): string {
  const search = new URLSearchParams();
  for (const [key, value] of Object.entries(params))
    if (value !== undefined && value !== "") search.set(key, String(value));
  const text = search.toString();
  return text ? `?${text}` : "";
}

const postJson = (body: unknown): RequestInit => ({
  method: "POST",
  headers: { "content-type": "application/json" },
  body: JSON.stringify(body),
});

// ---- shapes (as server/src/api/** returns them; ids and amounts are decimal strings) ----

export type AssetKind =
  | "PATENT"
  | "UTILITY_SOLUTION"
  | "INDUSTRIAL_DESIGN"
  | "LAYOUT_DESIGN"
  | "SOFTWARE"
  | "KNOW_HOW"
  | "PLANT_VARIETY"
  | "OTHER";
export type AssetStatus = "PENDING" | "VERIFIED" | "REJECTED" | "SUSPENDED" | "REVOKED";
export type DealType = "ASSIGNMENT" | "EXCLUSIVE_LICENCE" | "NON_EXCLUSIVE_LICENCE";
export type ListingState = "OPEN" | "PAUSED" | "CLOSED";
export type OfferState = "OPEN" | "ACCEPTED" | "WITHDRAWN" | "REJECTED" | "EXPIRED";
export type AgreementStatus =
  "AWAITING_BUYER_CONSENT" | "AWAITING_REGISTRATION" | "SETTLED" | "REFUSED" | "RECLAIMED";
export type OrganisationKind =
  "institute" | "university" | "company" | "INSTITUTE" | "UNIVERSITY" | "COMPANY";

export const assetKinds: readonly AssetKind[] = [
  "PATENT",
  "UTILITY_SOLUTION",
  "INDUSTRIAL_DESIGN",
  "LAYOUT_DESIGN",
  "SOFTWARE",
  "KNOW_HOW",
  "PLANT_VARIETY",
  "OTHER",
];
export const dealTypes: readonly DealType[] = ["ASSIGNMENT", "EXCLUSIVE_LICENCE", "NON_EXCLUSIVE_LICENCE"];
export const listingStates: readonly ListingState[] = ["OPEN", "PAUSED", "CLOSED"];

export interface Page<T> {
  items: T[];
  page: number;
  limit: number;
  total: number;
}

export interface HistoryEntry {
  action: string;
  actor: string | null;
  txHash: string;
  blockNumber: string | number;
  logIndex: number;
  time: string;
  details: unknown;
}

export interface AssetSummary {
  tokenId: string;
  kind: AssetKind;
  status: AssetStatus;
  owner: string;
  title: string | null;
  titleEn: string | null;
  field: string | null;
  trl: number | null;
}

export interface ListingSummary {
  id: string;
  assetTokenId: string;
  epoch: number;
  seller: string;
  assignmentPrice: string | null;
  exclusiveLicencePrice: string | null;
  nonExclusiveLicencePrice: string | null;
  territory: string | null;
  fieldOfUse: string | null;
  licenceDurationSeconds: string | null;
  sublicensingAllowed: boolean;
  royaltyBps: number | null;
  state: ListingState;
  openedAt: string;
  asset: AssetSummary;
}

export interface Organisation {
  address: string;
  nameVi: string | null;
  nameEn: string | null;
  kind: OrganisationKind | null;
  province: string | null;
  contactEmail?: string | null;
  contactPhone?: string | null;
  website?: string | null;
  admittedAt?: string | null;
  removedAt?: string | null;
}

export interface AssetDetail extends AssetSummary {
  registrationNumberHash: string;
  contentHash: string;
  metadataUri: string | null;
  abstract: string | null;
  abstractEn: string | null;
  protectionExpiresAt: string | null;
  statusReason: string | null;
  registrant: string;
  registeredAt: string;
  verifiedAt: string | null;
  coOwners: { address: string; shareBps: number | null }[];
  currentListing: Omit<ListingSummary, "asset"> | null;
  licences: { id: string; licensee: string; exclusive: boolean; endsAt: string | null }[];
  ownerOrganisation: Organisation | null;
  history: HistoryEntry[];
}

export interface ListingDetail extends ListingSummary {
  offerCount: number;
  history: HistoryEntry[];
}

export interface OrganisationDetail extends Organisation {
  history?: HistoryEntry[];
  [key: string]: unknown;
}

export interface Status {
  chain: { ok: boolean; chainId?: string; latestBlock?: number; rpcUrl?: string; error?: string };
  database: { ok: boolean; kind: string; error?: string };
  deployment: DeploymentRecord;
}

export interface Session {
  address: string;
  chainId: number;
  expiresAt: string;
  roles: { admin: boolean; ipOffice: boolean; pauser: boolean; member: boolean; auditor: boolean } | null;
}

export interface StoredDocument {
  sha256: string;
  bytes32: string;
  size: number;
  mimeType: string;
  private: boolean;
  url: string;
}

/** The server's own audit of an agreement: compared with, never substituted for, the browser's. */
export interface ServerAudit {
  verified: boolean;
  consents: { seller: { valid: boolean }; buyer: { valid: boolean }; coOwners: { valid: boolean }[] };
  registrar: { valid: boolean } | null;
  index: { indexed: boolean; agrees: boolean; differences: string[] };
}

export interface AssetMetadataDocument {
  registrationNumber?: string;
  title?: string;
  titleEn?: string;
  abstract?: string;
  field?: string;
  trl?: number;
  documents?: { name: string; type?: string; size?: number; sha256: string }[];
}

export interface ListingFilters {
  q?: string;
  kind?: AssetKind;
  field?: string;
  dealType?: DealType;
  minPrice?: string;
  maxPrice?: string;
  state?: ListingState;
  page?: number;
  limit?: number;
  sort?: "newest" | "oldest" | "price_asc" | "price_desc";
}

export type SearchSort = "relevance" | "newest" | "price_asc" | "price_desc";
export type SearchFacetName = "field" | "kind" | "status" | "province" | "trl" | "dealType";

export interface SearchFilters {
  q?: string;
  field?: string;
  kind?: AssetKind;
  status?: AssetStatus;
  province?: string;
  /** a TRL band: "1-3", "4-6" or "7-9" */
  trl?: string;
  dealType?: DealType;
  minPrice?: string;
  maxPrice?: string;
  listedOnly?: boolean;
  sort?: SearchSort;
  page?: number;
  limit?: number;
}

/** A piece of a text; `match` marks the words the query matched. */
export interface TextPart {
  text: string;
  match: boolean;
}

export interface SearchHit extends AssetSummary {
  abstract: string | null;
  abstractEn: string | null;
  openListing: Omit<ListingSummary, "asset"> | null;
  score: number;
  highlights: {
    title: TextPart[];
    titleEn: TextPart[];
    snippet: { field: "abstract" | "abstractEn"; parts: TextPart[] } | null;
  } | null;
}

export interface SearchPage extends Page<SearchHit> {
  facets: Record<SearchFacetName, { value: string; count: number }[]> & {
    price: { min: string; max: string } | null;
  };
  corrections: { from: string; to: string }[];
}

export const api = {
  search: (filters: SearchFilters) => request<SearchPage>(`/api/search${query({ ...filters })}`),
  status: () => request<Status>("/api/status"),
  listings: (filters: ListingFilters) =>
    request<Page<ListingSummary>>(`/api/listings${query({ ...filters })}`),
  listing: (id: string) => request<ListingDetail>(`/api/listings/${encodeURIComponent(id)}`),
  assets: (filters: { q?: string; status?: AssetStatus; owner?: string; page?: number; limit?: number }) =>
    request<Page<AssetSummary>>(`/api/assets${query(filters)}`),
  asset: (id: string) => request<AssetDetail>(`/api/assets/${encodeURIComponent(id)}`),
  organisations: (filters: { q?: string; page?: number; limit?: number }) =>
    request<Page<Organisation>>(`/api/organisations${query(filters)}`),
  organisation: (address: string) =>
    request<OrganisationDetail>(`/api/organisations/${encodeURIComponent(address)}`),

  /** SIWE: a single-use nonce, then the signed EIP-4361 message; the session is an HttpOnly cookie. */
  nonce: () =>
    request<{ nonce: string }>("/api/auth/nonce", { method: "POST" }).catch((error: ApiError) =>
      error.code === "NOT_AVAILABLE" ? request<{ nonce: string }>("/api/auth/nonce") : Promise.reject(error),
    ),
  verify: (message: string, signature: string) =>
    request<Session>("/api/auth/verify", postJson({ message, signature })),
  logout: () => request<unknown>("/api/auth/logout", { method: "POST" }),
  me: () => request<Session>("/api/auth/me"),

  /** Stores a document (PDF or image) by content; needs a session. Private ones only its parties can read. */
  uploadDocument: (file: Blob, filename: string, options: { private?: boolean } = {}) =>
    request<StoredDocument>(`/api/documents${query({ filename, private: options.private })}`, {
      method: "POST",
      headers: { "content-type": file.type || "application/octet-stream" },
      body: file,
    }),
  /** The asset's metadata document; its SHA-256 must be the asset's on-chain contentHash. */
  putAssetMetadata: (assetId: string, bytes: Uint8Array) =>
    request<unknown>(`/api/assets/${assetId}/metadata`, {
      method: "PUT",
      headers: { "content-type": "application/json" },
      body: new Blob([new Uint8Array(bytes)], { type: "application/json" }),
    }),
  auditAgreement: (id: string) => request<ServerAudit>(`/api/audit/agreements/${encodeURIComponent(id)}`),
  /** The asset's metadata document as registered: its number, titles and the list of its documents. */
  assetMetadata: (contentHash: string) =>
    request<AssetMetadataDocument>(`/api/documents/${contentHash.replace(/^0x/, "")}`),
  documentUrl: (sha256: string) => `/api/documents/${sha256.replace(/^0x/, "")}`,
};
