// Environment, validated once at start-up: a wrong value stops the process with a sentence
// naming the variable, instead of failing later somewhere far from the cause.
import path from "node:path";
import { z } from "zod";

// 0 asks the OS for a free port (tests run several exchanges side by side).
const port = z.coerce.number().int().min(0).max(65_535);

const schema = z.object({
  HOST: z.string().min(1).default("127.0.0.1"),
  PORT: port.default(3000),
  RPC_URL: z.url().optional(),
  CHAIN_HOST: z.string().min(1).default("127.0.0.1"),
  CHAIN_PORT: port.default(8545),
  DATABASE_URL: z
    .string()
    .regex(/^postgres(ql)?:\/\//, "must be a postgresql:// URL")
    .optional(),
  DATA_DIR: z.string().min(1).default("data"),
  CONFIRMATIONS: z.coerce.number().int().min(0).max(1_000).optional(),
  DOCUMENTS_DIR: z.string().min(1).optional(),
  PUBLIC_URL: z
    .url({ protocol: /^https?$/ })
    .transform((v) => v.replace(/\/+$/, ""))
    .optional(),
  PUBLIC_RPC_URL: z.url({ protocol: /^https?$/ }).optional(),
  AUDITOR_ADDRESSES: z
    .string()
    .regex(/^\s*(0x[0-9a-fA-F]{40}\s*(,\s*0x[0-9a-fA-F]{40}\s*)*)?$/, "must be comma-separated 0x addresses")
    .optional(),
  READY_MAX_LAG_BLOCKS: z.coerce.number().int().min(0).max(1_000_000).optional(),
  LOG_LEVEL: z
    .enum(["info", "warn", "error"], { message: 'must be "info", "warn" or "error"' })
    .default("info"),
  DEMO_DATA: z.enum(["true", "false"], { message: 'must be "true" or "false"' }).default("true"),
  DEPLOYER_KEY: z
    .string()
    .regex(/^0x[0-9a-fA-F]{64}$/, "must be a private key: 0x followed by 64 hex digits")
    .optional(),
  DEPLOY_PARAMETERS: z.string().min(1).optional(),
  DEPLOY_TEST_TOKEN: z.enum(["true", "false"], { message: 'must be "true" or "false"' }).default("false"),
  DEPLOYMENTS_DIR: z.string().min(1).default("deployments"),
});

export interface Config {
  host: string;
  port: number;
  /** An external EVM JSON-RPC endpoint; when absent the exchange starts its own embedded chain. */
  rpcUrl?: string;
  chainHost: string;
  chainPort: number;
  /** PostgreSQL; when absent the exchange runs its embedded database under `dataDir`. */
  databaseUrl?: string;
  dataDir: string;
  confirmations: number;
  /** Where uploaded documents are stored, content-addressed. Default `<dataDir>/documents`. */
  documentsDir: string;
  /** The origin users reach the exchange at; sign-in messages must name it. */
  publicUrl?: string;
  /** The chain's RPC URL for browsers' wallets (default: the node's, when it is on this machine). */
  publicRpcUrl?: string;
  /** Addresses allowed to read private documents as auditors (besides ADMIN role holders). */
  auditors: string[];
  /** /readyz fails when the index is further behind the chain head than this (default 20). */
  readyMaxLagBlocks?: number;
  /**
   * Seed a new embedded chain with the demo exchange (organisations, assets, deals) and print its
   * accounts. Ignored with RPC_URL: an external network is never seeded.
   */
  demoData: boolean;
  /** The least severe JSON log lines written: "info" includes one line per request. */
  logLevel: "info" | "warn" | "error";
  /**
   * With `rpcUrl`: when no deployment is recorded for the chain and a deployer key is set, the first
   * start deploys with Ignition (the `external` network entry reads DEPLOYER_KEY itself).
   */
  deploy?: {
    /** Ignition parameters file (`{ "TechEx": { "settlementToken": "0x…", "ipOffice": "0x…", … } }`). */
    parametersFile?: string;
    /** Deploy the test VND token as the settlement token (test networks only). */
    testToken: boolean;
  };
  /** Where deployments to external chains are recorded, as `<chainId>.json`. */
  deploymentsDir: string;
}

export class ConfigError extends Error {}

export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const parsed = schema.safeParse(Object.fromEntries(Object.entries(env).filter(([, v]) => v !== "")));
  if (!parsed.success) {
    const problems = parsed.error.issues.map((i) => `  ${i.path.join(".")}: ${i.message}`).join("\n");
    throw new ConfigError(`Invalid environment:\n${problems}`);
  }
  const e = parsed.data;
  return {
    host: e.HOST,
    port: e.PORT,
    rpcUrl: e.RPC_URL,
    chainHost: e.CHAIN_HOST,
    chainPort: e.CHAIN_PORT,
    databaseUrl: e.DATABASE_URL,
    dataDir: path.resolve(e.DATA_DIR),
    confirmations: e.CONFIRMATIONS ?? (e.RPC_URL ? 2 : 0),
    documentsDir: path.resolve(e.DOCUMENTS_DIR ?? path.join(e.DATA_DIR, "documents")),
    publicUrl: e.PUBLIC_URL,
    publicRpcUrl: e.PUBLIC_RPC_URL,
    auditors: (e.AUDITOR_ADDRESSES ?? "")
      .split(",")
      .map((a) => a.trim().toLowerCase())
      .filter(Boolean),
    readyMaxLagBlocks: e.READY_MAX_LAG_BLOCKS,
    demoData: e.DEMO_DATA === "true" && !e.RPC_URL,
    logLevel: e.LOG_LEVEL,
    deploy: e.DEPLOYER_KEY
      ? { parametersFile: e.DEPLOY_PARAMETERS, testToken: e.DEPLOY_TEST_TOKEN === "true" }
      : undefined,
    deploymentsDir: path.resolve(e.DEPLOYMENTS_DIR),
  };
}
