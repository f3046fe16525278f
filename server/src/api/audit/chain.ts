// Reading an agreement's story straight from the chain — logs, transactions and receipts decoded
// with the contracts' ABIs — so that the audit never rests on the index it is meant to check.
import {
  Contract,
  Interface,
  recoverAddress,
  toBeHex,
  TypedDataEncoder,
  zeroPadValue,
  type Log,
  type TransactionResponse,
} from "ethers";
import { abis, agreementConsentTypes, exchangeDomain } from "../../../../generated/techex.ts";
import { ApiError, ErrorCode } from "../../errors.ts";
import type { ApiContext } from "../context.ts";

// What Node and ethers call a node that cannot be reached or did not answer.
const UNREACHABLE = new Set([
  "ECONNREFUSED",
  "ECONNRESET",
  "ETIMEDOUT",
  "EHOSTUNREACH",
  "ENETUNREACH",
  "ENOTFOUND",
  "EAI_AGAIN",
  "NETWORK_ERROR",
  "TIMEOUT",
  "SERVER_ERROR",
]);

function unreachable(error: unknown): boolean {
  for (let e = error; e instanceof Error; e = (e as { cause?: unknown }).cause) {
    if (e.name.startsWith("PrismaClient")) return false; // the database's, not the chain's
    if (UNREACHABLE.has(String((e as { code?: unknown }).code))) return true;
  }
  return false;
}

/**
 * An audit, with a node that cannot be reached reported as such (503 CHAIN_UNAVAILABLE): it reads
 * the chain itself, so it cannot fall back on the index.
 */
export async function fromTheChain<T>(audit: Promise<T>): Promise<T> {
  try {
    return await audit;
  } catch (error) {
    if (error instanceof ApiError || !unreachable(error)) throw error;
    throw new ApiError(
      503,
      ErrorCode.ChainUnavailable,
      "The chain could not be reached to verify this; try again shortly.",
      { reason: (error as Error).message },
    );
  }
}

export const exchangeInterface = new Interface(abis.Exchange);
const eip1271 = new Interface([
  "function isValidSignature(bytes32 hash, bytes signature) view returns (bytes4)",
]);
const EIP1271_MAGIC = "0x1626ba7e";
const LOG_CHUNK = 10_000;

/**
 * The exchange's logs of one event, optionally filtered by the first indexed argument, in block ranges
 * from `fromBlock` (default: the deployment block) to the head.
 */
export async function exchangeLogs(
  ctx: ApiContext,
  eventName: string,
  firstTopic?: bigint,
  fromBlock = ctx.deployment.deployBlock,
): Promise<Log[]> {
  const event = exchangeInterface.getEvent(eventName)!;
  const topics = [
    event.topicHash,
    ...(firstTopic === undefined ? [] : [zeroPadValue(toBeHex(firstTopic), 32)]),
  ];
  const head = await ctx.provider.getBlockNumber();
  const logs: Log[] = [];
  for (let from = fromBlock; from <= head; from += LOG_CHUNK) {
    const to = Math.min(head, from + LOG_CHUNK - 1);
    logs.push(
      ...(await ctx.provider.getLogs({
        address: ctx.deployment.addresses.exchange,
        topics,
        fromBlock: from,
        toBlock: to,
      })),
    );
  }
  return logs;
}

export function decodeLog(log: Log) {
  const parsed = exchangeInterface.parseLog({ topics: [...log.topics], data: log.data });
  if (!parsed) throw new Error(`not an exchange event: ${log.topics[0]}`);
  return parsed;
}

/** The EIP-712 domain the exchange signs consents under (EIP712("TechEx Exchange", "1")). */
export function consentDomain(ctx: ApiContext) {
  return {
    ...exchangeDomain,
    chainId: ctx.chainId,
    verifyingContract: ctx.deployment.addresses.exchange,
  };
}

