// The printable verification certificate: the verdict, the facts it rests on (with transaction
// hashes and blocks), and a QR code linking back to the public check. Plain HTML and inline SVG,
// no script, so it prints and archives as is.
import QRCode from "qrcode";
import type { auditAgreement } from "./service.ts";

type Audit = Awaited<ReturnType<typeof auditAgreement>>;

const escapeHtml = (text: unknown) =>
  String(text ?? "—").replace(
    /[&<>"']/g,
    (c) => ({ "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" })[c]!,
  );

const mark = (ok: boolean | null | undefined) => (ok === true ? "✔" : ok === false ? "✘" : "–");

export async function renderCertificate(audit: Audit, verificationUrl: string): Promise<string> {
  const qr = await QRCode.toString(verificationUrl, { type: "svg", margin: 1, errorCorrectionLevel: "M" });
  const a = audit.agreement;
  const rows: [string, unknown][] = [
    ["Mã thỏa thuận / Agreement", a.agreementId],
    ["Tài sản / Asset", a.assetId],
    ["Loại giao dịch / Deal", a.dealType],
    ["Bên bán / Seller", a.seller],
    ["Bên mua / Buyer", a.buyer],
    ["Giá trị / Amount", a.amount],
    ["Trạng thái / Status", a.status],
    [
      "Chấp nhận / Accepted",
      `tx ${a.accepted.txHash} · block ${a.accepted.blockNumber} · ${a.accepted.time ?? ""}`,
    ],
  ];
  const checks: [string, boolean | null | undefined, unknown][] = [
    [
      "Tài liệu / Document SHA-256",
      audit.document.matches,
      `${audit.document.documentHash} (${audit.document.source})`,
    ],
    ["Bên bán / Seller's transaction", audit.consents.seller.valid, audit.consents.seller.txHash],
    [
      "Bên mua đồng ý / Buyer's consent",
      audit.consents.buyer.valid,
      `${audit.consents.buyer.method}${audit.consents.buyer.reason ? ` — ${audit.consents.buyer.reason}` : ""}`,
    ],
    ...audit.consents.coOwners.map((c): [string, boolean, unknown] => [
      "Đồng sở hữu / Co-owner",
      c.valid,
      `${c.signer} (${c.method})`,
    ]),
    ...(audit.registrar
      ? [
          [
            "Cơ quan SHTT / IP office",
            audit.registrar.valid as boolean,
            `${audit.registrar.act} by ${audit.registrar.address} · tx ${audit.registrar.txHash} · block ${audit.registrar.blockNumber}`,
          ] as [string, boolean, unknown],
        ]
      : []),
    ...(audit.settlement
      ? [
          [
            "Thanh toán / Settlement",
            audit.settlement.valid as boolean,
            `fee ${audit.settlement.fee} + net ${audit.settlement.net} · tx ${audit.settlement.txHash}`,
          ] as [string, boolean, unknown],
        ]
      : []),
    [
      "Chỉ mục khớp chuỗi / Index agrees with chain",
      audit.index.agrees,
      audit.index.indexed ? `${audit.index.differences.length} differences` : "not indexed",
    ],
  ];
  return `<!doctype html>
<html lang="vi"><head><meta charset="utf-8"><title>TechEx — Chứng nhận xác minh / Verification certificate ${escapeHtml(a.agreementId)}</title>
<style>
body{font:14px/1.5 system-ui,sans-serif;max-width:52rem;margin:2rem auto;padding:0 1rem;color:#111}
h1{font-size:1.4rem;margin:0}.verdict{font-size:1.2rem;font-weight:600;padding:.5rem 1rem;border-radius:6px;display:inline-block}
.ok{background:#dafbe1;color:#116329}.bad{background:#ffebe9;color:#a40e26}
table{border-collapse:collapse;width:100%;margin:1rem 0}td,th{border:1px solid #ccc;padding:.3rem .5rem;text-align:left;vertical-align:top;word-break:break-all}
header{display:flex;justify-content:space-between;gap:1rem;align-items:flex-start}.qr svg{width:9rem;height:9rem}
small{color:#555}@media print{body{margin:0}}
</style></head><body>
<header><div><h1>Sàn giao dịch công nghệ vùng Đông Nam Bộ — TechEx</h1>
<p>Chứng nhận xác minh giao dịch / Transfer verification certificate</p>
<p class="verdict ${audit.verified ? "ok" : "bad"}">${audit.verified ? "ĐÃ XÁC MINH / VERIFIED" : "KHÔNG XÁC MINH ĐƯỢC / NOT VERIFIED"}</p></div>
<div class="qr">${qr}<br><small>${escapeHtml(verificationUrl)}</small></div></header>
<table>${rows.map(([k, v]) => `<tr><th>${escapeHtml(k)}</th><td>${escapeHtml(v)}</td></tr>`).join("")}</table>
<table><tr><th>Kiểm tra / Check</th><th></th><th>Chi tiết / Detail</th></tr>
${checks.map(([k, ok, detail]) => `<tr><td>${escapeHtml(k)}</td><td>${mark(ok)}</td><td>${escapeHtml(detail)}</td></tr>`).join("")}</table>
<p><small>Recomputed from chain ${audit.chainId}, exchange ${escapeHtml(audit.exchange)}, at ${escapeHtml(audit.checkedAt)}, from logs, transactions and receipts
read directly from the chain, not from the exchange's index. Anyone can repeat the check at the address above.</small></p>
</body></html>`;
}
