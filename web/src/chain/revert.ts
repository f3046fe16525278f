// The one place a failed transaction becomes a sentence: the revert's custom error is decoded
// against every TechEx ABI and told in the user's language; wallet refusals and network trouble
// have their own sentences. Raw hex never reaches the screen.
import { Interface, type ErrorDescription } from "ethers";
import { abis } from "../../../generated/techex.ts";
import type { MessageKey, Translate } from "../i18n/i18n.tsx";

const errorsOnly = Object.values(abis)
  .flat()
  .filter((fragment) => fragment.type === "error");
const unique = [...new Map(errorsOnly.map((fragment) => [JSON.stringify(fragment), fragment])).values()];
const contractErrors = new Interface(unique);

/** Errors with a sentence of their own; others get the generic one naming the error. */
const sentences: Partial<Record<string, MessageKey>> = {
  AccessManagedUnauthorized: "revert.AccessManagedUnauthorized",
  EnforcedPause: "revert.EnforcedPause",
  ERC20InsufficientBalance: "revert.ERC20InsufficientBalance",
  ERC20InsufficientAllowance: "revert.ERC20InsufficientAllowance",
  ERC2612ExpiredSignature: "revert.ERC2612ExpiredSignature",
  ERC2612InvalidSigner: "revert.ERC2612InvalidSigner",
  ExchangeAgreementNotPending: "revert.ExchangeAgreementNotPending",
  ExchangeAssetNotTradable: "revert.ExchangeAssetNotTradable",
  ExchangeAssetReserved: "revert.ExchangeAssetReserved",
  ExchangeNonExclusiveLicenceRunning: "revert.ExchangeNonExclusiveLicenceRunning",
  ExchangeExclusiveLicenceActive: "revert.ExchangeExclusiveLicenceActive",
  ExchangeEscrowShortfall: "revert.ExchangeEscrowShortfall",
  ExchangeBuyerIsSeller: "revert.ExchangeBuyerIsSeller",
  ExchangeCoOwnersMismatch: "revert.ExchangeCoOwnersMismatch",
  ExchangeDealTypeNotListed: "revert.ExchangeDealTypeNotListed",
  ExchangeInvalidAmount: "revert.ExchangeInvalidAmount",
  ExchangeInvalidBuyerConsent: "revert.ExchangeInvalidBuyerConsent",
  ExchangeInvalidCoOwnerConsent: "revert.ExchangeInvalidCoOwnerConsent",
  ExchangeInvalidDealTypes: "revert.ExchangeInvalidDealTypes",
  ExchangeInvalidDocument: "revert.ExchangeInvalidDocument",
  ExchangeInvalidExpiry: "revert.ExchangeInvalidExpiry",
  ExchangeListingActive: "revert.ExchangeListingActive",
  ExchangeListingNotOpen: "revert.ExchangeListingNotOpen",
  ExchangeNotAssetOwner: "revert.ExchangeNotAssetOwner",
  ExchangeNotBuyer: "revert.ExchangeNotBuyer",
  ExchangeNotSeller: "revert.ExchangeNotSeller",
  ExchangeOfferExpired: "revert.ExchangeOfferExpired",
  ExchangeOfferNotExpired: "revert.ExchangeOfferNotExpired",
  ExchangeOfferNotOpen: "revert.ExchangeOfferNotOpen",
  ExchangeRecordMismatch: "revert.ExchangeRecordMismatch",
  ExchangeRegistrationDeadlineNotPassed: "revert.ExchangeRegistrationDeadlineNotPassed",
  ExchangeRegistrationDeadlinePassed: "revert.ExchangeRegistrationDeadlinePassed",
  ExchangeSellerNotOwner: "revert.ExchangeSellerNotOwner",
  ExchangeStaleOffer: "revert.ExchangeStaleOffer",
  ExchangeTermsMismatch: "revert.ExchangeTermsMismatch",
  LicenceAlreadyRevoked: "revert.LicenceAlreadyRevoked",
  LicenceExclusiveActive: "revert.LicenceExclusiveActive",
  MembershipNotMember: "revert.MembershipNotMember",
  RegistryAlreadyRegistered: "revert.RegistryAlreadyRegistered",
  RegistryInvalidCoOwner: "revert.RegistryInvalidCoOwner",
  RegistryInvalidExpiry: "revert.RegistryInvalidExpiry",
  RegistryInvalidRegistrationNumber: "revert.RegistryInvalidRegistrationNumber",
  RegistryInvalidTransition: "revert.RegistryInvalidTransition",
  RegistryNotOwner: "revert.RegistryNotOwner",
  RegistryTransferDisabled: "revert.RegistryTransferDisabled",
  RegistryUnknownAsset: "revert.RegistryUnknownAsset",
};

