// Register an IP asset: the documents are hashed in the browser and stored by the API; the hash of
// the metadata document (which lists theirs) is anchored on-chain with the registration.
import { useState, type FormEvent } from "react";
import { getAddress, id as keccakText, isAddress } from "ethers";
import { api, ApiError } from "../api/client.ts";
import type { ChainAccess } from "../chain/access.tsx";
import { assetKindNames, sha256Hex } from "../chain/ledger.ts";
import { TxStatus, useTransaction } from "../chain/tx.tsx";
import { useWallet } from "../chain/wallet.tsx";
import { useI18n, type MessageKey } from "../i18n/i18n.tsx";

/**
 * Gives the index the metadata document (title, abstract…) whose hash the registration anchored.
 * The index learns of the asset a moment after the block: "not found" is retried for a while.
 */
async function submitMetadata(assetId: string, bytes: Uint8Array): Promise<boolean> {
  for (let attempt = 0; ; attempt++) {
    try {
      await api.putAssetMetadata(assetId, bytes);
      return true;
    } catch (error) {
      const notIndexedYet = error instanceof ApiError && error.code === "ASSET_NOT_FOUND";
      if (error instanceof ApiError && error.code === "NOT_AVAILABLE") return false;
      if (!notIndexedYet || attempt >= 15) throw error;
      await new Promise((resolve) => setTimeout(resolve, 1_000));
    }
  }
}

export function RegisterAsset({ access, onDone }: { access: ChainAccess; onDone(): void }) {
  const { t } = useI18n();
  const tx = useTransaction();
  const { signedIn, signIn, busy } = useWallet();
  const [signInNeeded, setSignInNeeded] = useState(false);
  const [storageWarning, setStorageWarning] = useState(false);
  const [registeredId, setRegisteredId] = useState<string | null>(null);
  const [metadataStored, setMetadataStored] = useState(false);

  const submit = async (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    const text = (name: string) => String(form.get(name) ?? "").trim();
    const files = form
      .getAll("documents")
      .filter((value): value is File => value instanceof File && value.size > 0);
    setStorageWarning(false);
    setRegisteredId(null);
    setMetadataStored(false);
    const coOwners = text("coOwners")
      .split(/[\s,;]+/)
      .filter(Boolean);
    // documents go to the server, which takes them only from a signed-in member: ask first
    if (files.length > 0 && !signedIn) {
      setSignInNeeded(true);
      return;
    }
    setSignInNeeded(false);
    const badCoOwner = coOwners.find((address) => !isAddress(address));
    if (badCoOwner) {
      tx.invalid(t("seller.coOwnersInvalid", { value: badCoOwner }));
      return;
    }

    const documents = await Promise.all(
      files.map(async (file) => ({
        name: file.name,
        type: file.type,
        size: file.size,
        sha256: await sha256Hex(await file.arrayBuffer()),
        file,
      })),
    );
    const metadata = {
      registrationNumber: text("regNumber"),
      title: text("title"),
      titleEn: text("titleEn") || undefined,
      abstract: text("abstract"),
      field: text("field"),
      trl: Number(text("trl")) || undefined,
      documents: documents.map(({ name, type, size, sha256 }) => ({ name, type, size, sha256 })),
    };
    const metadataBytes = new TextEncoder().encode(JSON.stringify(metadata));
    const contentHash = await sha256Hex(metadataBytes);
    // documents are stored only for a signed-in member; their hashes go on-chain either way
    const stored = await Promise.allSettled(documents.map((doc) => api.uploadDocument(doc.file, doc.name)));
    const storageFailed = stored.some((result) => result.status === "rejected");

    const expiry = BigInt(Math.floor(new Date(text("expiry")).getTime() / 1000));
    const regNumberHash = keccakText(text("regNumber").toUpperCase());
    const kind = assetKindNames.indexOf(text("kind") as (typeof assetKindNames)[number]);
    const receipt = await tx.run(async () => {
      const { registry } = await access.write();
      return registry.register(
        kind,
        regNumberHash,
        contentHash,
        `${window.location.origin}${api.documentUrl(contentHash)}`,
        expiry,
        coOwners.map((address) => getAddress(address)),
      );
    });
    if (receipt) {
      // only now is anything on the ledger, so only now may a warning say so
      if (storageFailed) setStorageWarning(true);
      const assetId = BigInt(regNumberHash).toString();
      setRegisteredId(assetId);
      submitMetadata(assetId, metadataBytes).then(
        (stored) => setMetadataStored(stored),
        () => setStorageWarning(true),
      );
      onDone();
    }
  };

  const nextYear = new Date(Date.now() + 10 * 365 * 86_400_000).toISOString().slice(0, 10);
  return (
    <form className="panel grid-form" onSubmit={submit} aria-labelledby="register-title">
      <h2 id="register-title">{t("seller.register")}</h2>
      <label>
        {t("asset.kind")}
        <select name="kind" required defaultValue="PATENT">
          {assetKindNames.map((kind) => (
            <option key={kind} value={kind}>
              {t(`kind.${kind}` as MessageKey)}
            </option>
          ))}
        </select>
      </label>
      <label>
        {t("seller.regNumber")}
        <input name="regNumber" required placeholder="1-0012345" autoComplete="off" />
      </label>
      <label>
        {t("seller.titleVi")}
        <input name="title" required />
      </label>
      <label>
        {t("seller.titleEn")}
        <input name="titleEn" lang="en" />
      </label>
      <label className="wide">
        {t("seller.abstract")}
        <textarea name="abstract" rows={3} required />
      </label>
      <label>
        {t("asset.field")}
        <input name="field" required />
      </label>
      <label>
        {t("asset.trl")}
        <input name="trl" type="number" min={1} max={9} defaultValue={4} />
      </label>
      <label>
        {t("asset.protectionEnds")}
        <input name="expiry" type="date" required defaultValue={nextYear} />
      </label>
      <label className="wide">
        {t("seller.coOwners")}
        <textarea name="coOwners" rows={2} spellCheck={false} autoComplete="off" placeholder="0x…" />
      </label>
      <label className="wide">
        {t("seller.documents")}
        <input name="documents" type="file" multiple accept="application/pdf,image/*,.doc,.docx,.txt" />
      </label>
      {signInNeeded && !signedIn ? (
        <div className="wide notice notice-warn" role="alert">
          <p>{t("seller.signInFirst")}</p>
          <button type="button" onClick={() => void signIn()} disabled={busy}>
            {t("wallet.signIn")}
          </button>
        </div>
      ) : null}
      <div className="wide">
        <button type="submit" disabled={tx.busy}>
          {t("seller.registerSubmit")}
        </button>
      </div>
      <div className="wide">
        <TxStatus state={tx.state} onClose={tx.clear} />
        {registeredId ? (
          <p role="status" data-testid="registered-asset">
            {t("seller.registered", { id: `${registeredId.slice(0, 8)}…` })}
          </p>
        ) : null}
        {metadataStored ? <p data-testid="metadata-stored">{t("seller.metadataStored")}</p> : null}
        {storageWarning ? (
          <p className="notice notice-warn" role="note">
            {t("seller.storageWarning")}
          </p>
        ) : null}
      </div>
    </form>
  );
}
