// The latest transaction's outcome, announced once for the whole page: the row that started it may
// leave the list when the chain changes (a verified asset leaves the queue), its result must not.
import { useSyncExternalStore } from "react";

export interface Announcement {
  phase: "signing" | "pending" | "mined" | "failed";
  text: string;
}

let current: Announcement | null = null;
const listeners = new Set<() => void>();

export function announce(next: Announcement | null): void {
  current = next;
  listeners.forEach((listener) => listener());
}

function subscribe(listener: () => void) {
  listeners.add(listener);
  return () => listeners.delete(listener);
}

export function TxAnnouncer() {
  const announcement = useSyncExternalStore(subscribe, () => current);
  return (
    <div id="tx-announcer" className="announcer" role="status" aria-live="polite">
      {announcement ? (
        <p className={`tx tx-${announcement.phase}`} data-phase={announcement.phase}>
          {announcement.text}
        </p>
      ) : null}
    </div>
  );
}
