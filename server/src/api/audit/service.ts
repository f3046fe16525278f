// The auditor's check of an agreement, recomputed from the chain and the document bytes:
//   document  the SHA-256 of the bytes equals the documentHash the agreement binds;
//   consents  the buyer's and every co-owner's EIP-712 consent, recovered from the acceptOffer
//             calldata (or the buyer's on-chain AgreementApproved), and the seller's own transaction;
//   registrar who registered or refused, and that the sender held IP_OFFICE at that block;
//   settlement AgreementSettled's amount = the offer's, fee + net = amount;
// and, separately, whether the index agrees with the chain. The index is never an input to the verdict.
import { createHash } from "node:crypto";
import type { Log } from "ethers";
import { ApiError, ErrorCode, notFound } from "../../errors.ts";
import type { ApiContext } from "../context.ts";
import { hasRole, RoleId } from "../auth/roles.ts";
import { readStoredFile } from "../documents/store.ts";
import {
  calledFunction,
  checkConsent,
  decodeAcceptOffer,
  decodeLog,
  exchangeLogs,
  type ConsentCheck,
} from "./chain.ts";

const dealTypeNames = ["ASSIGNMENT", "EXCLUSIVE_LICENCE", "NON_EXCLUSIVE_LICENCE"] as const;

async function txRef(ctx: ApiContext, log: Log) {
  const block = await ctx.provider.getBlock(log.blockNumber);
  return {
    txHash: log.transactionHash,
    blockNumber: log.blockNumber,
    time: block ? new Date(block.timestamp * 1000).toISOString() : null,
  };
}

/** Audits one agreement. `documentBytes` are the auditor's copy; otherwise the stored copy is re-hashed. */
export async function auditAgreement(ctx: ApiContext, agreementId: bigint, documentBytes?: Buffer) {
  const [accepted] = await exchangeLogs(ctx, "AgreementAccepted", agreementId);
  if (!accepted)
    throw notFound(ErrorCode.AgreementNotFound, "agreement on the chain", agreementId.toString());
  return auditAccepted(ctx, accepted, documentBytes);
}

