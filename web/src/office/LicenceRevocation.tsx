// Revoking a licence (an invalidated patent, a court order): by its number, with a reason,
// confirmed first.
import { useState, type FormEvent } from "react";
import { id as keccakText } from "ethers";
import { TxStatus, useTransaction } from "../chain/tx.tsx";
import { useI18n } from "../i18n/i18n.tsx";
import type { DeskContext } from "./OfficeArea.tsx";
import { ReasonField } from "./ReasonField.tsx";

export function LicenceRevocation({ desk }: { desk: DeskContext }) {
  const { t } = useI18n();
  const tx = useTransaction();
  const [licenceId, setLicenceId] = useState("");
  const [reason, setReason] = useState("");
  const [problem, setProblem] = useState<"id" | "reason" | null>(null);
  const revoke = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const id = licenceId.trim();
    const text = reason.trim();
    if (!/^\d+$/.test(id)) {
      setProblem("id");
      return;
    }
    if (!text) {
      setProblem("reason");
      return;
    }
    setProblem(null);
    desk.confirm({
      title: t("office.confirm.revokeLicence.title", { id }),
      consequence: <p>{t("office.confirm.revokeLicence", { id, reason: text })}</p>,
      confirmLabel: t("office.revoke"),
      harmful: true,
      onConfirm: async () => {
        const sent = await tx.run(
          async () => (await desk.access.write()).licences.revoke(BigInt(id), keccakText(text)),
          t("office.done.revokeLicence", { id }),
        );
        if (sent) {
          setLicenceId("");
          setReason("");
        }
      },
    });
  };
  return (
    <section aria-labelledby="revoke-licence" className="panel">
      <h2 id="revoke-licence">{t("office.revokeLicence")}</h2>
      <form className="grid-form" onSubmit={revoke} noValidate>
        <label htmlFor="licence-id">
          {t("office.licenceId")}
          <input
            id="licence-id"
            inputMode="numeric"
            value={licenceId}
            onChange={(event) => setLicenceId(event.currentTarget.value)}
            aria-invalid={problem === "id" || undefined}
            aria-describedby={problem === "id" ? "licence-id-error" : undefined}
          />
          {problem === "id" ? (
            <span id="licence-id-error" className="field-error" role="alert">
              {t("office.licenceIdInvalid")}
            </span>
          ) : null}
        </label>
        <ReasonField id="licence-reason" value={reason} onChange={setReason} missing={problem === "reason"} />
        <div className="wide">
          <button type="submit" className="button-danger" disabled={tx.busy}>
            {t("office.revoke")}
          </button>
        </div>
      </form>
      <TxStatus state={tx.state} onClose={tx.clear} />
    </section>
  );
}
