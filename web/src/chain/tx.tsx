// Every transaction in the app goes through `useTransaction`: one place that shows it waiting for
// the wallet, pending in a block, mined, or failed with a readable reason.
import { useCallback, useEffect, useState } from "react";
import type { TransactionReceipt, TransactionResponse } from "ethers";
import { useI18n, type Translate } from "../i18n/i18n.tsx";
import { announce } from "../shared/announcer.tsx";
import { describeFailure } from "./revert.ts";

export type TxState =
  | { phase: "idle" }
  | { phase: "signing" }
  | { phase: "pending"; hash: string }
  | { phase: "mined"; hash: string; block: number }
  | { phase: "failed"; message: string };

export function useTransaction() {
  const { t } = useI18n();
  const [state, setState] = useState<TxState>({ phase: "idle" });
  const run = useCallback(
    async (send: () => Promise<TransactionResponse>): Promise<TransactionReceipt | null> => {
      setState({ phase: "signing" });
      try {
        const response = await send();
        setState({ phase: "pending", hash: response.hash });
        const receipt = await response.wait();
        if (!receipt || receipt.status !== 1)
          throw Object.assign(new Error("reverted"), { code: "CALL_EXCEPTION" });
        setState({ phase: "mined", hash: receipt.hash, block: receipt.blockNumber });
        return receipt;
      } catch (error) {
        setState({ phase: "failed", message: describeFailure(error, t) });
        return null;
      }
    },
    [t],
  );
  useEffect(() => {
    if (state.phase !== "idle") announce({ phase: state.phase, text: describe(state, t) });
  }, [state, t]);
  const fail = useCallback((message: string) => setState({ phase: "failed", message }), []);
  return { state, run, fail, busy: state.phase === "signing" || state.phase === "pending" };
}

export function TxStatus({ state }: { state: TxState }) {
  const { t } = useI18n();
  if (state.phase === "idle") return null;
  const text = describe(state, t);
  // not a live region: TxAnnouncer speaks for every transaction, once
  return (
    <p className={`tx tx-${state.phase}`} data-phase={state.phase}>
      {text}
    </p>
  );
}

function describe(state: Exclude<TxState, { phase: "idle" }>, t: Translate): string {
  if (state.phase === "signing") return t("tx.signing");
  if (state.phase === "pending") return t("tx.pending", { hash: short(state.hash) });
  if (state.phase === "mined") return t("tx.mined", { block: state.block });
  return `${t("tx.failed")} ${state.message}`;
}

function short(hash: string): string {
  return `${hash.slice(0, 10)}…${hash.slice(-6)}`;
}