/** Audits the agreement whose `AgreementAccepted` log (read from the chain) is given. */
async function auditAccepted(ctx: ApiContext, accepted: Log, documentBytes?: Buffer) {
  const event = decodeLog(accepted).args;
  const agreementId = event.agreementId as bigint;
  const documentHash = (event.documentHash as string).toLowerCase();
  const seller = (event.seller as string).toLowerCase();
  const buyer = (event.buyer as string).toLowerCase();
  const registrationDeadline = Number(event.registrationDeadline);
  const acceptanceRef = await txRef(ctx, accepted);
  const acceptTx = await ctx.provider.getTransaction(accepted.transactionHash);
  if (!acceptTx)
    throw new ApiError(
      503,
      ErrorCode.ChainUnavailable,
      "The acceptance transaction could not be read from the chain.",
    );
  const decoded = decodeAcceptOffer(acceptTx, ctx.deployment.addresses.exchange);

  // Document
  let bytes = documentBytes;
  let source: "uploaded" | "stored" | "none" = documentBytes ? "uploaded" : "none";
  if (!bytes) {
    bytes = await readStoredFile(ctx.documentsDir, documentHash.slice(2));
    if (bytes) source = "stored";
  }
  const recomputed = bytes ? `0x${createHash("sha256").update(bytes).digest("hex")}` : null;
  const document = {
    documentHash,
    source,
    recomputedSha256: recomputed,
    matches: recomputed === null ? null : recomputed === documentHash,
  };

  // Consents
  const seller_ = {
    signer: seller,
    method: "transaction",
    valid: acceptTx.from.toLowerCase() === seller,
    txHash: accepted.transactionHash,
  };
  let buyerConsent: ConsentCheck;
  const coOwnerConsents: ConsentCheck[] = [];
  if (!decoded) {
    buyerConsent = {
      signer: buyer,
      method: "none",
      valid: false,
      reason: "acceptOffer was not called directly; its calldata cannot be decoded",
    };
  } else {
    if (decoded.acceptance.documentHash.toLowerCase() !== documentHash) {
      buyerConsent = {
        signer: buyer,
        method: "none",
        valid: false,
        reason: "the calldata binds another document hash than the event",
      };
    } else if (decoded.acceptance.buyerSignature === "0x") {
      const approvals = (await exchangeLogs(ctx, "AgreementApproved", agreementId)).filter(
        (log) =>
          log.blockNumber <= accepted.blockNumber &&
          (decodeLog(log).args.documentHash as string).toLowerCase() === documentHash,
      );
      const approval = approvals.at(-1);
      buyerConsent = approval
        ? {
            signer: buyer,
            method: "on-chain approval",
            valid: (decodeLog(approval).args.buyer as string).toLowerCase() === buyer,
            txHash: approval.transactionHash,
            blockNumber: approval.blockNumber,
          }
        : {
            signer: buyer,
            method: "on-chain approval",
            valid: false,
            reason: "no AgreementApproved for this document before acceptance",
          };
    } else {
      buyerConsent = await checkConsent(
        ctx,
        agreementId,
        documentHash,
        buyer,
        decoded.acceptance.buyerSignature,
        accepted.blockNumber,
      );
    }
    const consentedCoOwners = (event.coOwners as string[]).map((a) => a.toLowerCase());
    for (const [i, coOwner] of decoded.acceptance.coOwners.entries()) {
      coOwnerConsents.push(
        await checkConsent(
          ctx,
          agreementId,
          documentHash,
          coOwner,
          decoded.acceptance.coOwnerSignatures[i] ?? "0x",
          accepted.blockNumber,
        ),
      );
    }
    if (consentedCoOwners.join() !== decoded.acceptance.coOwners.map((a) => a.toLowerCase()).join()) {
      coOwnerConsents.push({
        signer: "*",
        method: "none",
        valid: false,
        reason: "the event's co-owners differ from the calldata's",
      });
    }
  }

  // Registration and settlement
  const [settledLogs, refusedLogs, reclaimedLogs] = await Promise.all(
    ["AgreementSettled", "AgreementRefused", "AgreementReclaimed"].map((name) =>
      exchangeLogs(ctx, name, agreementId),
    ),
  );
  const closing = settledLogs[0] ?? refusedLogs[0] ?? reclaimedLogs[0];
  let registrar: Record<string, unknown> | null = null;
  if (registrationDeadline !== 0 && closing && !reclaimedLogs[0]) {
    const tx = await ctx.provider.getTransaction(closing.transactionHash);
    const sender = tx!.from.toLowerCase();
    const isIpOffice = await hasRole(ctx, RoleId.IP_OFFICE, sender, closing.blockNumber);
    registrar = {
      address: sender,
      act: calledFunction(tx!) ?? "unknown",
      heldIpOfficeRole: isIpOffice,
      valid: isIpOffice,
      ...(await txRef(ctx, closing)),
    };
  }
  let settlement: Record<string, unknown> | null = null;
  if (settledLogs[0]) {
    const s = decodeLog(settledLogs[0]).args;
    const amount = s.amount as bigint;
    const fee = s.fee as bigint;
    const net = s.net as bigint;
    settlement = {
      amount: amount.toString(),
      fee: fee.toString(),
      net: net.toString(),
      treasury: (s.treasury as string).toLowerCase(),
      valid: fee + net === amount && amount === (event.amount as bigint),
      ...(await txRef(ctx, settledLogs[0])),
    };
  }
  const status = settledLogs[0]
    ? "SETTLED"
    : refusedLogs[0]
      ? "REFUSED"
      : reclaimedLogs[0]
        ? "RECLAIMED"
        : "AWAITING_REGISTRATION";

  const checks = [
    document.matches !== false,
    seller_.valid,
    buyerConsent.valid,
    ...coOwnerConsents.map((c) => c.valid),
    registrar ? registrar.valid === true : true,
    settlement ? settlement.valid === true : true,
  ];
  const chainFacts = {
    agreementId: agreementId.toString(),
    assetId: (event.assetId as bigint).toString(),
    seller,
    buyer,
    dealType: dealTypeNames[Number(event.dealType)],
    amount: (event.amount as bigint).toString(),
    documentHash,
    registrationRequired: registrationDeadline !== 0,
    registrationDeadline: registrationDeadline ? new Date(registrationDeadline * 1000).toISOString() : null,
    status,
    accepted: acceptanceRef,
  };
  return {
    verified: checks.every(Boolean) && document.matches === true,
    checkedAt: new Date().toISOString(),
    chainId: ctx.chainId,
    exchange: ctx.deployment.addresses.exchange.toLowerCase(),
    agreement: chainFacts,
    document,
    consents: { seller: seller_, buyer: buyerConsent, coOwners: coOwnerConsents },
    registrar,
    settlement,
    index: await compareWithIndex(ctx, chainFacts, settlement),
  };
}

/** Whether the index says what the chain says; differences are listed field by field. */
async function compareWithIndex(
  ctx: ApiContext,
  chain: {
    agreementId: string;
    seller: string;
    buyer: string;
    amount: string;
    documentHash: string;
    status: string;
    dealType: string;
  },
  settlement: Record<string, unknown> | null,
) {
  if (!ctx.deps.prisma) return { indexed: false, agrees: false, differences: ["no index database"] };
  const row = await ctx.deps.prisma.agreement.findUnique({ where: { id: chain.agreementId } });
  if (!row) return { indexed: false, agrees: false, differences: ["the agreement is not in the index"] };
  const indexed: Record<string, string | null> = {
    seller: row.seller.toLowerCase(),
    buyer: row.buyer.toLowerCase(),
    amount: row.amount.toFixed(),
    documentHash: row.documentHash.toLowerCase(),
    status: row.status,
    dealType: row.dealType,
    ...(settlement ? { fee: row.fee?.toFixed() ?? null } : {}),
  };
  const expected: Record<string, string | null> = {
    ...chain,
    ...(settlement ? { fee: settlement.fee as string } : {}),
  };
  const differences = Object.keys(indexed)
    .filter((key) => indexed[key] !== expected[key])
    .map((key) => ({ field: key, index: indexed[key], chain: expected[key] }));
  return { indexed: true, agrees: differences.length === 0, differences };
}

