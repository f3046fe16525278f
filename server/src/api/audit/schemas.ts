import { z } from "zod";
import { decimalText, hexAddress, hexBytes32, timestamp, uint256 } from "../common.ts";
import { dealTypes } from "../listings/schemas.ts";

export const agreementAuditParams = z.object({ id: uint256 });
export const txAuditParams = z.object({
  hash: z
    .string()
    .regex(/^0x[0-9a-fA-F]{64}$/, "must be a 0x-prefixed 32-byte transaction hash")
    .transform((v) => v.toLowerCase()),
});

/** Where a fact was read from the chain. */
const txRef = z.object({ txHash: hexBytes32, blockNumber: z.number().int(), time: timestamp.nullable() });

const consentCheck = z.object({
  signer: hexAddress,
  method: z.enum(["ecdsa", "eip1271", "on-chain approval", "none"]),
  valid: z.boolean(),
  recovered: hexAddress.optional(),
  txHash: hexBytes32.optional(),
  blockNumber: z.number().int().optional(),
  reason: z.string().optional(),
});

export const agreementAudit = z.object({
  verified: z.boolean().describe("every check below holds and the document's hash matches"),
  checkedAt: timestamp,
  chainId: z.number().int(),
  exchange: hexAddress,
  agreement: z.object({
    agreementId: decimalText,
    assetId: decimalText,
    seller: hexAddress,
    buyer: hexAddress,
    dealType: z.enum(dealTypes),
    amount: decimalText,
    documentHash: hexBytes32,
    registrationRequired: z.boolean(),
    registrationDeadline: timestamp.nullable(),
    status: z.enum(["AWAITING_REGISTRATION", "SETTLED", "REFUSED", "RECLAIMED"]),
    accepted: txRef,
  }),
  document: z.object({
    documentHash: hexBytes32,
    source: z.enum(["uploaded", "stored", "none"]),
    recomputedSha256: hexBytes32.nullable(),
    matches: z.boolean().nullable().describe("null when no copy of the document was available"),
  }),
  consents: z.object({
    seller: z.object({ signer: hexAddress, method: z.string(), valid: z.boolean(), txHash: hexBytes32 }),
    buyer: consentCheck,
    coOwners: z.array(consentCheck),
  }),
  registrar: txRef
    .extend({ address: hexAddress, act: z.string(), heldIpOfficeRole: z.boolean(), valid: z.boolean() })
    .nullable(),
  settlement: txRef
    .extend({
      amount: decimalText,
      fee: decimalText,
      net: decimalText,
      treasury: hexAddress,
      valid: z.boolean(),
    })
    .nullable(),
  index: z
    .object({
      indexed: z.boolean(),
      agrees: z.boolean(),
      differences: z.array(
        z.union([
          z.string(),
          z.object({ field: z.string(), index: z.string().nullable(), chain: z.string().nullable() }),
        ]),
      ),
    })
    .describe("whether the index says what the chain says; never an input to the verdict"),
});

export const transactionAudit = z.object({
  transaction: z.object({
    hash: hexBytes32,
    blockNumber: z.number().int(),
    from: hexAddress,
    to: hexAddress.nullable(),
    function: z.string().nullable(),
    succeeded: z.boolean(),
    events: z.array(
      z.object({ name: z.string(), logIndex: z.number().int(), args: z.record(z.string(), z.string()) }),
    ),
  }),
  audit: agreementAudit.nullable().describe("the agreement the transaction belongs to, if any"),
});

export const documentAudit = z.object({
  sha256: z.string().describe("64 hex digits"),
  bytes32: hexBytes32,
  found: z.boolean(),
  verified: z.boolean(),
  agreements: z.array(agreementAudit),
  search: z
    .object({
      indexedThroughBlock: z.number().int().nullable(),
      scannedFromBlock: z.number().int(),
    })
    .describe(
      "the index named the candidates up to indexedThroughBlock; the chain was scanned from scannedFromBlock",
    ),
});
