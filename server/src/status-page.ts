// The page served at "/" until the web app is built: the exchange's vital signs, in
// Vietnamese first and English, refreshed every two seconds from /api/status.
export const statusPage = `<!doctype html>
<html lang="vi">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>TechEx — Sàn giao dịch công nghệ vùng Đông Nam Bộ</title>
<style>
  body { font-family: system-ui, sans-serif; margin: 0 auto; max-width: 40rem; padding: 1rem; color: #1a1a1a; }
  h1 { font-size: 1.4rem; }
  dl { display: grid; grid-template-columns: max-content 1fr; gap: .5rem 1rem; }
  dt { font-weight: 600; }
  dd { margin: 0; font-variant-numeric: tabular-nums; word-break: break-all; }
  .bad { color: #a40000; }
  small { color: #555; }
</style>
</head>
<body>
<h1>TechEx <small>Sàn giao dịch công nghệ vùng Đông Nam Bộ · Southeast Region Technology Exchange</small></h1>
<dl aria-live="polite">
  <dt>Mã chuỗi <small>(Chain ID)</small></dt><dd id="chain-id">…</dd>
  <dt>Khối mới nhất <small>(Latest block)</small></dt><dd id="latest-block">…</dd>
  <dt>Cơ sở dữ liệu <small>(Database)</small></dt><dd id="database">…</dd>
</dl>
<script>
async function refresh() {
  try {
    const s = await (await fetch("/api/status")).json();
    const set = (id, text, ok) => { const e = document.getElementById(id); e.textContent = text; e.className = ok ? "" : "bad"; };
    set("chain-id", s.chain.ok ? s.chain.chainId : "không kết nối được / unreachable: " + s.chain.error, s.chain.ok);
    set("latest-block", s.chain.ok ? String(s.chain.latestBlock) : "—", s.chain.ok);
    set("database", (s.database.ok ? "hoạt động / ok" : "lỗi / error: " + s.database.error) + " (" + s.database.kind + ")", s.database.ok);
  } catch (e) {
    document.getElementById("chain-id").textContent = "máy chủ không phản hồi / server not responding";
  }
}
refresh();
setInterval(refresh, 2000);
</script>
</body>
</html>
`;
