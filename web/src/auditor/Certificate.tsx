// The printable verification certificate, with a QR code that opens this check again.
import { useEffect, useState } from "react";
import QRCode from "qrcode";
import { useI18n, type MessageKey } from "../i18n/i18n.tsx";
import { dealTypeNames } from "../chain/ledger.ts";
import { formatDateTime, formatVnd } from "../shared/format.ts";
import type { Verification } from "./verify.ts";
import { OrgName } from "../shared/OrgName.tsx";

export function Certificate({ result }: { result: Verification }) {
  const { t, locale } = useI18n();
  const [qr, setQr] = useState<string | null>(null);
  const link = `${window.location.origin}/audit?agreement=${result.agreementId}`;
  useEffect(() => {
    QRCode.toDataURL(link, { margin: 1, width: 160 }).then(setQr, () => setQr(null));
  }, [link]);
  const deal = result.agreement ? dealTypeNames[Number(result.agreement.dealType)] : null;
  return (
    <article className="certificate" aria-labelledby="certificate-title">
      <h2 id="certificate-title">{t("cert.title")}</h2>
      <p>
        {t("cert.statement", {
          id: result.agreementId,
          verdict: t(result.verdict === "pass" ? "audit.verdictPass" : "audit.verdictFail"),
        })}
      </p>
      {result.agreement ? (
        <dl className="fields">
          <div className="field">
            <dt>{t("cert.deal")}</dt>
            <dd>{deal ? t(`deal.${deal}` as MessageKey) : "—"}</dd>
          </div>
          <div className="field">
            <dt>{t("cert.amount")}</dt>
            <dd>{formatVnd(result.agreement.amount, locale)}</dd>
          </div>
          <div className="field">
            <dt>{t("agreement.seller")}</dt>
            <dd>
              <OrgName address={result.agreement.seller} full />
            </dd>
          </div>
          <div className="field">
            <dt>{t("agreement.buyer")}</dt>
            <dd>
              <OrgName address={result.agreement.buyer} full />
            </dd>
          </div>
          <div className="field">
            <dt>{t("agreement.document")}</dt>
            <dd className="break">{result.agreement.documentHash}</dd>
          </div>
          <div className="field">
            <dt>{t("cert.chain")}</dt>
            <dd className="break">
              {result.chainId} · {result.exchange}
            </dd>
          </div>
          <div className="field">
            <dt>{t("cert.checkedAt")}</dt>
            <dd>{formatDateTime(result.checkedAt, locale)}</dd>
          </div>
        </dl>
      ) : null}
      {qr ? <img src={qr} width={160} height={160} alt={t("cert.qrAlt")} /> : null}
      <p className="muted break">{link}</p>
    </article>
  );
}
