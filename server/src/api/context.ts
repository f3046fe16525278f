// What every feature module gets: the dependencies the app was built with, resolved once.
import path from "node:path";
import { Contract, type JsonRpcProvider } from "ethers";
import { abis, type DeploymentRecord } from "../../../generated/techex.ts";
import { ApiError, ErrorCode } from "../errors.ts";
import type { PrismaClient } from "../generated/prisma/client.ts";
import type { Metrics } from "../http/observability.ts";
import { databaseRateLimitStore, memoryRateLimitStore, type RateLimitStore } from "../http/rate-limit.ts";
import type { AppDependencies } from "../app.ts";
import type { Logger } from "../log.ts";

export interface Limits {
  /** Largest document upload, bytes (default 10 MiB). */
  uploadBytes: number;
  /** Sign-in requests (nonce + verify) per client address and minute (default 30). */
  signInPerMinute: number;
  /** Uploads per client address and minute (default 30). */
  uploadsPerMinute: number;
  /** /readyz fails when the index is further behind the head than this (default 20 blocks). */
  readyMaxLagBlocks: number;
  /** How long a SIWE nonce may wait for its signature (default 300 s). */
  nonceTtlSeconds: number;
  /** How long a session lasts (default 24 h). */
  sessionTtlSeconds: number;
}

export const defaultLimits: Limits = {
  uploadBytes: 10 * 1024 * 1024,
  signInPerMinute: 30,
  uploadsPerMinute: 30,
  readyMaxLagBlocks: 20,
  nonceTtlSeconds: 300,
  sessionTtlSeconds: 24 * 3600,
};

export interface ApiContext {
  readonly deps: AppDependencies;
  readonly provider: JsonRpcProvider;
  readonly deployment: DeploymentRecord;
  readonly chainId: number;
  readonly limits: Limits;
  readonly documentsDir: string;
  /** Lower-case addresses allowed to read private documents besides parties and the IP office. */
  readonly auditors: ReadonlySet<string>;
  readonly metrics: Metrics;
  readonly logger: Logger;
  /** Rate-limit windows: in the shared database with PostgreSQL, so every instance holds one limit. */
  readonly rateLimits: RateLimitStore;
  readonly manager: Contract;
  /** The index database, or 503 DATABASE_UNAVAILABLE when the app was built without one. */
  prisma(): PrismaClient;
  /**
   * Runs one SQL statement ($1… placeholders) for the hot read paths: on the direct PostgreSQL pool
   * when the app has one (several times faster than going through Prisma), else through Prisma.
   * Statements must return only text, integers, booleans and json, so both give the same rows.
   * A `name` makes it a prepared statement on the pool's connections (parsed and planned once per
   * connection): only for fixed text whose best plan does not depend on the values.
   */
  sql<Row>(text: string, values: readonly unknown[], name?: string): Promise<Row[]>;
}

export function createContext(deps: AppDependencies, metrics: Metrics, logger: Logger): ApiContext {
  return {
    deps,
    provider: deps.provider,
    deployment: deps.deployment,
    chainId: Number(deps.deployment.chainId),
    limits: { ...defaultLimits, ...deps.limits },
    documentsDir: path.resolve(deps.documentsDir ?? path.join("data", "documents")),
    auditors: new Set((deps.auditors ?? []).map((a) => a.toLowerCase())),
    metrics,
    logger,
    rateLimits:
      deps.prisma && deps.database.kind === "postgres"
        ? databaseRateLimitStore(deps.prisma)
        : memoryRateLimitStore(),
    manager: new Contract(deps.deployment.addresses.manager, abis.TechExAccessManager, deps.provider),
    prisma() {
      if (!deps.prisma)
        throw new ApiError(503, ErrorCode.DatabaseUnavailable, "The index database is not connected.");
      return deps.prisma;
    },
    async sql<Row>(text: string, values: readonly unknown[], name?: string): Promise<Row[]> {
      if (deps.readPool)
        return (await deps.readPool.query({ name, text, values: [...values] })).rows as Row[];
      return this.prisma().$queryRawUnsafe<Row[]>(text, ...values);
    },
  };
}
