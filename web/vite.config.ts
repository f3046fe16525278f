// Builds the web app into web/dist. In development the API (and the status page's JSON) come from
// the exchange started with `npm start`, proxied so the browser sees one origin as in production.
import { fileURLToPath } from "node:url";
import react from "@vitejs/plugin-react";
import { defineConfig } from "vite";

const root = fileURLToPath(new URL(".", import.meta.url));
const api = process.env.TECHEX_API ?? "http://localhost:3000";

export default defineConfig({
  root,
  plugins: [react()],
  build: {
    outDir: "dist",
    emptyOutDir: true,
    // not "assets": /assets/<id> is a page of the app, and the server must tell the two apart
    assetsDir: "static",
    target: "es2022",
    sourcemap: false,
    chunkSizeWarningLimit: 600,
  },
  server: {
    fs: { allow: [fileURLToPath(new URL("..", import.meta.url))] },
    proxy: { "/api": api, "/healthz": api, "/readyz": api },
  },
});
