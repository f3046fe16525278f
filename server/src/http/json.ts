// JSON for the wire: on-chain ids, amounts and block numbers leave as strings (a JS number would
// silently round a uint256), dates as ISO 8601.
import { Prisma } from "../generated/prisma/client.ts";

export type Json = string | number | boolean | null | Json[] | { [key: string]: Json };

export function toJson(value: unknown): Json {
  if (value === null || value === undefined) return null;
  if (typeof value === "bigint") return value.toString();
  if (typeof value === "string" || typeof value === "number" || typeof value === "boolean") return value;
  if (value instanceof Date) return value.toISOString();
  if (Prisma.Decimal.isDecimal(value)) return (value as Prisma.Decimal).toFixed();
  if (Array.isArray(value)) return value.map(toJson);
  if (typeof value === "object") {
    const out: Record<string, Json> = {};
    for (const [key, item] of Object.entries(value)) if (item !== undefined) out[key] = toJson(item);
    return out;
  }
  return null;
}

/**
 * A response body that is already JSON text, e.g. built by PostgreSQL with json_build_object: the hot
 * reads send it as it comes instead of parsing it into objects and serialising them again.
 */
export class JsonText {
  readonly text: string;

  constructor(text: string) {
    this.text = text;
  }
}