export function consentDigest(ctx: ApiContext, agreementId: bigint, documentHash: string): string {
  return TypedDataEncoder.hash(consentDomain(ctx), agreementConsentTypes, { agreementId, documentHash });
}

export interface ConsentCheck {
  signer: string;
  method: "ecdsa" | "eip1271" | "on-chain approval" | "none";
  valid: boolean;
  recovered?: string;
  txHash?: string;
  blockNumber?: number;
  reason?: string;
}

/**
 * Whether `signature` is `expectedSigner`'s consent to `documentHash` for the agreement, as the
 * exchange's SignatureChecker decides it: an ECDSA signature by the account, or, for a contract
 * wallet, its EIP-1271 answer at the block of acceptance.
 */
export async function checkConsent(
  ctx: ApiContext,
  agreementId: bigint,
  documentHash: string,
  expectedSigner: string,
  signature: string,
  blockTag: number,
): Promise<ConsentCheck> {
  const digest = consentDigest(ctx, agreementId, documentHash);
  const signer = expectedSigner.toLowerCase();
  if (signature.length === 132) {
    try {
      const recovered = recoverAddress(digest, signature).toLowerCase();
      if (recovered === signer) return { signer, method: "ecdsa", valid: true, recovered };
      if ((await ctx.provider.getCode(signer, blockTag)) === "0x") {
        return { signer, method: "ecdsa", valid: false, recovered, reason: "signed by another key" };
      }
    } catch {
      // not a recoverable signature: a contract wallet may still accept it
    }
  }
  if ((await ctx.provider.getCode(signer, blockTag)) === "0x") {
    return { signer, method: "ecdsa", valid: false, reason: "not a valid ECDSA signature" };
  }
  try {
    const wallet = new Contract(signer, eip1271, ctx.provider);
    const answer = (await wallet.isValidSignature(digest, signature, { blockTag })) as string;
    return {
      signer,
      method: "eip1271",
      valid: answer === EIP1271_MAGIC,
      ...(answer === EIP1271_MAGIC ? {} : { reason: "the wallet refused it" }),
    };
  } catch (error) {
    return {
      signer,
      method: "eip1271",
      valid: false,
      reason: `isValidSignature failed: ${(error as Error).message}`,
    };
  }
}

export interface DecodedAcceptance {
  offerId: bigint;
  offer: {
    assetId: bigint;
    buyer: string;
    listingEpoch: bigint;
    dealType: bigint;
    amount: bigint;
    expiry: bigint;
    termsHash: string;
  };
  acceptance: {
    documentHash: string;
    buyerSignature: string;
    coOwners: string[];
    coOwnerSignatures: string[];
  };
}

/** The arguments of an `acceptOffer` transaction, or undefined when the call went through another contract. */
export function decodeAcceptOffer(tx: TransactionResponse, exchange: string): DecodedAcceptance | undefined {
  if (tx.to?.toLowerCase() !== exchange.toLowerCase()) return undefined;
  const parsed = exchangeInterface.parseTransaction({ data: tx.data });
  if (parsed?.name !== "acceptOffer") return undefined;
  const [offerId, offer, acceptance] = parsed.args;
  return {
    offerId: offerId as bigint,
    offer: {
      assetId: offer.assetId,
      buyer: offer.buyer,
      listingEpoch: offer.listingEpoch,
      dealType: offer.dealType,
      amount: offer.amount,
      expiry: offer.expiry,
      termsHash: offer.termsHash,
    },
    acceptance: {
      documentHash: acceptance.documentHash,
      buyerSignature: acceptance.buyerSignature,
      coOwners: [...acceptance.coOwners],
      coOwnerSignatures: [...acceptance.coOwnerSignatures],
    },
  };
}

/** The function a transaction to the exchange called, by name. */
export function calledFunction(tx: TransactionResponse): string | undefined {
  try {
    return exchangeInterface.parseTransaction({ data: tx.data })?.name;
  } catch {
    return undefined;
  }
}
