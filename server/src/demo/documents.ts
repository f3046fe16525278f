// The demo's off-chain documents, built byte for byte from data.ts: an organisation's profile and an
// asset's metadata (JSON, as the web app writes them) and each agreement's text (a one-page PDF).
// Their SHA-256 digests are what the seed anchors on-chain, so rebuilding them later gives documents
// the chain vouches for.
import { createHash } from "node:crypto";
import type { DemoAsset, DemoOrganisation } from "./data.ts";

export const sha256 = (bytes: Uint8Array) => `0x${createHash("sha256").update(bytes).digest("hex")}`;

export const profileBytes = (organisation: DemoOrganisation) =>
  Buffer.from(JSON.stringify(organisation.profile));

export const metadataBytes = (asset: DemoAsset) =>
  Buffer.from(
    JSON.stringify({
      registrationNumber: asset.registrationNumber,
      title: asset.title,
      titleEn: asset.titleEn,
      abstract: asset.abstract,
      abstractEn: asset.abstractEn,
      field: asset.field,
      trl: asset.trl,
      documents: [],
    }),
  );

export const dealNames = ["assignment", "exclusive licence", "non-exclusive licence"] as const;
const dealNamesVi = ["Chuyển nhượng", "Li-xăng độc quyền", "Li-xăng không độc quyền"] as const;

export interface AgreementText {
  asset: DemoAsset;
  seller: DemoOrganisation;
  buyer: DemoOrganisation;
  coOwners: DemoOrganisation[];
  dealType: number;
  amount: bigint;
  territory: string;
  durationDays: number;
  royaltyBps: number;
}

/** The agreement a seller and buyer consent to, as the PDF whose hash the acceptance binds. */
export function agreementPdf(a: AgreementText): Buffer {
  const licence = a.dealType !== 0;
  const lines = [
    `HOP DONG ${fold(dealNamesVi[a.dealType]).toUpperCase()} QUYEN SO HUU TRI TUE`,
    `${dealNames[a.dealType].toUpperCase()} AGREEMENT`,
    "",
    `Doi tuong / Subject: ${fold(a.asset.title)}`,
    `  (${a.asset.titleEn}), so dang ky / registration no. ${a.asset.registrationNumber}`,
    `Ben chuyen giao / Seller: ${fold(a.seller.profile.nameVi)}`,
    ...a.coOwners.map((c) => `Dong chu so huu / Co-owner: ${fold(c.profile.nameVi)}`),
    `Ben nhan / Buyer: ${fold(a.buyer.profile.nameVi)}`,
    `Gia / Price: ${a.amount.toLocaleString("en-US")} VND, thanh toan qua ky quy TechEx / paid through TechEx escrow`,
    ...(licence
      ? [
          `Pham vi / Field of use: ${fold(a.asset.fieldOfUse)}; lanh tho / territory: ${fold(a.territory)}`,
          `Thoi han / Term: ${a.durationDays} ngay / days; phi ban quyen / royalty: ${a.royaltyBps / 100}%`,
        ]
      : ["Chuyen giao toan bo quyen so huu / full transfer of ownership"]),
    "",
    "Cac ben dong y voi van ban nay bang chu ky EIP-712 tren so cai TechEx.",
    "The parties consent to this text by EIP-712 signatures on the TechEx ledger.",
    "Ban demo - cac ben va noi dung la hu cau. Demo document - parties and terms are fictional.",
  ];
  return pdf(lines);
}

/** Vietnamese without diacritics, for the PDF's standard font (WinAnsi has no Vietnamese letters). */
function fold(text: string): string {
  return text
    .normalize("NFD")
    .replace(/[\u0300-\u036f]/g, "")
    .replace(/đ/g, "d")
    .replace(/Đ/g, "D")
    .replace(/[^\x20-\x7e]/g, "?");
}

/** A minimal one-page PDF 1.4 of text lines in Helvetica. */
function pdf(lines: string[]): Buffer {
  const escape = (s: string) => s.replace(/[\\()]/g, (c) => `\\${c}`);
  const content = [
    "BT",
    "/F1 11 Tf",
    "14 TL",
    "56 780 Td",
    ...lines.map((line) => `(${escape(line)}) '`),
    "ET",
  ].join("\n");
  const objects = [
    "<< /Type /Catalog /Pages 2 0 R >>",
    "<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
    "<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Resources << /Font << /F1 4 0 R >> >> /Contents 5 0 R >>",
    "<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding >>",
    `<< /Length ${Buffer.byteLength(content, "latin1")} >>\nstream\n${content}\nendstream`,
  ];
  let body = "%PDF-1.4\n";
  const offsets: number[] = [];
  objects.forEach((object, i) => {
    offsets.push(Buffer.byteLength(body, "latin1"));
    body += `${i + 1} 0 obj\n${object}\nendobj\n`;
  });
  const xref = Buffer.byteLength(body, "latin1");
  body += `xref\n0 ${objects.length + 1}\n0000000000 65535 f \n`;
  body += offsets.map((o) => `${String(o).padStart(10, "0")} 00000 n \n`).join("");
  body += `trailer\n<< /Size ${objects.length + 1} /Root 1 0 R >>\nstartxref\n${xref}\n%%EOF\n`;
  return Buffer.from(body, "latin1");
}
