// For an assignment or exclusive licence of a co-owned asset: the link each co-owner signs their
// consent at (ConsentPage), and one field per co-owner for the signature they send back, checked
// here against the exchange's own consent digest before the acceptance carries it.
import { recoverAddress } from "ethers";
import { useI18n } from "../i18n/i18n.tsx";
import { CopyButton } from "../shared/ui.tsx";
import { OrgName } from "../shared/OrgName.tsx";

/** The 65-byte signature in whatever the co-owner pasted (a bare 0x…, or a message around it). */
export function extractSignature(text: string | undefined): string | null {
  return text?.match(/0x[0-9a-fA-F]{130}/)?.[0] ?? null;
}

/**
 * Who signed `digest`, lower-case, or null. Account (ECDSA) signatures only: a contract wallet's
 * (EIP-1271) cannot be checked here, though the exchange would accept it.
 */
function signerOf(digest: string, text: string | undefined): string | null {
  const signature = extractSignature(text);
  if (!signature) return null;
  try {
    return recoverAddress(digest, signature).toLowerCase();
  } catch {
    return null;
  }
}

export function consentsComplete(digest: string, coOwners: string[], signatures: string[]): boolean {
  return coOwners.every((coOwner, i) => signerOf(digest, signatures[i]) === coOwner.toLowerCase());
}

export function consentLink(offerId: bigint, documentHash: string): string {
  return `${window.location.origin}/consent?agreement=${offerId}&document=${documentHash}`;
}

export function CoOwnerConsents({
  offerId,
  documentHash,
  digest,
  coOwners,
  signatures,
  onChange,
}: {
  offerId: bigint;
  documentHash: string;
  /** the exchange's `consentDigest(offerId, documentHash)` */
  digest: string;
  coOwners: string[];
  signatures: string[];
  onChange(signatures: string[]): void;
}) {
  const { t } = useI18n();
  const link = consentLink(offerId, documentHash);
  return (
    <fieldset className="co-owners">
      <legend>{t("seller.coOwnersTitle", { count: coOwners.length })}</legend>
      <p className="muted">{t("seller.coOwnersHint")}</p>
      <div className="copy-row">
        <label>
          {t("seller.consentLink")}
          <input readOnly value={link} onFocus={(event) => event.currentTarget.select()} />
        </label>
        <CopyButton text={link} />
      </div>
      {coOwners.map((coOwner, index) => {
        const pasted = signatures[index] ?? "";
        const signer = pasted.trim() ? signerOf(digest, pasted) : undefined;
        return (
          <div key={coOwner} className="co-owner" data-co-owner={coOwner.toLowerCase()}>
            {/* the name (with its address button) stays outside the label, which names only the field */}
            <p className="co-owner-name">
              <OrgName address={coOwner} />
            </p>
            <label>
              <span>{t("seller.coOwnerSignature", { n: index + 1 })}</span>
              <textarea
                rows={2}
                spellCheck={false}
                value={pasted}
                placeholder="0x…"
                onChange={(event) => {
                  const next = coOwners.map((_, i) => signatures[i] ?? "");
                  next[index] = event.currentTarget.value;
                  onChange(next);
                }}
              />
            </label>
            {signer === coOwner.toLowerCase() ? (
              <p className="signature-ok">{t("seller.signatureValid")}</p>
            ) : signer !== undefined ? (
              <p className="notice notice-error">{t("seller.signatureInvalid")}</p>
            ) : null}
          </div>
        );
      })}
    </fieldset>
  );
}
