// Make an offer in one transaction: the wallet signs an EIP-2612 permit for the amount, and
// `makeOfferWithPermit` escrows it. Loaded only on listing pages, with ethers.
import { useState, type FormEvent } from "react";
import { Signature, ZeroHash } from "ethers";
import { permitTypes } from "../../../generated/techex.ts";
import type { DealType } from "../api/client.ts";
import { useChainAccess } from "../chain/access.tsx";
import { DealTypeId, hashTerms, listingTerms } from "../chain/ledger.ts";
import { TxStatus, useTransaction } from "../chain/tx.tsx";
import { useI18n, type MessageKey } from "../i18n/i18n.tsx";
import { formatVnd } from "../shared/format.ts";
import { Link } from "../app/router.tsx";

export default function OfferForm({ assetId, prices }: { assetId: string; prices: [DealType, string][] }) {
  const { t, locale } = useI18n();
  const access = useChainAccess();
  const tx = useTransaction();
  const [deal, setDeal] = useState<DealType>(prices[0]?.[0] ?? "NON_EXCLUSIVE_LICENCE");
  const asking = prices.find(([d]) => d === deal)?.[1] ?? "";
  if (!access) return null;

  const submit = async (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    const amount = BigInt(String(form.get("amount") ?? "0").trim() || "0");
    const days = Number(form.get("days") ?? 7);
    await tx.run(async () => {
      const { signer, contracts } = await access.signer();
      const id = BigInt(assetId);
      const record = await contracts.exchange.listing(id);
      const dealType = DealTypeId[deal];
      const termsHash =
        dealType === DealTypeId.ASSIGNMENT
          ? ZeroHash
          : hashTerms(await listingTerms(access.read, access.fromBlock, id, record.epoch as bigint));
      const block = await signer.provider.getBlock("latest");
      const now = BigInt(Math.max(Math.floor(Date.now() / 1000), block?.timestamp ?? 0));
      const expiry = now + BigInt(Math.round(days * 86_400));
      const deadline = now + 3_600n;
      const domain = await contracts.token.eip712Domain();
      const exchange = access.deployment.addresses.exchange;
      const signature = Signature.from(
        await signer.signTypedData(
          {
            name: domain.name as string,
            version: domain.version as string,
            chainId: domain.chainId as bigint,
            verifyingContract: domain.verifyingContract as string,
          },
          permitTypes,
          {
            owner: access.account,
            spender: exchange,
            value: amount,
            nonce: await contracts.token.nonces(access.account),
            deadline,
          },
        ),
      );
      return contracts.exchange.makeOfferWithPermit(
        id,
        dealType,
        amount,
        expiry,
        termsHash,
        deadline,
        signature.v,
        signature.r,
        signature.s,
      );
    });
  };

  return (
    <form className="grid-form" onSubmit={submit}>
      <label>
        {t("offer.dealType")}
        <select name="dealType" value={deal} onChange={(event) => setDeal(event.target.value as DealType)}>
          {prices.map(([d]) => (
            <option key={d} value={d}>
              {t(`deal.${d}` as MessageKey)}
            </option>
          ))}
        </select>
      </label>
      <label>
        {t("offer.amount")}
        <input name="amount" key={deal} inputMode="numeric" pattern="[0-9]+" required defaultValue={asking} />
        {/* the price stays out of the select, whose text a phone cuts short */}
        <span className="hint">{t("offer.asking", { price: formatVnd(asking, locale) })}</span>
      </label>
      <label>
        {t("offer.days")}
        <input name="days" type="number" min={0} step="0.01" defaultValue={7} />
      </label>
      <div className="wide">
        <p className="muted">{t("offer.escrowNote")}</p>
        <button type="submit" disabled={tx.busy}>
          {t("offer.submit")}
        </button>
        <TxStatus state={tx.state} onClose={tx.clear} />
        {tx.state.phase === "mined" ? <Link href="/buyer">{t("offer.seeMine")}</Link> : null}
      </div>
    </form>
  );
}
