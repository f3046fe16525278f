// How amounts, dates, addresses and hashes are shown.

/** tVND has no decimals: one unit is one đồng. */
export function formatVnd(amount: string | bigint | null | undefined, locale: string): string {
  if (amount === null || amount === undefined || amount === "") return "—";
  return `${new Intl.NumberFormat(locale).format(BigInt(amount))} ₫`;
}

export function formatDate(value: string | number | Date | null | undefined, locale: string): string {
  if (value === null || value === undefined) return "—";
  const date = typeof value === "number" ? new Date(value * 1000) : new Date(value);
  return Number.isNaN(date.getTime())
    ? "—"
    : date.toLocaleDateString(locale, { year: "numeric", month: "short", day: "numeric" });
}

export function formatDateTime(value: string | number | Date | null | undefined, locale: string): string {
  if (value === null || value === undefined) return "—";
  const date = typeof value === "number" ? new Date(value * 1000) : new Date(value);
  return Number.isNaN(date.getTime())
    ? "—"
    : date.toLocaleString(locale, { dateStyle: "medium", timeStyle: "short" });
}

export function shortAddress(address: string | null | undefined): string {
  if (!address) return "—";
  return `${address.slice(0, 6)}…${address.slice(-4)}`;
}

export function shortHash(hash: string | null | undefined): string {
  if (!hash) return "—";
  return `${hash.slice(0, 10)}…${hash.slice(-8)}`;
}

/** Asset ids are uint256(hash of the registration number): long; show their head. */
export function shortId(id: string): string {
  return id.length > 12 ? `${id.slice(0, 8)}…${id.slice(-4)}` : id;
}

export type AmountProblem = "empty" | "notWhole" | "notNumber" | "zero";

/**
 * An amount of đồng as people type it: "450.000.000", "450000000", "450 000 000" or
 * "450,000,000" (groups of three), never a fraction — tVND has no decimals.
 */
export function parseVnd(text: string): { amount: bigint } | { problem: AmountProblem } {
  const typed = text.replace(/\s*₫\s*$/, "").trim();
  if (!typed) return { problem: "empty" };
  const compact = typed.replace(/[\s\u00a0\u202f]/g, "");
  let digits: string | null = null;
  if (/^\d+$/.test(compact)) digits = compact;
  else if (/^\d{1,3}(\.\d{3})+$/.test(compact) || /^\d{1,3}(,\d{3})+$/.test(compact))
    digits = compact.replace(/[.,]/g, "");
  else if (/^\d{1,3}( \d{3})+$/.test(typed)) digits = typed.replace(/ /g, "");
  if (digits === null) return { problem: /^\d+([.,]\d+)?$/.test(compact) ? "notWhole" : "notNumber" };
  const amount = BigInt(digits);
  return amount === 0n ? { problem: "zero" } : { amount };
}

/** A licence's duration in words' parts: whole years, else whole months, else days. */
export function durationParts(seconds: bigint | number | string): {
  unit: "years" | "months" | "days";
  n: number;
} {
  const days = Math.round(Number(seconds) / 86_400);
  if (days >= 365 && days % 365 === 0) return { unit: "years", n: days / 365 };
  if (days >= 30 && days % 30 === 0) return { unit: "months", n: days / 30 };
  return { unit: "days", n: days };
}
