// Files on disk, addressed by the SHA-256 of their bytes: `<dir>/<first 2 hex>/<64 hex>`. The same
// bytes uploaded twice are stored once. Paths are built only from a validated 64-hex digest, so a
// hash from a URL can never walk out of the directory.
import { createHash, randomBytes } from "node:crypto";
import { mkdir, readFile, rename, rm, stat, writeFile } from "node:fs/promises";
import path from "node:path";

const digestPattern = /^[0-9a-f]{64}$/;

export function sha256Hex(bytes: Uint8Array): string {
  return createHash("sha256").update(bytes).digest("hex");
}

function pathOf(dir: string, digest: string): string {
  if (!digestPattern.test(digest)) throw new Error(`not a SHA-256 hex digest: ${digest}`);
  return path.join(dir, digest.slice(0, 2), digest);
}

/** Writes the bytes unless already stored; returns their digest. Atomic: a reader never sees half a file. */
export async function putFile(dir: string, bytes: Uint8Array): Promise<string> {
  const digest = sha256Hex(bytes);
  const target = pathOf(dir, digest);
  if (await exists(target)) return digest;
  await mkdir(path.dirname(target), { recursive: true });
  const temporary = `${target}.${randomBytes(6).toString("hex")}.tmp`;
  try {
    await writeFile(temporary, bytes, { flag: "wx" });
    await rename(temporary, target);
  } finally {
    await rm(temporary, { force: true });
  }
  return digest;
}

export async function readStoredFile(dir: string, digest: string): Promise<Buffer | undefined> {
  try {
    return await readFile(pathOf(dir, digest));
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === "ENOENT") return undefined;
    throw error;
  }
}

async function exists(file: string): Promise<boolean> {
  try {
    await stat(file);
    return true;
  } catch {
    return false;
  }
}

/** The document types accepted for upload, recognised by their first bytes, never by the client's word. */
export const allowedTypes = ["application/pdf", "image/png", "image/jpeg", "image/webp"] as const;
export type AllowedType = (typeof allowedTypes)[number];

export function sniffType(bytes: Uint8Array): AllowedType | undefined {
  const starts = (...values: number[]) => values.every((v, i) => bytes[i] === v);
  if (starts(0x25, 0x50, 0x44, 0x46, 0x2d)) return "application/pdf"; // %PDF-
  if (starts(0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a)) return "image/png";
  if (starts(0xff, 0xd8, 0xff)) return "image/jpeg";
  if (
    starts(0x52, 0x49, 0x46, 0x46) &&
    bytes[8] === 0x57 &&
    bytes[9] === 0x45 &&
    bytes[10] === 0x42 &&
    bytes[11] === 0x50
  ) {
    return "image/webp"; // RIFF....WEBP
  }
  return undefined;
}
