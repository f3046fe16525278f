// The one error middleware: every failure leaves as {"error":{"code","message","details"}}.
import type { ErrorRequestHandler, Request } from "express";
import { ApiError, ErrorCode } from "../errors.ts";
import type { Logger } from "../log.ts";

export function routeNotFound(req: Request): never {
  throw new ApiError(404, ErrorCode.RouteNotFound, `No route ${req.method} ${req.path}`, {
    method: req.method,
    path: req.path,
  });
}

export function errorHandler(logger: Logger): ErrorRequestHandler {
  return (error, _req, res, _next) => {
    const apiError = toApiError(error);
    if (apiError.status >= 500) {
      logger.error({ err: error }, "unhandled");
    }
    if (res.headersSent) return;
    res.status(apiError.status).json(apiError.toJSON());
  };
}

function toApiError(error: unknown): ApiError {
  if (error instanceof ApiError) return error;
  // body-parser marks its own failures with `type`: a client's mistake, never a 500.
  const type = (error as { type?: string } | null)?.type;
  if (type === "entity.parse.failed")
    return new ApiError(400, ErrorCode.MalformedJson, "The request body is not valid JSON.");
  if (type === "entity.too.large") {
    const limit = (error as { limit?: number }).limit;
    return new ApiError(
      413,
      ErrorCode.PayloadTooLarge,
      "The request body is too large.",
      limit ? { limitBytes: limit } : {},
    );
  }
  if (type === "encoding.unsupported" || type === "charset.unsupported") {
    return new ApiError(415, ErrorCode.UnsupportedMediaType, "The request body's encoding is not supported.");
  }
  // Express's router (a path that is not valid percent-encoding) and body-parser (a body that does
  // not inflate with its Content-Encoding) mark the client's other mistakes with a 4xx status.
  const status = (error as { status?: unknown } | null)?.status;
  if (typeof status === "number" && status >= 400 && status < 500) {
    // no `reason` from the error itself: a file-system error's message names a path on this machine
    return new ApiError(
      status,
      ErrorCode.BadRequest,
      error instanceof URIError
        ? "The request path is not valid percent-encoding."
        : "The request could not be read.",
    );
  }
  return new ApiError(500, ErrorCode.Internal, "Something went wrong on our side.");
}
