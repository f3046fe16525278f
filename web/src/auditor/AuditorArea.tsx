// The auditor: find a transfer by agreement id, transaction hash or the agreement PDF itself, and
// see each check recomputed from the chain in this browser; export the report as JSON or print the
// certificate, whose QR code links back to this check.
import { useEffect, useState, type FormEvent } from "react";
import type { Provider } from "ethers";
import { api } from "../api/client.ts";
import { useLocation } from "../app/router.tsx";
import { browserProvider } from "../chain/contracts.ts";
import { useReadyWallet, useWallet } from "../chain/wallet.tsx";
import { sha256Hex } from "../chain/ledger.ts";
import { useI18n, type MessageKey } from "../i18n/i18n.tsx";
import { useAsync } from "../shared/useAsync.ts";
import { Badge, Loading } from "../shared/ui.tsx";
import { Certificate } from "./Certificate.tsx";
import {
  agreementIdFromDocument,
  agreementIdFromTx,
  readProvider,
  verifyAgreement,
  type Verification,
} from "./verify.ts";

type Run =
  | { state: "idle" }
  | { state: "running" }
  | { state: "done"; result: Verification }
  | { state: "error"; key: MessageKey };

export default function AuditorArea() {
  const { t } = useI18n();
  const { query } = useLocation();
  const wallet = useWallet();
  const ready = useReadyWallet();
  const [run, setRun] = useState<Run>({ state: "idle" });
  const deployment = wallet.status?.deployment;
  const rpcUrl = wallet.status?.chain.rpcUrl;
  const provider: Provider | null = ready
    ? browserProvider(ready.provider)
    : rpcUrl
      ? readProvider(rpcUrl)
      : null;
  const preset = query.get("agreement") ?? "";

  const check = async (reference: string, pdf: File | null) => {
    if (!provider || !deployment) {
      setRun({ state: "error", key: "audit.needChain" });
      return;
    }
    setRun({ state: "running" });
    try {
      const bytes = pdf && pdf.size > 0 ? await pdf.arrayBuffer() : null;
      let agreementId: bigint | null = null;
      if (/^\d+$/.test(reference)) agreementId = BigInt(reference);
      else if (/^0x[0-9a-fA-F]{64}$/.test(reference))
        agreementId = await agreementIdFromTx(provider, deployment, reference);
      else if (bytes)
        agreementId = await agreementIdFromDocument(provider, deployment, await sha256Hex(bytes));
      if (agreementId === null) {
        setRun({ state: "error", key: "audit.notFound" });
        return;
      }
      setRun({ state: "done", result: await verifyAgreement(provider, deployment, agreementId, bytes) });
    } catch {
      setRun({ state: "error", key: "audit.failed" });
    }
  };

  useEffect(() => {
    if (preset && provider && deployment && run.state === "idle") void check(preset, null);
    // a check runs once when the page opens with ?agreement= and the chain is reachable
  }, [preset, provider, deployment]);

  const submit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    const file = form.get("pdf");
    void check(String(form.get("reference") ?? "").trim(), file instanceof File ? file : null);
  };

  return (
    <section aria-labelledby="audit-title">
      <h1 id="audit-title">{t("audit.title")}</h1>
      <p className="lead">{t("audit.lead")}</p>
      <form className="panel grid-form no-print" onSubmit={submit}>
        <label className="wide">
          {t("audit.reference")}
          <input
            name="reference"
            defaultValue={preset}
            placeholder={t("audit.referencePlaceholder")}
            autoComplete="off"
          />
        </label>
        <label className="wide dropzone">
          {t("audit.pdf")}
          <input name="pdf" type="file" accept="application/pdf" />
        </label>
        <div className="wide">
          <button type="submit" disabled={run.state === "running"}>
            {t("audit.check")}
          </button>
          {!provider ? <p className="muted">{t("audit.needChain")}</p> : null}
        </div>
      </form>
      {run.state === "running" ? <Loading /> : null}
      {run.state === "error" ? (
        <p className="notice notice-error" role="alert">
          {t(run.key)}
        </p>
      ) : null}
      {run.state === "done" ? <Report result={run.result} /> : null}
    </section>
  );
}

function Report({ result }: { result: Verification }) {
  const { t } = useI18n();
  const json = JSON.stringify(result, null, 2);
  const download = `data:application/json;charset=utf-8,${encodeURIComponent(json)}`;
  return (
    <section aria-labelledby="report-title" className="report">
      <h2 id="report-title" data-verdict={result.verdict}>
        {t("audit.verdict")}{" "}
        <Badge tone={result.verdict === "pass" ? "ok" : "bad"}>
          {t(result.verdict === "pass" ? "audit.verdictPass" : "audit.verdictFail")}
        </Badge>
      </h2>
      <ul className="checks">
        {result.checks.map((check) => (
          <li key={check.id} data-check={check.id} data-outcome={check.outcome}>
            <Badge tone={check.outcome === "pass" ? "ok" : check.outcome === "fail" ? "bad" : "info"}>
              {t(`audit.outcome.${check.outcome}` as MessageKey)}
            </Badge>{" "}
            {t(`audit.check.${check.id}` as MessageKey)}
          </li>
        ))}
      </ul>
      <p className="no-print actions">
        <a className="button" href={download} download={`techex-agreement-${result.agreementId}.json`}>
          {t("audit.exportJson")}
        </a>
        <button type="button" onClick={() => window.print()}>
          {t("audit.print")}
        </button>
      </p>
      <ServerOpinion agreementId={result.agreementId} />
      <Certificate result={result} />
    </section>
  );
}

/** What the server's own check says, beside the verdict computed here — for comparison only. */
function ServerOpinion({ agreementId }: { agreementId: string }) {
  const { t } = useI18n();
  const opinion = useAsync(() => api.auditAgreement(agreementId), [agreementId]);
  if (opinion.state === "loading") return null;
  if (opinion.state === "error") return <p className="muted no-print">{t("audit.serverUnavailable")}</p>;
  const { consents, registrar, index } = opinion.data;
  const signaturesOk =
    consents.seller.valid &&
    consents.buyer.valid &&
    consents.coOwners.every((c) => c.valid) &&
    registrar?.valid !== false;
  return (
    <section aria-labelledby="server-opinion" className="no-print" data-testid="server-opinion">
      <h3 id="server-opinion">{t("audit.serverTitle")}</h3>
      <ul className="checks">
        <li data-server-check="acts" data-outcome={signaturesOk ? "pass" : "fail"}>
          <Badge tone={signaturesOk ? "ok" : "bad"}>
            {t(signaturesOk ? "audit.outcome.pass" : "audit.outcome.fail")}
          </Badge>{" "}
          {t("audit.serverActs")}
        </li>
        <li data-server-check="index" data-outcome={index.agrees ? "pass" : "fail"}>
          <Badge tone={index.agrees ? "ok" : "bad"}>
            {t(index.agrees ? "audit.outcome.pass" : "audit.outcome.fail")}
          </Badge>{" "}
          {t("audit.indexAgrees")}
        </li>
      </ul>
      <p className="muted">{t("audit.serverNote")}</p>
    </section>
  );
}
