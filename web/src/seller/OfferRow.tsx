// An open offer on one of the seller's assets: reject it with a reason, or accept it once the buyer
// has consented on-chain to the agreement document (checked again here against the file, if given)
// and, for an assignment or exclusive licence of a co-owned asset, every co-owner has signed it.
import { useState, type FormEvent } from "react";
import { ZeroHash, id as keccakText } from "ethers";
import type { ChainAccess } from "../chain/access.tsx";
import {
  coOwnersOf,
  dealTypeNames,
  listingTerms,
  needsCoOwnerConsent,
  sha256Hex,
  type OfferView,
} from "../chain/ledger.ts";
import { TxStatus, useTransaction } from "../chain/tx.tsx";
import { useI18n, type MessageKey } from "../i18n/i18n.tsx";
import { formatDateTime, formatVnd } from "../shared/format.ts";
import { useAsync } from "../shared/useAsync.ts";
import { Hash } from "../shared/ui.tsx";
import { AssetName } from "../shared/AssetName.tsx";
import { CoOwnerConsents, consentsComplete, extractSignature } from "./CoOwnerConsents.tsx";
import { OrgName } from "../shared/OrgName.tsx";

export function OfferRow({
  view,
  access,
  onChange,
}: {
  view: OfferView;
  access: ChainAccess;
  onChange(): void;
}) {
  const { t, locale } = useI18n();
  const tx = useTransaction();
  const [problem, setProblem] = useState<MessageKey | null>(null);
  const [signatures, setSignatures] = useState<string[]>([]);
  const consent = useAsync(
    async () => (await access.read.exchange.approvedDocument(view.id)) as string,
    [view.id, access],
  );
  const approved = consent.state === "ok" && consent.data !== ZeroHash ? consent.data : null;
  const deal = dealTypeNames[Number(view.offer.dealType)];
  const consents = useAsync(async () => {
    if (!approved || !needsCoOwnerConsent(view.offer.dealType)) return { coOwners: [], digest: "" };
    const coOwners = await coOwnersOf(access.read, access.fromBlock, view.offer.assetId);
    const digest = coOwners.length
      ? ((await access.read.exchange.consentDigest(view.id, approved)) as string)
      : "";
    return { coOwners, digest };
  }, [view.id, view.offer, access, approved]);
  const coOwners = consents.state === "ok" ? consents.data.coOwners : [];

  const accept = async (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    if (!approved) return;
    const file = new FormData(event.currentTarget).get("document");
    if (file instanceof File && file.size > 0 && (await sha256Hex(await file.arrayBuffer())) !== approved) {
      setProblem("seller.documentMismatch");
      return;
    }
    if (consents.state === "ok" && !consentsComplete(consents.data.digest, coOwners, signatures)) {
      setProblem("seller.coOwnerSignaturesMissing");
      return;
    }
    setProblem(null);
    const terms = await listingTerms(
      access.read,
      access.fromBlock,
      view.offer.assetId,
      view.offer.listingEpoch,
    );
    const acceptance = {
      documentHash: approved,
      buyerSignature: "0x",
      coOwners,
      coOwnerSignatures: coOwners.map((_, i) => extractSignature(signatures[i]) ?? "0x"),
    };
    if (
      await tx.run(async () =>
        (await access.write()).exchange.acceptOffer(view.id, view.offer, acceptance, terms),
      )
    )
      onChange();
  };

  const reject = async (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const reason = String(new FormData(event.currentTarget).get("reason") ?? "").trim();
    if (
      await tx.run(async () =>
        (await access.write()).exchange.rejectOffer(view.id, view.offer, keccakText(reason || "rejected")),
      )
    )
      onChange();
  };

  return (
    <li className="row" data-offer-id={view.id.toString()}>
      <div className="row-head">
        <strong>{t("offer.label", { id: view.id.toString() })}</strong>
        <span>{t(`deal.${deal}` as MessageKey)}</span>
        <span>{formatVnd(view.offer.amount, locale)}</span>
      </div>
      <p className="muted">
        {t("offer.buyer")} <OrgName address={view.offer.buyer} /> ·{" "}
        <AssetName id={view.offer.assetId.toString()} /> ·{" "}
        {t("offer.expires", { date: formatDateTime(Number(view.offer.expiry), locale) })}
      </p>
      {approved ? (
        <form onSubmit={accept} className="inline-form">
          <p>
            {t("seller.buyerConsented")} <Hash value={approved} />
          </p>
          {consents.state === "ok" && coOwners.length > 0 ? (
            <CoOwnerConsents
              offerId={view.id}
              documentHash={approved}
              digest={consents.data.digest}
              coOwners={coOwners}
              signatures={signatures}
              onChange={(next) => {
                setSignatures(next);
                setProblem(null);
              }}
            />
          ) : null}
          <label>
            {t("seller.checkDocument")}
            <input type="file" name="document" accept="application/pdf" />
          </label>
          {/* until the co-owners are known, an acceptance could leave their consents out */}
          <button type="submit" disabled={tx.busy || consents.state === "loading"}>
            {t("seller.accept")}
          </button>
          {problem ? (
            <p className="notice notice-error" role="alert">
              {t(problem)}
            </p>
          ) : null}
        </form>
      ) : (
        <p className="muted">{t("seller.awaitingConsent")}</p>
      )}
      <form onSubmit={reject} className="inline-form">
        <label>
          {t("common.reason")}
          <input name="reason" />
        </label>
        <button type="submit" className="button-danger" disabled={tx.busy}>
          {t("seller.reject")}
        </button>
      </form>
      <TxStatus state={tx.state} onClose={tx.clear} />
    </li>
  );
}
