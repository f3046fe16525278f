// The latest transaction's outcome, for the whole page. Screen readers hear it here, once. On
// screen the row that started it shows it; only when that row has left the page (a verified asset
// leaves the queue) does the announcer show it itself — in the flow of the page, closable, never
// over the content.
import { useSyncExternalStore } from "react";
import { useI18n } from "../i18n/i18n.tsx";

export interface Announcement {
  owner: string;
  phase: "signing" | "pending" | "mined" | "failed";
  text: string;
  orphaned?: boolean;
}

let current: Announcement | null = null;
const listeners = new Set<() => void>();

function publish(next: Announcement | null) {
  current = next;
  listeners.forEach((listener) => listener());
}

export function announce(next: Announcement | null): void {
  publish(next);
}

/** The component that owns the announcement is gone: the announcer shows the outcome itself. */
export function orphanAnnouncement(owner: string): void {
  if (current?.owner === owner && (current.phase === "mined" || current.phase === "failed"))
    publish({ ...current, orphaned: true });
}

function subscribe(listener: () => void) {
  listeners.add(listener);
  return () => listeners.delete(listener);
}

export function TxAnnouncer() {
  const { t } = useI18n();
  const announcement = useSyncExternalStore(subscribe, () => current);
  return (
    <div
      id="tx-announcer"
      className={announcement?.orphaned ? "announcer" : "announcer visually-hidden"}
      role="status"
      aria-live="polite"
    >
      {announcement ? (
        <div className={`tx tx-${announcement.phase}`} data-phase={announcement.phase}>
          <span>{announcement.text}</span>
          {announcement.orphaned ? (
            <button type="button" className="button-quiet tx-close" onClick={() => publish(null)}>
              {t("common.close")}
            </button>
          ) : null}
        </div>
      ) : null}
    </div>
  );
}
