// Every input passes through a zod schema; a failure is a 400 VALIDATION_FAILED naming each field.
import type { z } from "zod";
import { ApiError, ErrorCode } from "../errors.ts";

export type InputSource = "params" | "query" | "body";

export function parseInput<S extends z.ZodType>(schema: S, value: unknown, source: InputSource): z.output<S> {
  const result = schema.safeParse(value);
  if (result.success) return result.data;
  const issues = result.error.issues.map((issue) => ({
    path: [source, ...issue.path.map(String)].join("."),
    code: issue.code,
    message: issue.message,
  }));
  throw new ApiError(
    400,
    ErrorCode.ValidationFailed,
    `Invalid ${source}: ${issues[0].path}: ${issues[0].message}`,
    {
      source,
      issues,
    },
  );
}
