// The demo's off-chain half: the documents the seeded chain anchors (organisation profiles, asset
// metadata, agreement texts), rebuilt from data.ts and handed to the exchange. Profiles and metadata
// go through the public API like any submitter's (it checks each against its on-chain hash);
// agreement PDFs are stored as the seller's private uploads. Runs on every start of the demo and
// does only what is missing, so an index rebuilt from the chain gets its names and titles back.
import type { PrismaClient } from "../generated/prisma/client.ts";
import { putFile } from "../api/documents/store.ts";
import { demoWallet } from "./accounts.ts";
import { organisations } from "./data.ts";
import { agreementPdf, dealNames, metadataBytes, profileBytes, sha256 } from "./documents.ts";
import { agreementOf, planDemo } from "./plan.ts";
import { id as keccakText } from "ethers";

export async function seedDemoDocuments(options: {
  apiUrl: string;
  prisma: PrismaClient;
  documentsDir: string;
}): Promise<{ profiles: number; metadata: number; agreements: number }> {
  const { apiUrl, prisma, documentsDir } = options;
  const put = async (path: string, bytes: Buffer) => {
    const response = await fetch(`${apiUrl}${path}`, {
      method: "PUT",
      headers: { "content-type": "application/json" },
      body: new Uint8Array(bytes),
    });
    if (!response.ok) throw new Error(`PUT ${path}: ${response.status} ${await response.text()}`);
  };

  const missingProfiles = new Set(
    (await prisma.organisation.findMany({ where: { nameVi: null }, select: { address: true } })).map(
      (o) => o.address,
    ),
  );
  let profiles = 0;
  for (const organisation of organisations) {
    const address = demoWallet(organisation.account).address.toLowerCase();
    if (!missingProfiles.has(address)) continue;
    await put(`/api/organisations/${address}/profile`, profileBytes(organisation));
    profiles++;
  }

  const plan = planDemo(0);
  const missingTitles = new Set(
    (await prisma.asset.findMany({ where: { title: null }, select: { tokenId: true } })).map((a) =>
      a.tokenId.toFixed(0),
    ),
  );
  let metadata = 0;
  for (const { asset } of plan) {
    const id = BigInt(keccakText(asset.registrationNumber.toUpperCase())).toString();
    if (!missingTitles.has(id)) continue;
    await put(`/api/assets/${id}/metadata`, metadataBytes(asset));
    metadata++;
  }

  let agreements = 0;
  for (const planned of plan) {
    for (const offer of planned.offers.filter((o) => o.accepted)) {
      const text = agreementOf(planned, offer);
      const bytes = agreementPdf(text);
      const digest = sha256(bytes);
      if (await prisma.document.findUnique({ where: { sha256: digest }, select: { sha256: true } })) continue;
      await putFile(documentsDir, bytes);
      await prisma.document.create({
        data: {
          sha256: digest,
          size: bytes.length,
          mimeType: "application/pdf",
          isPrivate: true,
          uploader: demoWallet(planned.owner.account).address.toLowerCase(),
          originalFilename: `${planned.asset.registrationNumber} ${dealNames[offer.dealType]}.pdf`,
        },
      });
      agreements++;
    }
  }
  return { profiles, metadata, agreements };
}