/** Audits whichever agreement a transaction belongs to. */
export async function auditTransaction(ctx: ApiContext, hash: string) {
  const receipt = await ctx.provider.getTransactionReceipt(hash);
  if (!receipt) throw notFound(ErrorCode.TransactionNotFound, "transaction", hash);
  const exchange = ctx.deployment.addresses.exchange.toLowerCase();
  const events = receipt.logs
    .filter((log) => log.address.toLowerCase() === exchange)
    .map((log) => {
      const parsed = decodeLog(log);
      return {
        name: parsed.name,
        logIndex: log.index,
        args: Object.fromEntries(
          parsed.fragment.inputs.map((input, i) => [input.name, String(parsed.args[i])]),
        ),
      };
    });
  const withAgreement =
    events.find((e) => e.args.agreementId !== undefined) ??
    events.find((e) => e.name === "AgreementApproved");
  const agreementId = withAgreement
    ? BigInt(withAgreement.args.agreementId ?? withAgreement.args.offerId)
    : undefined;
  const tx = await ctx.provider.getTransaction(hash);
  const transaction = {
    hash,
    blockNumber: receipt.blockNumber,
    from: receipt.from.toLowerCase(),
    to: receipt.to?.toLowerCase() ?? null,
    function: tx ? (calledFunction(tx) ?? null) : null,
    succeeded: receipt.status === 1,
    events,
  };
  if (agreementId === undefined) return { transaction, audit: null };
  const onChain = await exchangeLogs(ctx, "AgreementAccepted", agreementId);
  return { transaction, audit: onChain.length ? await auditAgreement(ctx, agreementId) : null };
}

const bindsDocument = (log: Log, digest: string) =>
  (decodeLog(log).args.documentHash as string).toLowerCase() === digest;

/**
 * The `AgreementAccepted` logs that bind `digest`, read from the chain. The node cannot filter on the
 * hash (the event's three indexed topics are agreementId, assetId and buyer), so scanning every
 * acceptance would grow with the exchange's whole history. Instead the index names the candidates
 * up to its checkpoint (agreements.document_hash is indexed), each candidate's log is then read by
 * its agreementId topic, and only the blocks after the checkpoint are scanned. The index thus only
 * narrows the search: what is reported comes from the chain's logs. Without an index, or before it
 * has a checkpoint, the whole history is scanned.
 */
async function acceptancesBinding(ctx: ApiContext, digest: string) {
  const exchange = ctx.deployment.addresses.exchange.toLowerCase();
  const prisma = ctx.deps.prisma;
  const checkpoints = prisma
    ? await prisma.indexerCheckpoint.findMany({ where: { chainId: ctx.chainId } })
    : [];
  const indexedThrough = checkpoints
    .filter((c) => c.contractSetKey.split(",").includes(exchange))
    .map((c) => Number(c.blockNumber))
    .reduce<number | undefined>((low, block) => (low === undefined || block < low ? block : low), undefined);
  if (!prisma || indexedThrough === undefined) {
    const logs = (await exchangeLogs(ctx, "AgreementAccepted")).filter((log) => bindsDocument(log, digest));
    return { logs, search: { indexedThroughBlock: null, scannedFromBlock: ctx.deployment.deployBlock } };
  }
  const candidates = await prisma.agreement.findMany({
    where: { documentHash: digest },
    select: { id: true },
    orderBy: { id: "asc" },
  });
  const known = await Promise.all(
    candidates.map(async ({ id }) => (await exchangeLogs(ctx, "AgreementAccepted", BigInt(id.toFixed())))[0]),
  );
  const scannedFromBlock = Math.max(indexedThrough + 1, ctx.deployment.deployBlock);
  const recent = await exchangeLogs(ctx, "AgreementAccepted", undefined, scannedFromBlock);
  const seen = new Set<string>();
  const logs = [...known, ...recent].filter((log): log is Log => {
    if (!log || !bindsDocument(log, digest)) return false;
    const id = String(decodeLog(log).args.agreementId);
    if (seen.has(id)) return false;
    seen.add(id);
    return true;
  });
  return { logs, search: { indexedThroughBlock: indexedThrough, scannedFromBlock } };
}

/** Finds the agreements that bind the document's SHA-256 and audits each with these bytes. */
export async function auditDocument(ctx: ApiContext, bytes: Buffer) {
  if (bytes.length === 0) throw new ApiError(400, ErrorCode.BadRequest, "The document is empty.");
  const digest = `0x${createHash("sha256").update(bytes).digest("hex")}`;
  const { logs, search } = await acceptancesBinding(ctx, digest);
  const audits = [];
  for (const log of logs) audits.push(await auditAccepted(ctx, log, bytes));
  return {
    sha256: digest.slice(2),
    bytes32: digest,
    found: audits.length > 0,
    verified: audits.length > 0 && audits.every((a) => a.verified),
    agreements: audits,
    search,
  };
}
