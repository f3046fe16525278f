// The web app's first download: the files index.html loads before any route (entry script, its
// preloads, styles), each gzipped; everything else under static/ loads on demand. After a build:
//   node test/web/bundle-size.ts   (prints the sizes; exits 1 above the budget)
import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { gzipSync } from "node:zlib";

export const INITIAL_BUDGET_BYTES = 250 * 1024;

export interface BundleReport {
  initial: { file: string; bytes: number; gzipBytes: number }[];
  initialGzip: number;
  onDemandGzip: number;
}

const gzipped = (file: string) => gzipSync(readFileSync(file), { level: 9 }).length;

export function measureBundle(distDir: string): BundleReport {
  const html = readFileSync(path.join(distDir, "index.html"), "utf8");
  const referenced = new Set(
    [...html.matchAll(/(?:src|href)="\/(static\/[^"]+\.(?:js|css))"/g)].map((m) => m[1]),
  );
  const initial = [...referenced].map((file) => ({
    file,
    bytes: readFileSync(path.join(distDir, file)).length,
    gzipBytes: gzipped(path.join(distDir, file)),
  }));
  const onDemand = readdirSync(path.join(distDir, "static"))
    .map((name) => `static/${name}`)
    .filter((file) => file.endsWith(".js") && !referenced.has(file));
  return {
    initial,
    initialGzip: initial.reduce((sum, f) => sum + f.gzipBytes, 0),
    onDemandGzip: onDemand.reduce((sum, file) => sum + gzipped(path.join(distDir, file)), 0),
  };
}

export function formatReport(report: BundleReport): string {
  const kb = (bytes: number) => `${(bytes / 1024).toFixed(1)} KB`;
  return [
    ...report.initial.map((f) => `  ${f.file}  ${kb(f.bytes)} raw, ${kb(f.gzipBytes)} gzip`),
    `  initial download: ${kb(report.initialGzip)} gzip (budget ${kb(INITIAL_BUDGET_BYTES)})`,
    `  loaded on demand: ${kb(report.onDemandGzip)} gzip`,
  ].join("\n");
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const report = measureBundle(path.resolve("web/dist"));
  console.log(formatReport(report));
  if (report.initialGzip > INITIAL_BUDGET_BYTES) process.exit(1);
}
