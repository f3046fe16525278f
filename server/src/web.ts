// Serves the built web app (web/dist): hashed assets cached for a year, everything else revalidated,
// and index.html for any other GET that asks for a page — the app routes on the client. Paths the
// server itself answers (/api/*, /healthz, /readyz, /metrics) are never shadowed.
import { existsSync } from "node:fs";
import path from "node:path";
import express from "express";

const serverPaths = /^\/(api(\/.*)?|healthz|readyz|metrics)$/;

export function serveWebApp(app: express.Express, distDir: string): void {
  const indexFile = path.resolve(distDir, "index.html");
  // Vite puts content-hashed files under assets/: their name changes whenever their bytes do.
  app.use(
    "/assets",
    express.static(path.resolve(distDir, "assets"), {
      immutable: true,
      maxAge: "365d",
      index: false,
      fallthrough: false,
    }),
  );
  app.use(
    express.static(distDir, {
      index: false,
      setHeaders: (res) => res.setHeader("Cache-Control", "no-cache"),
    }),
  );
  app.use((req, res, next) => {
    if ((req.method !== "GET" && req.method !== "HEAD") || serverPaths.test(req.path) || !req.accepts("html"))
      return next();
    if (!existsSync(indexFile)) return next();
    res.setHeader("Cache-Control", "no-cache");
    res.sendFile(indexFile);
  });
}
