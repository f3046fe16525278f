// Make an offer in one transaction: the wallet signs a permit for the amount, and
// `makeOfferWithPermit` escrows it. The amount is read as people write it and checked against the
// balance before the wallet is asked anything; after the offer the form starts over and says which
// offer now holds what. Loaded only on listing pages, with ethers.
import { useEffect, useState, type FormEvent } from "react";
import { Interface, Signature, ZeroHash } from "ethers";
import { abis, permitTypes } from "../../../generated/techex.ts";
import type { DealType } from "../api/client.ts";
import { useChainAccess } from "../chain/access.tsx";
import { DealTypeId, hashTerms, listingTerms } from "../chain/ledger.ts";
import { TxStatus, useTransaction } from "../chain/tx.tsx";
import { useI18n, type MessageKey } from "../i18n/i18n.tsx";
import { formatVnd, parseVnd } from "../shared/format.ts";
import { Link } from "../app/router.tsx";

const exchangeEvents = new Interface(abis.Exchange);
const DEFAULT_DAYS = "7";

function offerIdIn(logs: readonly { topics: readonly string[]; data: string }[]): string {
  for (const log of logs) {
    try {
      const parsed = exchangeEvents.parseLog(log);
      if (parsed?.name === "OfferMade") return String(parsed.args.offerId);
    } catch {
      // another contract's event (the token's Transfer and Approval)
    }
  }
  return "?";
}

export default function OfferForm({ assetId, prices }: { assetId: string; prices: [DealType, string][] }) {
  const { t, locale } = useI18n();
  const access = useChainAccess();
  const tx = useTransaction();
  const [deal, setDeal] = useState<DealType>(prices[0]?.[0] ?? "NON_EXCLUSIVE_LICENCE");
  const asking = prices.find(([d]) => d === deal)?.[1] ?? "";
  const [amountText, setAmountText] = useState(asking ? formatVnd(asking, locale).replace(/\s*₫$/, "") : "");
  const [days, setDays] = useState(DEFAULT_DAYS);
  const [problem, setProblem] = useState<{ field: "amount" | "days"; message: string } | null>(null);
  const [balance, setBalance] = useState<bigint | null>(null);
  const [balanceVersion, setBalanceVersion] = useState(0);

  useEffect(() => {
    if (!access) return;
    let current = true;
    (access.read.token.balanceOf(access.account) as Promise<bigint>).then(
      (value) => current && setBalance(value),
      () => current && setBalance(null),
    );
    return () => {
      current = false;
    };
  }, [access, balanceVersion]);

  if (!access) return null;
  const parsed = parseVnd(amountText);
  const chooseDeal = (next: DealType) => {
    setDeal(next);
    const price = prices.find(([d]) => d === next)?.[1];
    if (price) setAmountText(formatVnd(price, locale).replace(/\s*₫$/, ""));
  };

  const submit = async (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    if ("problem" in parsed) {
      setProblem({ field: "amount", message: t(`amount.${parsed.problem}` as MessageKey) });
      return;
    }
    const validDays = Number(days);
    if (!Number.isFinite(validDays) || validDays < 1 || validDays > 365) {
      setProblem({ field: "days", message: t("offer.daysInvalid") });
      return;
    }
    const amount = parsed.amount;
    const held = balance ?? ((await access.read.token.balanceOf(access.account)) as bigint);
    if (held < amount) {
      setProblem({
        field: "amount",
        message: t("offer.tooLittle", {
          balance: formatVnd(held, locale),
          amount: formatVnd(amount, locale),
        }),
      });
      return;
    }
    setProblem(null);
    const receipt = await tx.run(
      async () => {
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
        const expiry = now + BigInt(Math.round(validDays * 86_400));
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
      },
      (mined) => t("offer.done", { id: offerIdIn(mined.logs), amount: formatVnd(amount, locale) }),
    );
    if (!receipt) return;
    // the form starts over, so a second click is a new decision, not the same offer again
    setDeal(prices[0]?.[0] ?? deal);
    setAmountText(prices[0] ? formatVnd(prices[0][1], locale).replace(/\s*₫$/, "") : "");
    setDays(DEFAULT_DAYS);
    setBalanceVersion((v) => v + 1);
  };

  const reads = "amount" in parsed ? t("amount.reads", { amount: formatVnd(parsed.amount, locale) }) : null;
  return (
    <form className="grid-form offer-form" onSubmit={submit} noValidate>
      <label htmlFor="offer-deal">
        {t("offer.dealType")}
        <select
          id="offer-deal"
          name="dealType"
          value={deal}
          onChange={(e) => chooseDeal(e.target.value as DealType)}
        >
          {prices.map(([d]) => (
            <option key={d} value={d}>
              {t(`deal.${d}` as MessageKey)}
            </option>
          ))}
        </select>
      </label>
      <label htmlFor="offer-amount">
        {t("offer.amount")}
        <input
          id="offer-amount"
          name="amount"
          inputMode="numeric"
          autoComplete="off"
          value={amountText}
          onChange={(event) => {
            setAmountText(event.currentTarget.value);
            if (problem?.field === "amount") setProblem(null);
          }}
          aria-invalid={problem?.field === "amount" || undefined}
          aria-describedby="offer-amount-hint offer-amount-error"
        />
        {/* the price stays out of the select, whose text a phone cuts short */}
        <span className="hint" id="offer-amount-hint">
          {reads ? `${reads} · ` : ""}
          {t("offer.asking", { price: formatVnd(asking, locale) })}
          {balance !== null ? ` · ${t("offer.balance", { amount: formatVnd(balance, locale) })}` : ""}
        </span>
        <span
          id="offer-amount-error"
          className="field-error"
          role={problem?.field === "amount" ? "alert" : undefined}
        >
          {problem?.field === "amount" ? problem.message : null}
        </span>
      </label>
      <label htmlFor="offer-days">
        {t("offer.days")}
        <input
          id="offer-days"
          name="days"
          inputMode="numeric"
          value={days}
          onChange={(event) => setDays(event.currentTarget.value)}
          aria-invalid={problem?.field === "days" || undefined}
          aria-describedby="offer-days-error"
        />
        <span
          id="offer-days-error"
          className="field-error"
          role={problem?.field === "days" ? "alert" : undefined}
        >
          {problem?.field === "days" ? problem.message : null}
        </span>
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
