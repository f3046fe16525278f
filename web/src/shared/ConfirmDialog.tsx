// Asks before an act that cannot be undone, saying what will happen in words. A modal <dialog>:
// the browser keeps focus inside it and Escape cancels; focus starts on "Cancel" for a harmful act,
// and returns to the button that opened it.
import { useEffect, useRef, type ReactNode } from "react";
import { useI18n } from "../i18n/i18n.tsx";

export interface Confirmation {
  title: string;
  /** What will happen, plainly: who gains or loses what. */
  consequence: ReactNode;
  confirmLabel: string;
  harmful?: boolean;
  onConfirm(): void;
}

export function ConfirmDialog({ request, onClose }: { request: Confirmation | null; onClose(): void }) {
  const { t } = useI18n();
  const dialog = useRef<HTMLDialogElement>(null);
  const opener = useRef<HTMLElement | null>(null);
  useEffect(() => {
    const element = dialog.current;
    if (!element) return;
    if (request && !element.open) {
      opener.current = document.activeElement instanceof HTMLElement ? document.activeElement : null;
      element.showModal();
    } else if (!request && element.open) {
      element.close();
    }
  }, [request]);
  const close = () => {
    onClose();
    opener.current?.focus();
  };
  return (
    <dialog
      ref={dialog}
      className="confirm"
      aria-labelledby="confirm-title"
      aria-describedby="confirm-consequence"
      onCancel={(event) => {
        event.preventDefault();
        close();
      }}
    >
      {request ? (
        <>
          <h2 id="confirm-title">{request.title}</h2>
          <div id="confirm-consequence">{request.consequence}</div>
          <div className="actions">
            <button type="button" className="button-quiet" onClick={close} autoFocus={request.harmful}>
              {t("common.cancel")}
            </button>
            <button
              type="button"
              className={request.harmful ? "button-danger" : undefined}
              autoFocus={!request.harmful}
              onClick={() => {
                const confirmed = request.onConfirm;
                close();
                confirmed();
              }}
            >
              {request.confirmLabel}
            </button>
          </div>
        </>
      ) : null}
    </dialog>
  );
}
