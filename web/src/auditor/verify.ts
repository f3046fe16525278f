// The auditor's verdict, recomputed in the browser from the chain and the document bytes: nothing
// here takes the server's word. Each check passes, fails, or was not applicable.
import { Interface, JsonRpcProvider, verifyTypedData, type Provider, type TransactionResponse } from "ethers";
import {
  abis,
  agreementConsentTypes,
  exchangeDomain,
  type DeploymentRecord,
} from "../../../generated/techex.ts";
import { techex } from "../chain/contracts.ts";
import { agreementsWhere, sha256Hex, type AgreementView } from "../chain/ledger.ts";

export type CheckId = "found" | "document" | "buyerConsent" | "sellerAct" | "registrar" | "settled";
export type Outcome = "pass" | "fail" | "skip";

export interface Check {
  id: CheckId;
  outcome: Outcome;
  detail?: Record<string, string>;
}

export interface Verification {
  agreementId: string;
  verdict: "pass" | "fail";
  checks: Check[];
  agreement: {
    assetId: string;
    buyer: string;
    seller: string;
    dealType: string;
    amount: string;
    documentHash: string;
    registrationDeadline: string;
    status: string;
    acceptedTx: string;
    settledTx: string | null;
  } | null;
  chainId: string;
  exchange: string;
  checkedAt: string;
  documentSha256: string | null;
}

const exchangeInterface = new Interface(abis.Exchange);

export function readProvider(rpcUrl: string): Provider {
  return new JsonRpcProvider(rpcUrl, undefined, { staticNetwork: true });
}

/** The agreement a transaction is about (any Exchange event naming an agreement or offer id). */
export async function agreementIdFromTx(
  provider: Provider,
  deployment: DeploymentRecord,
  txHash: string,
): Promise<bigint | null> {
  const receipt = await provider.getTransactionReceipt(txHash);
  if (!receipt) return null;
  for (const log of receipt.logs) {
    if (log.address.toLowerCase() !== deployment.addresses.exchange.toLowerCase()) continue;
    const parsed = exchangeInterface.parseLog(log);
    const id = parsed?.args.agreementId ?? parsed?.args.offerId;
    if (typeof id === "bigint") return id;
  }
  return null;
}

/** The agreement whose bound document has this SHA-256. */
export async function agreementIdFromDocument(
  provider: Provider,
  deployment: DeploymentRecord,
  documentHash: string,
): Promise<bigint | null> {
  const c = techex(deployment, provider);
  const all = await agreementsWhere(c, deployment.deployBlock, {});
  return (
    all.find((view) => view.agreement.documentHash.toLowerCase() === documentHash.toLowerCase())?.id ?? null
  );
}

export async function verifyAgreement(
  provider: Provider,
  deployment: DeploymentRecord,
  agreementId: bigint,
  pdf: ArrayBuffer | null,
): Promise<Verification> {
  const c = techex(deployment, provider);
  const from = deployment.deployBlock;
  const documentSha256 = pdf ? await sha256Hex(pdf) : null;
  const base = {
    agreementId: agreementId.toString(),
    chainId: deployment.chainId,
    exchange: deployment.addresses.exchange,
    checkedAt: new Date().toISOString(),
    documentSha256,
  };
  const [view] = await agreementsWhere(c, from, { agreementId });
  if (!view) return { ...base, verdict: "fail", agreement: null, checks: [{ id: "found", outcome: "fail" }] };

  const checks: Check[] = [{ id: "found", outcome: "pass", detail: { block: String(view.blockNumber) } }];
  const { agreement } = view;
  checks.push({
    id: "document",
    outcome:
      documentSha256 === null
        ? "skip"
        : documentSha256.toLowerCase() === agreement.documentHash.toLowerCase()
          ? "pass"
          : "fail",
    detail: { onChain: agreement.documentHash, ...(documentSha256 ? { file: documentSha256 } : {}) },
  });

  const acceptance = await provider.getTransaction(view.txHash);
  checks.push(await buyerConsent(c, deployment, provider, view, acceptance));
  checks.push({
    id: "sellerAct",
    outcome: acceptance && acceptance.from.toLowerCase() === agreement.seller.toLowerCase() ? "pass" : "fail",
    detail: { seller: agreement.seller, sender: acceptance?.from ?? "" },
  });

  const settledLogs = await c.exchange.queryFilter(c.exchange.filters.AgreementSettled(agreementId), from);
  const settledTx = settledLogs[0]?.transactionHash ?? null;
  if (agreement.registrationDeadline === 0n) {
    checks.push({ id: "registrar", outcome: "skip" });
  } else if (!settledTx) {
    checks.push({ id: "registrar", outcome: "fail" });
  } else {
    const registration = await provider.getTransaction(settledTx);
    const called = registration ? exchangeInterface.parseTransaction({ data: registration.data }) : null;
    const [isRegistrar] = registration
      ? ((await c.manager.hasRole(1n, registration.from)) as [boolean])
      : [false];
    checks.push({
      id: "registrar",
      outcome: called?.name === "registerAgreement" && isRegistrar ? "pass" : "fail",
      detail: { registrar: registration?.from ?? "", tx: settledTx },
    });
  }
  checks.push({
    id: "settled",
    outcome: view.status === "SETTLED" ? "pass" : "fail",
    detail: { status: view.status },
  });

  const verdict = checks.every((check) => check.outcome !== "fail") ? "pass" : "fail";
  return {
    ...base,
    verdict,
    checks,
    agreement: {
      assetId: agreement.offer.assetId.toString(),
      buyer: agreement.offer.buyer,
      seller: agreement.seller,
      dealType: agreement.offer.dealType.toString(),
      amount: agreement.offer.amount.toString(),
      documentHash: agreement.documentHash,
      registrationDeadline: agreement.registrationDeadline.toString(),
      status: view.status,
      acceptedTx: view.txHash,
      settledTx,
    },
  };
}

/** The buyer's consent to exactly this document: an on-chain approval, or its EIP-712 signature in the acceptance. */
async function buyerConsent(
  c: ReturnType<typeof techex>,
  deployment: DeploymentRecord,
  provider: Provider,
  view: AgreementView,
  acceptance: TransactionResponse | null,
): Promise<Check> {
  const { agreement } = view;
  const approvals = await c.exchange.queryFilter(
    c.exchange.filters.AgreementApproved(view.id, agreement.offer.buyer),
    deployment.deployBlock,
  );
  const approved = approvals.some(
    (log) =>
      "args" in log &&
      (log.args.documentHash as string).toLowerCase() === agreement.documentHash.toLowerCase(),
  );
  if (approved)
    return {
      id: "buyerConsent",
      outcome: "pass",
      detail: { how: "onChain", tx: approvals[0].transactionHash },
    };
  const call = acceptance ? exchangeInterface.parseTransaction({ data: acceptance.data }) : null;
  const signature = call?.name === "acceptOffer" ? (call.args[2].buyerSignature as string) : "0x";
  if (signature && signature !== "0x") {
    const network = await provider.getNetwork();
    const domain = {
      ...exchangeDomain,
      chainId: network.chainId,
      verifyingContract: deployment.addresses.exchange,
    };
    const signer = verifyTypedData(
      domain,
      agreementConsentTypes,
      { agreementId: view.id, documentHash: agreement.documentHash },
      signature,
    );
    return {
      id: "buyerConsent",
      outcome: signer.toLowerCase() === agreement.offer.buyer.toLowerCase() ? "pass" : "fail",
      detail: { how: "signature", signer },
    };
  }
  return { id: "buyerConsent", outcome: "fail" };
}
