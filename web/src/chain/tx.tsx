// Every transaction in the app goes through `useTransaction`: one place that shows it waiting for
// the wallet, pending in a block, mined, or failed with a readable reason.
import { useCallback, useState } from "react";
import type { TransactionReceipt, TransactionResponse } from "ethers";
import { useI18n } from "../i18n/i18n.tsx";
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
  const fail = useCallback((message: string) => setState({ phase: "failed", message }), []);
  return { state, run, fail, busy: state.phase === "signing" || state.phase === "pending" };
}

export function TxStatus({ state }: { state: TxState }) {
  const { t } = useI18n();
  if (state.phase === "idle") return null;
  const text =
    state.phase === "signing"
      ? t("tx.signing")
      : state.phase === "pending"
        ? t("tx.pending", { hash: short(state.hash) })
        : state.phase === "mined"
          ? t("tx.mined", { block: state.block })
          : state.message;
  return (
    <p
      className={`tx tx-${state.phase}`}
      role={state.phase === "failed" ? "alert" : "status"}
      data-phase={state.phase}
    >
      {state.phase === "failed" ? <strong>{t("tx.failed")} </strong> : null}
      {text}
    </p>
  );
}

function short(hash: string): string {
  return `${hash.slice(0, 10)}…${hash.slice(-6)}`;
}
