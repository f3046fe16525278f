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
  };
}
