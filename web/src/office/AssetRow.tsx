// One asset on the clerk's desk: what to check it against the national register by (its official
// number, checked against the asset's on-chain id, and its documents), who owns it, and the acts its
// status allows — each confirmed first, each but verification needing a reason.
import { useState } from "react";
import { id as keccakText } from "ethers";
import { api } from "../api/client.ts";
import { Link } from "../app/router.tsx";
import type { AssetView } from "../chain/ledger.ts";
import { TxStatus, useTransaction } from "../chain/tx.tsx";
import { useI18n, type MessageKey } from "../i18n/i18n.tsx";
import { formatDate } from "../shared/format.ts";
import { OrgName } from "../shared/OrgName.tsx";
import { useAsync } from "../shared/useAsync.ts";
import { StatusBadge } from "../shared/ui.tsx";
import type { DeskContext } from "./OfficeArea.tsx";
import { ReasonField } from "./ReasonField.tsx";

const AssetStatusId = { VERIFIED: 2, REJECTED: 3, SUSPENDED: 4, REVOKED: 5 } as const;
type Act = "verify" | "reject" | "suspend" | "reinstate" | "revoke";
const target: Record<Act, number> = {
  verify: AssetStatusId.VERIFIED,
  reject: AssetStatusId.REJECTED,
  suspend: AssetStatusId.SUSPENDED,
  reinstate: AssetStatusId.VERIFIED,
  revoke: AssetStatusId.REVOKED,
};

function actsFor(status: AssetView["status"]): Act[] {
  if (status === "PENDING") return ["verify", "reject"];
  if (status === "VERIFIED") return ["suspend", "revoke"];
  if (status === "SUSPENDED") return ["reinstate", "revoke"];
  return [];
}

/** The metadata document the registrant anchored: the registration number and the documents. */
export function useRegistration(contentHash: string, assetId: bigint | string) {
  const metadata = useAsync(() => api.assetMetadata(contentHash), [contentHash]);
  const number = metadata.state === "ok" ? metadata.data.registrationNumber : undefined;
  return {
    metadata,
    number,
    // the asset's id is keccak256 of its registration number (upper case): the number shown is the one registered
    matches: number ? BigInt(keccakText(number.toUpperCase())) === BigInt(assetId) : null,
  };
}

export function RegistrationNumber({
  contentHash,
  assetId,
}: {
  contentHash: string;
  assetId: bigint | string;
}) {
  const { t } = useI18n();
  const { metadata, number, matches } = useRegistration(contentHash, assetId);
  if (metadata.state === "loading") return <>{t("common.loading")}</>;
  if (!number) return <span className="muted">{t("office.numberUnknown")}</span>;
  return (
    <>
      <strong className="registration-number">{number}</strong>{" "}
      <span className={matches ? "check-ok" : "check-bad"}>
        {matches ? t("office.numberMatches") : t("office.numberMismatch")}
      </span>
    </>
  );
}

export function AssetRow({ asset, desk }: { asset: AssetView; desk: DeskContext }) {
  const { t, locale } = useI18n();
  const tx = useTransaction();
  const [reason, setReason] = useState("");
  const [missingReason, setMissingReason] = useState(false);
  const { metadata, number } = useRegistration(asset.contentHash, asset.id);
  const id = asset.id.toString();
  const title = desk.titleOf(asset.id);
  const documents = metadata.state === "ok" ? (metadata.data.documents ?? []) : [];

  const ask = (act: Act) => {
    const text = reason.trim();
    if (act !== "verify" && act !== "reinstate" && !text) {
      setMissingReason(true);
      document.getElementById(`reason-${id}`)?.focus();
      return;
    }
    setMissingReason(false);
    desk.confirm({
      title: t(`office.confirm.${act}.title` as MessageKey, { title }),
      consequence: (
        <p>
          {t(`office.confirm.${act}` as MessageKey, {
            title,
            number: number ?? "—",
            owner: desk.nameOf(asset.owner),
            reason: text,
          })}
        </p>
      ),
      confirmLabel: t(`office.${act}` as MessageKey),
      harmful: act !== "verify" && act !== "reinstate",
      onConfirm: () => void send(act, text),
    });
  };

  const send = async (act: Act, text: string) => {
    const sent = await tx.run(
      async () =>
        (await desk.access.write()).registry.setStatus(
          asset.id,
          target[act],
          keccakText(text || "verified against the national register"),
        ),
      t(`office.done.${act}` as MessageKey, { title }),
    );
    if (sent) {
      setReason("");
      desk.onChange();
    }
  };

  const acts = actsFor(asset.status);
  return (
    <li className="row" data-asset-id={id}>
      <div className="row-head">
        <strong>
          <Link href={`/assets/${id}`}>{title}</Link>
        </strong>
        <span>{t(`kind.${asset.kind}` as MessageKey)}</span>
        <StatusBadge status={asset.status} />
      </div>
      <dl className="row-facts">
        <div>
          <dt>{t("office.number")}</dt>
          <dd>
            <RegistrationNumber contentHash={asset.contentHash} assetId={asset.id} />
          </dd>
        </div>
        <div>
          <dt>{t("asset.owner")}</dt>
          <dd>
            <OrgName address={asset.owner} />
          </dd>
        </div>
        <div>
          <dt>{t("asset.protectionEnds")}</dt>
          <dd>{asset.protectionExpiry ? formatDate(Number(asset.protectionExpiry), locale) : "—"}</dd>
        </div>
        <div>
          <dt>{t("asset.documents")}</dt>
          <dd>
            <ul className="documents">
              <li>
                <a href={api.documentUrl(asset.contentHash)}>{t("asset.metadataDocument")}</a>
              </li>
              {documents.map((doc) => (
                <li key={doc.sha256}>
                  <a href={api.documentUrl(doc.sha256)}>{doc.name}</a>
                  {doc.size ? (
                    <span className="muted"> · {Math.max(1, Math.round(doc.size / 1024))} KB</span>
                  ) : null}
                </li>
              ))}
            </ul>
          </dd>
        </div>
      </dl>
      {acts.length > 0 ? (
        <form
          className="inline-form"
          noValidate
          onSubmit={(event) => {
            event.preventDefault();
            ask(acts[0]);
          }}
        >
          <ReasonField
            id={`reason-${id}`}
            value={reason}
            onChange={(value) => {
              setReason(value);
              if (value.trim()) setMissingReason(false);
            }}
            missing={missingReason}
            optional={acts.includes("verify") || acts.includes("reinstate")}
          />
          {acts.map((act) => (
            <button
              key={act}
              type="button"
              className={act === "verify" || act === "reinstate" ? undefined : "button-danger"}
              onClick={() => ask(act)}
              disabled={tx.busy}
            >
              {t(`office.${act}` as MessageKey)}
            </button>
          ))}
        </form>
      ) : null}
      <TxStatus state={tx.state} onClose={tx.clear} />
    </li>
  );
}