/** Revert data found anywhere in an error thrown by ethers, a wallet or a JSON-RPC node. */
export function revertData(error: unknown, depth = 0): string | null {
  if (!error || typeof error !== "object" || depth > 6) return null;
  const candidate = error as Record<string, unknown>;
  const data = candidate.data;
  if (typeof data === "string" && /^0x[0-9a-fA-F]{8}/.test(data)) return data;
  if (data && typeof data === "object") {
    const nested =
      revertData(data, depth + 1) ??
      (typeof (data as { data?: unknown }).data === "string"
        ? revertData({ data: (data as { data: string }).data }, depth + 1)
        : null);
    if (nested) return nested;
  }
  for (const key of ["error", "info", "cause", "revert"]) {
    const nested = revertData(candidate[key], depth + 1);
    if (nested) return nested;
  }
  return null;
}

export function decodeRevert(error: unknown): ErrorDescription | null {
  const data = revertData(error);
  if (!data) return null;
  try {
    return contractErrors.parseError(data);
  } catch {
    return null;
  }
}

function isUserRejection(error: unknown, depth = 0): boolean {
  if (!error || typeof error !== "object" || depth > 4) return false;
  const e = error as { code?: unknown; error?: unknown; info?: unknown };
  return (
    e.code === 4001 ||
    e.code === "ACTION_REJECTED" ||
    isUserRejection(e.error, depth + 1) ||
    isUserRejection(e.info, depth + 1)
  );
}

/** Arguments that are sums of đồng, written in full and grouped ("450.000.000"), never cut. */
const amountParameter = /amount|balance|needed|price|value|allowance/i;

/** A sentence, in the user's language, saying why the transaction or signature failed. */
export function describeFailure(error: unknown, t: Translate): string {
  if (isUserRejection(error)) return t("tx.rejectedByUser");
  const decoded = decodeRevert(error);
  if (decoded) {
    const params: Record<string, string> = {};
    decoded.fragment.inputs.forEach((input, index) => {
      const value: unknown = decoded.args[index];
      const name = input.name || `arg${index}`;
      params[name] =
        typeof value !== "bigint"
          ? String(value)
          : name === "until"
            ? chainDate(value)
            : amountParameter.test(name)
              ? new Intl.NumberFormat(t("format.locale")).format(value)
              : value > 10n ** 12n
                ? `${value.toString().slice(0, 6)}…`
                : String(value);
    });
    const key = sentences[decoded.name];
    return key ? t(key, params) : t("revert.generic", { name: decoded.name });
  }
  const code = (error as { code?: unknown } | null)?.code;
  if (code === "INSUFFICIENT_FUNDS") return t("tx.insufficientFunds");
  if (code === "NETWORK_ERROR" || code === "TIMEOUT") return t("tx.network");
  if (code === "CALL_EXCEPTION") return t("revert.unknown");
  return t("tx.failedUnknown");
}

/** A chain time (unix seconds) as dd/mm/yyyy. */
function chainDate(seconds: bigint): string {
  const d = new Date(Number(seconds) * 1000);
  const two = (n: number) => String(n).padStart(2, "0");
  return `${two(d.getDate())}/${two(d.getMonth() + 1)}/${d.getFullYear()}`;
}
