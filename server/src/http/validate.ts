// Every input passes through a zod schema; a failure is a 400 VALIDATION_FAILED naming each field.
import type { z } from "zod";
import { ApiError, ErrorCode } from "../errors.ts";

export type InputSource = "params" | "query" | "body";

/** The path of the first string in `value` holding U+0000, if any. */
function nulPath(value: unknown, path: string[] = []): string[] | undefined {
  if (typeof value === "string") return value.includes("\u0000") ? path : undefined;
  // bytes (a raw upload) are not text
  if (value === null || typeof value !== "object" || ArrayBuffer.isView(value)) return undefined;
  for (const [key, item] of Object.entries(value)) {
    const found = nulPath(item, [...path, key]);
    if (found) return found;
  }
  return undefined;
}

export function parseInput<S extends z.ZodType>(schema: S, value: unknown, source: InputSource): z.output<S> {
  const result = schema.safeParse(value);
  if (!result.success) {
    throw invalid(
      source,
      result.error.issues.map((issue) => ({
        path: [source, ...issue.path.map(String)].join("."),
        code: issue.code,
        message: issue.message,
      })),
    );
  }
  // PostgreSQL text cannot hold U+0000: a string carrying one is refused here, by name, rather than
  // failing in the database.
  const nul = nulPath(result.data);
  if (nul) {
    throw invalid(source, [
      {
        path: [source, ...nul].join("."),
        code: "invalid_string",
        message: "must not contain the NUL character (U+0000)",
      },
    ]);
  }
  return result.data;
}

function invalid(source: InputSource, issues: { path: string; code: string; message: string }[]): ApiError {
  return new ApiError(
    400,
    ErrorCode.ValidationFailed,
    `Invalid ${source}: ${issues[0].path}: ${issues[0].message}`,
    {
      source,
      issues,
    },
  );
}
