// The one error type of the API. Every failure leaves the server as
// {"error":{"code","message","details"}}; clients and tests key on `code`, which is stable,
// never on the wording of `message`.

export const ErrorCode = {
  BadRequest: "BAD_REQUEST",
  MalformedJson: "MALFORMED_JSON",
  ValidationFailed: "VALIDATION_FAILED",
  NotFound: "NOT_FOUND",
  RouteNotFound: "ROUTE_NOT_FOUND",
  Unauthenticated: "UNAUTHENTICATED",
  Forbidden: "FORBIDDEN",
  PayloadTooLarge: "PAYLOAD_TOO_LARGE",
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
