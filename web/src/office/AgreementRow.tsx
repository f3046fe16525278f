// One agreement waiting for registration: the asset it transfers (title, registration number), the
// deal and amount, both parties by name, the signed document, the deadline; register or refuse,
// each confirmed in words first.
import { useState } from "react";
import { id as keccakText } from "ethers";
import { api } from "../api/client.ts";
import { Link } from "../app/router.tsx";
import { dealTypeNames, listingTerms, type AgreementView } from "../chain/ledger.ts";
import { TxStatus, useTransaction } from "../chain/tx.tsx";
import { useI18n, type MessageKey } from "../i18n/i18n.tsx";
import { formatDateTime, formatVnd, shortHash } from "../shared/format.ts";
import { OrgName } from "../shared/OrgName.tsx";
import { useAsync } from "../shared/useAsync.ts";
import { RegistrationNumber } from "./AssetRow.tsx";
import type { DeskContext } from "./OfficeArea.tsx";
import { ReasonField } from "./ReasonField.tsx";

export function AgreementRow({ view, desk }: { view: AgreementView; desk: DeskContext }) {
  const { t, locale } = useI18n();
  const tx = useTransaction();
  const [reason, setReason] = useState("");
  const [missingReason, setMissingReason] = useState(false);
  const id = view.id.toString();
  const { offer, seller, documentHash } = view.agreement;
  const assetId = offer.assetId.toString();
  const asset = useAsync(() => api.asset(assetId), [assetId]);
  const deal = dealTypeNames[Number(offer.dealType)];
  const title = desk.titleOf(offer.assetId);
  const amount = formatVnd(offer.amount, locale);
  const facts = {
    id,
    title,
    deal: t(`deal.${deal}` as MessageKey),
    amount,
    seller: desk.nameOf(seller),
    buyer: desk.nameOf(offer.buyer),
    what: t(deal === "ASSIGNMENT" ? "office.what.assignment" : "office.what.licence"),
  };

  const register = () =>
    desk.confirm({
      title: t("office.confirm.register.title", { id }),
      consequence: <p>{t("office.confirm.register", facts)}</p>,
      confirmLabel: t("office.register"),
      onConfirm: async () => {
        const sent = await tx.run(
          async () => {
            const terms = await listingTerms(
              desk.access.read,
              desk.access.fromBlock,
              offer.assetId,
              offer.listingEpoch,
            );
            return (await desk.access.write()).exchange.registerAgreement(view.id, view.agreement, terms);
          },
          t("office.done.register", { id }),
        );
        if (sent) desk.onChange();
      },
    });

  const refuse = () => {
    const text = reason.trim();
    if (!text) {
      setMissingReason(true);
      document.getElementById(`refuse-${id}`)?.focus();
      return;
    }
    desk.confirm({
      title: t("office.confirm.refuse.title", { id }),
      consequence: <p>{t("office.confirm.refuse", { ...facts, reason: text })}</p>,
      confirmLabel: t("office.refuse"),
      harmful: true,
      onConfirm: async () => {
        const sent = await tx.run(
          async () =>
            (await desk.access.write()).exchange.refuseAgreement(view.id, view.agreement, keccakText(text)),
          t("office.done.refuse", { id }),
        );
        if (sent) desk.onChange();
      },
    });
  };

  return (
    <li className="row" data-agreement-id={id}>
      <div className="row-head">
        <strong>{t("agreement.label", { id })}</strong>
        <span>{facts.deal}</span>
        <span className="amount">{amount}</span>
      </div>
      <dl className="row-facts">
        <div>
          <dt>{t("consent.asset")}</dt>
          <dd>
            <Link href={`/assets/${assetId}`}>{title}</Link>
          </dd>
        </div>
        <div>
          <dt>{t("office.number")}</dt>
          <dd>
            {asset.state === "ok" ? (
              <RegistrationNumber contentHash={asset.data.contentHash} assetId={assetId} />
            ) : (
              "—"
            )}
          </dd>
        </div>
        <div>
          <dt>{t("agreement.seller")}</dt>
          <dd>
            <OrgName address={seller} />
          </dd>
        </div>
        <div>
          <dt>{t("agreement.buyer")}</dt>
          <dd>
            <OrgName address={offer.buyer} />
          </dd>
        </div>
        <div>
          <dt>{t("office.agreementDocument")}</dt>
          <dd>
            <a href={api.documentUrl(documentHash)}>{t("office.agreementDocument")}</a>{" "}
            <code className="hash" title={documentHash}>
              {shortHash(documentHash)}
            </code>
          </dd>
        </div>
        <div>
          <dt>{t("office.deadlineLabel")}</dt>
          <dd>{formatDateTime(Number(view.deadline), locale)}</dd>
        </div>
      </dl>
      <div className="actions">
        <button type="button" onClick={register} disabled={tx.busy}>
          {t("office.register")}
        </button>
        <Link href={`/audit?agreement=${id}`}>{t("agreement.verify")}</Link>
      </div>
      <form
        className="inline-form"
        noValidate
        onSubmit={(event) => {
          event.preventDefault();
          refuse();
        }}
      >
        <ReasonField
          id={`refuse-${id}`}
          value={reason}
          onChange={(value) => {
            setReason(value);
            if (value.trim()) setMissingReason(false);
          }}
          missing={missingReason}
        />
        <button type="submit" className="button-danger" disabled={tx.busy}>
          {t("office.refuse")}
        </button>
      </form>
      <TxStatus state={tx.state} onClose={tx.clear} />
    </li>
  );
}
