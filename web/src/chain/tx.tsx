// Every transaction in the app goes through `useTransaction`: one place that shows it waiting for
// the wallet, sent and waiting for the ledger, done (naming what was done), or failed with a
// readable reason. A form's own check is not a transaction: `invalid` says what to fix, nothing was
// sent. The outcome is shown once, where the act started; if that row has left the page (a verified
// asset leaves its queue) the announcer at the top of the page shows it instead.
import { useCallback, useEffect, useId, useRef, useState } from "react";
import type { TransactionReceipt, TransactionResponse } from "ethers";
import { useI18n, type Translate } from "../i18n/i18n.tsx";
import { announce, orphanAnnouncement } from "../shared/announcer.tsx";
import { describeFailure } from "./revert.ts";

export type TxState =
  | { phase: "idle" }
  | { phase: "signing" }
  | { phase: "pending"; hash: string }
  | { phase: "mined"; hash: string; block: number; done?: string }
  | { phase: "failed"; message: string }
  | { phase: "invalid"; message: string };

export function useTransaction() {
  const { t } = useI18n();
  const owner = useId();
  const [state, setState] = useState<TxState>({ phase: "idle" });
  const run = useCallback(
    async (
      send: () => Promise<TransactionResponse>,
      /** What was done, naming the item ("Offer #29 · 450.000.000 ₫ held in escrow"). */
      done?: string | ((receipt: TransactionReceipt) => string),
    ): Promise<TransactionReceipt | null> => {
      setState({ phase: "signing" });
      try {
        const response = await send();
        setState({ phase: "pending", hash: response.hash });
        const receipt = await response.wait();
        if (!receipt || receipt.status !== 1)
          throw Object.assign(new Error("reverted"), { code: "CALL_EXCEPTION" });
        setState({
          phase: "mined",
          hash: receipt.hash,
          block: receipt.blockNumber,
          done: typeof done === "function" ? done(receipt) : done,
        });
        return receipt;
      } catch (error) {
        setState({ phase: "failed", message: describeFailure(error, t) });
        return null;
      }
    },
    [t],
  );
  const latest = useRef(state);
  latest.current = state;
  useEffect(() => {
    if (state.phase !== "idle" && state.phase !== "invalid")
      announce({ owner, phase: state.phase, text: describeTx(state, t) });
  }, [state, t, owner]);
  useEffect(() => () => orphanAnnouncement(owner), [owner]);
  const invalid = useCallback((message: string) => setState({ phase: "invalid", message }), []);
  const clear = useCallback(() => setState({ phase: "idle" }), []);
  return {
    state,
    run,
    invalid,
    clear,
    busy: state.phase === "signing" || state.phase === "pending",
  };
}

export function TxStatus({ state, onClose }: { state: TxState; onClose?: () => void }) {
  const { t } = useI18n();
  if (state.phase === "idle") return null;
  const text = describeTx(state, t);
  const settled = state.phase === "mined" || state.phase === "failed" || state.phase === "invalid";
  // not a live region: the announcer speaks for every transaction, once
  return (
    <div
      className={`tx tx-${state.phase === "invalid" ? "failed" : state.phase}`}
      data-phase={state.phase}
      role={state.phase === "invalid" ? "alert" : undefined}
    >
      <span>{text}</span>
      {settled && onClose ? (
        <button type="button" className="button-quiet tx-close" onClick={onClose}>
          {t("common.close")}
        </button>
      ) : null}
    </div>
  );
}

export function describeTx(state: Exclude<TxState, { phase: "idle" }>, t: Translate): string {
  if (state.phase === "signing") return t("tx.signing");
  if (state.phase === "pending") return t("tx.pending");
  if (state.phase === "mined") return state.done ?? t("tx.mined");
  if (state.phase === "invalid") return state.message;
  return `${t("tx.failed")} ${state.message}`;
}
