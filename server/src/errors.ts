// The one error type of the API. Every failure leaves the server as
// {"error":{"code","message","details"}}; clients and tests key on `code`, which is stable,
// never on the wording of `message`.

export const ErrorCode = {
  BadRequest: "BAD_REQUEST",
  MalformedJson: "MALFORMED_JSON",
  ValidationFailed: "VALIDATION_FAILED",
  NotFound: "NOT_FOUND",
  RouteNotFound: "ROUTE_NOT_FOUND",
  AssetNotFound: "ASSET_NOT_FOUND",
  ListingNotFound: "LISTING_NOT_FOUND",
  OfferNotFound: "OFFER_NOT_FOUND",
  AgreementNotFound: "AGREEMENT_NOT_FOUND",
  LicenceNotFound: "LICENCE_NOT_FOUND",
  OrganisationNotFound: "ORGANISATION_NOT_FOUND",
  DocumentNotFound: "DOCUMENT_NOT_FOUND",
  TransactionNotFound: "TRANSACTION_NOT_FOUND",
  Unauthenticated: "UNAUTHENTICATED",
  Forbidden: "FORBIDDEN",
  PayloadTooLarge: "PAYLOAD_TOO_LARGE",
  UnsupportedMediaType: "UNSUPPORTED_MEDIA_TYPE",
  RateLimited: "RATE_LIMITED",
  /** The SIWE nonce is unknown, expired or already used. */
  NonceInvalid: "SIWE_NONCE_INVALID",
  /** The SIWE message does not parse, or names another domain, URI or chain, or has expired. */
  SiweMessageInvalid: "SIWE_MESSAGE_INVALID",
  SiweSignatureInvalid: "SIWE_SIGNATURE_INVALID",
  /** A profile or metadata document whose SHA-256 is not the hash the chain holds. */
  HashMismatch: "HASH_MISMATCH",
  ChainUnavailable: "CHAIN_UNAVAILABLE",
  DatabaseUnavailable: "DATABASE_UNAVAILABLE",
  Internal: "INTERNAL",
} as const;
export type ErrorCode = (typeof ErrorCode)[keyof typeof ErrorCode];

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

  toJSON() {
    return { error: { code: this.code, message: this.message, details: this.details } };
  }
}

/** 404 for a record that is not in the index (or not on the chain). */
export function notFound(code: ErrorCode, what: string, id: string): ApiError {
  return new ApiError(404, code, `No ${what} ${id}.`, { id });
}
