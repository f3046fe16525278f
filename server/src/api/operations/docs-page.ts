// /api/docs: the OpenAPI document rendered as plain HTML on the server — no script (the CSP allows
// none inline) and no CDN (the exchange runs offline).
interface Operation {
  summary?: string;
  tags?: string[];
  security?: unknown[];
  parameters?: { name: string; in: string; required?: boolean; description?: string; schema?: unknown }[];
  requestBody?: { content: Record<string, { schema?: unknown }> };
  responses?: Record<string, { description?: string; $ref?: string }>;
}

const escapeHtml = (text: string) =>
  text.replace(
    /[&<>"']/g,
    (c) => ({ "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" })[c]!,
  );

function schemaText(schema: unknown): string {
  const s = schema as {
    type?: string;
    enum?: unknown[];
    pattern?: string;
    minimum?: number;
    maximum?: number;
    default?: unknown;
  };
  const parts = [s.type ?? "any"];
  if (s.enum) parts.push(`one of ${s.enum.join(", ")}`);
  if (s.pattern) parts.push(`pattern ${s.pattern}`);
  if (s.minimum !== undefined || s.maximum !== undefined) parts.push(`${s.minimum ?? ""}…${s.maximum ?? ""}`);
  if (s.default !== undefined) parts.push(`default ${JSON.stringify(s.default)}`);
  return parts.join("; ");
}

export function renderDocs(document: {
  info: { title: string; version: string };
  paths: Record<string, Record<string, Operation>>;
}): string {
  const sections: string[] = [];
  for (const [path, operations] of Object.entries(document.paths)) {
    for (const [method, op] of Object.entries(operations)) {
      const params = (op.parameters ?? [])
        .map(
          (p) =>
            `<tr><td><code>${escapeHtml(p.name)}</code></td><td>${p.in}${p.required ? ", required" : ""}</td><td>${escapeHtml(schemaText(p.schema))}${p.description ? ` — ${escapeHtml(p.description)}` : ""}</td></tr>`,
        )
        .join("");
      const body = op.requestBody
        ? Object.entries(op.requestBody.content)
            .map(
              ([type, { schema }]) =>
                `<p>Body <code>${escapeHtml(type)}</code></p><pre>${escapeHtml(JSON.stringify(schema ?? {}, null, 2))}</pre>`,
            )
            .join("")
        : "";
      sections.push(`<section>
<h3><span class="m ${method}">${method.toUpperCase()}</span> <code>${escapeHtml(path)}</code>${op.security ? ' <span class="auth">signed in</span>' : ""}</h3>
<p>${escapeHtml(op.summary ?? "")}</p>
${params ? `<table><tr><th>parameter</th><th>in</th><th>schema</th></tr>${params}</table>` : ""}
${body}
<p class="codes">Responses: ${Object.keys(op.responses ?? {}).join(", ")}</p>
</section>`);
    }
  }
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>${escapeHtml(document.info.title)} ${escapeHtml(document.info.version)}</title>
<style>
body{font:15px/1.5 system-ui,sans-serif;max-width:60rem;margin:2rem auto;padding:0 1rem;color:#1b1f24}
section{border-top:1px solid #d0d7de;padding:.5rem 0}h3{font-size:1rem;margin:.5rem 0}
.m{display:inline-block;min-width:3.5rem;padding:0 .3rem;border-radius:4px;color:#fff;font-size:.8rem;text-align:center}
.get{background:#0969da}.post{background:#1a7f37}.put{background:#9a6700}.delete{background:#cf222e}
.auth{font-size:.75rem;border:1px solid #9a6700;color:#9a6700;border-radius:4px;padding:0 .3rem}
table{border-collapse:collapse;font-size:.9rem}td,th{border:1px solid #d0d7de;padding:.2rem .5rem;text-align:left}
pre{background:#f6f8fa;padding:.5rem;overflow:auto;font-size:.8rem}.codes{color:#57606a;font-size:.85rem}
</style></head><body>
<h1>${escapeHtml(document.info.title)} <small>${escapeHtml(document.info.version)}</small></h1>
<p>Errors always have the shape <code>{"error":{"code","message","details"}}</code>; on-chain ids and amounts are decimal strings.
The machine-readable document is <a href="/api/openapi.json">/api/openapi.json</a> (OpenAPI 3.1).</p>
${sections.join("\n")}
</body></html>`;
}
