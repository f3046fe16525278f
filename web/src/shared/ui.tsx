// Small pieces every page uses: loading and error states, badges, the on-chain timeline.
import { useState, type ReactNode } from "react";
import { ApiError, type HistoryEntry } from "../api/client.ts";
import { isMessageKey, useI18n, type MessageKey } from "../i18n/i18n.tsx";
import { formatDateTime, shortAddress, shortHash } from "./format.ts";
import { OrgName } from "./OrgName.tsx";

/** Grey blocks in the shape of what is coming, so the page does not jump when it arrives. */
export function Loading({ lines = 3, cards = 0 }: { lines?: number; cards?: number }) {
  const { t } = useI18n();
  return (
    <div className="skeleton" data-skeleton role="status" aria-busy="true">
      <span className="visually-hidden">{t("common.loading")}</span>
      {cards > 0 ? (
        <ul className="cards" aria-hidden="true">
          {Array.from({ length: cards }, (_, i) => (
            <li key={i} className="card skeleton-card">
              <span className="skeleton-line skeleton-title" />
              <span className="skeleton-line" />
              <span className="skeleton-line skeleton-short" />
            </li>
          ))}
        </ul>
      ) : (
        Array.from({ length: lines }, (_, i) => (
          <span key={i} aria-hidden="true" className={`skeleton-line${i === 0 ? " skeleton-title" : ""}`} />
        ))
      )}
    </div>
  );
}

export function ErrorNotice({ error }: { error: unknown }) {
  const { t } = useI18n();
  let text: string;
  if (error instanceof ApiError) {
    if (error.code === "NOT_AVAILABLE") text = t("error.notAvailable");
    else if (error.code === "NETWORK") text = t("error.network");
    else if (error.status === 404) text = t("error.notFound");
    else if (error.code === "DATABASE_UNAVAILABLE" || error.status === 503) text = t("error.unavailable");
    else if (error.status === 400) text = t("error.badRequest");
    else text = t("error.server");
  } else text = t("error.unexpected");
  return (
    <p className="notice notice-error" role="alert">
      {text}
    </p>
  );
}

export function Badge({ tone, children }: { tone: "ok" | "warn" | "bad" | "info"; children: ReactNode }) {
  return <span className={`badge badge-${tone}`}>{children}</span>;
}

const statusTone: Record<string, "ok" | "warn" | "bad" | "info"> = {
  VERIFIED: "ok",
  OPEN: "ok",
  SETTLED: "ok",
  ACCEPTED: "info",
  PENDING: "warn",
  PAUSED: "warn",
  AWAITING_BUYER_CONSENT: "warn",
  AWAITING_REGISTRATION: "warn",
  REJECTED: "bad",
  SUSPENDED: "bad",
  REVOKED: "bad",
  REFUSED: "bad",
  CLOSED: "info",
  WITHDRAWN: "info",
  EXPIRED: "info",
  RECLAIMED: "info",
};

export function StatusBadge({ status }: { status: string }) {
  const { t } = useI18n();
  const key = `status.${status}` as MessageKey;
  return <Badge tone={statusTone[status] ?? "info"}>{t(key)}</Badge>;
}

export function Address({ value }: { value: string | null | undefined }) {
  return (
    <code className="address" title={value ?? undefined}>
      {shortAddress(value)}
    </code>
  );
}

export function Hash({ value }: { value: string | null | undefined }) {
  return (
    <code className="hash" title={value ?? undefined}>
      {shortHash(value)}
    </code>
  );
}

export function Timeline({ entries }: { entries: HistoryEntry[] }) {
  const { t, locale } = useI18n();
  if (entries.length === 0) return <p className="muted">{t("history.empty")}</p>;
  return (
    <ol className="timeline">
      {entries.map((entry) => (
        <li key={`${entry.txHash}-${entry.logIndex}`}>
          <span className="timeline-action">
            {isMessageKey(`event.${entry.action}`) ? t(`event.${entry.action}` as MessageKey) : entry.action}
          </span>
          <span className="muted">
            {formatDateTime(entry.time, locale)} · {t("history.block", { block: String(entry.blockNumber) })}
          </span>
          <span className="muted">
            {entry.actor ? <OrgName address={entry.actor} /> : null} <Hash value={entry.txHash} />
          </span>
        </li>
      ))}
    </ol>
  );
}

export function Field({ label, children }: { label: string; children: ReactNode }) {
  return (
    <div className="field">
      <dt>{label}</dt>
      <dd>{children}</dd>
    </div>
  );
}

/** Copies `text` to the clipboard, saying so; the text itself stays on screen to copy by hand. */
export function CopyButton({ text }: { text: string }) {
  const { t } = useI18n();
  const [copied, setCopied] = useState(false);
  const copy = () =>
    navigator.clipboard?.writeText(text).then(
      () => setCopied(true),
      () => setCopied(false),
    );
  return (
    <>
      <button type="button" className="button-quiet" onClick={copy}>
        {t("common.copy")}
      </button>
      {copied ? (
        <span className="muted" role="status">
          {t("common.copied")}
        </span>
      ) : null}
    </>
  );
}
