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
