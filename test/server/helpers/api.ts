// Starts the API on a free port over a real test database (and, when given, a real chain), and
// seeds the projection tables the way the indexer fills them, for tests of the read routes.
import type { Server } from "node:http";
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { JsonRpcProvider } from "ethers";
import pg from "pg";
import { createApp, type AppDependencies } from "../../../server/src/app.ts";
import { poolConfigFor } from "../../../server/src/db/adapter.ts";
import type { PrismaClient } from "../../../server/src/generated/prisma/client.ts";
import { searchColumns } from "../../../server/src/db/search-text.ts";
import type { DeploymentRecord } from "../../../generated/techex.ts";
import type { TestDatabase } from "./database.ts";
import { openDeadEnd } from "./dead-end.ts";
import { createLogger } from "../../../server/src/log.ts";

export interface RunningApi {
  /** The chain RPC URL the API talks to (a node that never answers unless the test passed a provider). */
  rpcUrl: string;
  url: string;
  documentsDir: string;
  logs: string[];
  close(): Promise<void>;
}

const zero = "0x0000000000000000000000000000000000000000";
/** A deployment record for tests that never reach the chain (reads of the index). */
export const offlineDeployment: DeploymentRecord = {
  chainId: "31337",
  deployBlock: 1,
  addresses: { manager: zero, token: zero, membership: zero, registry: zero, licences: zero, exchange: zero },
};

export async function startApi(
  prisma: PrismaClient,
  overrides: Partial<AppDependencies> = {},
): Promise<RunningApi> {
  const documentsDir = await mkdtemp(join(tmpdir(), "techex-documents-"));
  const logs: string[] = [];
  // without a chain of its own the API talks to a node that never answers
  const deadEnd = overrides.provider ? undefined : await openDeadEnd();
  const provider = overrides.provider ?? new JsonRpcProvider(deadEnd!.url, 31337, { staticNetwork: true });
  const app = createApp({
    provider,
    database: { kind: "postgres", ping: async () => void (await prisma.$queryRaw`select 1`) },
    deployment: offlineDeployment,
    prisma,
    documentsDir,
    logger: createLogger({ destination: { write: (line: string) => void logs.push(line.trimEnd()) } }),
    // every response the tests see is checked against the schema the OpenAPI document shows
    checkResponses: true,
    ...overrides,
  });
  const server: Server = await new Promise((resolve) => {
    const s = app.listen(0, "127.0.0.1", () => resolve(s));
  });
  const address = server.address() as { port: number };
  return {
    url: `http://127.0.0.1:${address.port}`,
    rpcUrl: provider._getConnection().url,
    documentsDir,
    logs,
    async close() {
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
      if (!overrides.provider) provider.destroy();
      await deadEnd?.close();
      await rm(documentsDir, { recursive: true, force: true });
    },
  };
}

/**
 * The API serving reads as in production: on PostgreSQL the hot reads go through a direct pool
 * beside Prisma (closed with the API); on PGlite through Prisma.
 */
export async function startReadApi(db: TestDatabase): Promise<RunningApi> {
  const readPool = db.kind === "postgres" ? new pg.Pool(poolConfigFor(db.url)) : undefined;
  // the database may be dropped (closing idle connections) before the API is closed
  readPool?.on("error", () => {});
  const api = await startApi(db.prisma, { readPool });
  return {
    ...api,
    async close() {
      await api.close();
      await readPool?.end();
    },
  };
}

/** Every table's row count, to assert that a refused request wrote nothing. */
export async function rowCounts(prisma: PrismaClient): Promise<Record<string, number>> {
  const counters: Record<string, () => Promise<number>> = {
    organisations: () => prisma.organisation.count(),
    assets: () => prisma.asset.count(),
    listings: () => prisma.listing.count(),
    offers: () => prisma.offer.count(),
    agreements: () => prisma.agreement.count(),
    licences: () => prisma.licence.count(),
    documents: () => prisma.document.count(),
    sessions: () => prisma.session.count(),
    nonces: () => prisma.siweNonce.count(),
    activities: () => prisma.activity.count(),
  };
  return Object.fromEntries(
    await Promise.all(
      Object.entries(counters).map(async ([table, count]) => [table, await count()] as const),
    ),
  );
}

export const seeded = {
  university: "0x1111111111111111111111111111111111111111",
  institute: "0x2222222222222222222222222222222222222222",
  company: "0x3333333333333333333333333333333333333333",
  semiconductorAsset: "1001",
  aquacultureAsset: "1002",
  /** larger than 2^53: must come back exactly */
  bigAsset: "115792089237316195423570985008687907853269984665640564039457584007913129639935",
  semiconductorListing: "1001-1",
  offer: "7",
  agreement: "7",
  licence: "7",
  documentHash: `0x${"ab".repeat(32)}`,
  txHash: `0x${"cd".repeat(32)}`,
};

/** Organisations, assets, a listing, an offer, a settled agreement and a licence, with their history. */
export async function seedProjection(prisma: PrismaClient): Promise<void> {
  const s = seeded;
  const at = (day: number) => new Date(Date.UTC(2026, 9, day));
  await prisma.organisation.createMany({
    data: [
      {
        address: s.university,
        nameVi: "Trường Đại học Bách khoa",
        nameEn: "University of Technology",
        kind: "UNIVERSITY",
        province: "Hồ Chí Minh",
        admittedAt: at(1),
      },
      {
        address: s.institute,
        nameVi: "Viện Sinh học Nhiệt đới",
        nameEn: "Institute of Tropical Biology",
        kind: "INSTITUTE",
        province: "Đồng Nai",
        admittedAt: at(1),
      },
      {
        address: s.company,
        nameVi: "Công ty Thủy sản Mekong",
        nameEn: "Mekong Seafood",
        kind: "COMPANY",
        province: "Bình Dương",
        admittedAt: at(2),
      },
    ],
  });
  const asset = (
    tokenId: string,
    owner: string,
    title: string,
    titleEn: string,
    abstract: string,
    field: string,
    block: number,
  ) => ({
    tokenId,
    kind: "PATENT" as const,
    registrationNumberHash: `0x${tokenId.slice(-8).padStart(64, "0")}`,
    contentHash: `0x${tokenId.slice(-8).padStart(64, "1")}`,
    status: "VERIFIED" as const,
    owner,
    registrant: owner,
    title,
    titleEn,
    abstract,
    field,
    trl: 6,
    ...searchColumns([title, titleEn, abstract, field]),
    registeredAt: at(3),
    registeredBlock: BigInt(block),
  });
  await prisma.asset.createMany({
    data: [
      asset(
        s.semiconductorAsset,
        s.university,
        "Vật liệu bán dẫn nhiệt độ cao",
        "High-temperature semiconductor material",
        "Chất bán dẫn cho thiết bị công suất",
        "Bán dẫn",
        10,
      ),
      asset(
        s.aquacultureAsset,
        s.institute,
        "Thức ăn nuôi trồng thủy sản",
        "Aquaculture feed",
        "Men vi sinh cho tôm",
        "Thủy sản",
        11,
      ),
      asset(
        s.bigAsset,
        s.institute,
        "Giống lúa chịu mặn",
        "Salt-tolerant rice variety",
        "Giống lúa cho đồng bằng",
        "Nông nghiệp",
        12,
      ),
    ],
  });
  await prisma.listing.create({
    data: {
      id: s.semiconductorListing,
      assetTokenId: s.semiconductorAsset,
      epoch: 1,
      seller: s.university,
      paymentToken: s.company,
      assignmentPrice: "5000000000000000000000000000",
      exclusiveLicencePrice: "2000000000",
      nonExclusiveLicencePrice: "500000000",
      territory: "VN",
      openedAt: at(4),
      openedBlock: 13n,
    },
  });
  await prisma.listing.create({
    data: {
      id: `${s.aquacultureAsset}-1`,
      assetTokenId: s.aquacultureAsset,
      epoch: 1,
      seller: s.institute,
      paymentToken: s.company,
      nonExclusiveLicencePrice: "100000000",
      openedAt: at(4),
      openedBlock: 14n,
    },
  });
  await prisma.offer.create({
    data: {
      id: s.offer,
      listingId: s.semiconductorListing,
      listingEpoch: 1,
      assetTokenId: s.semiconductorAsset,
      buyer: s.company,
      dealType: "EXCLUSIVE_LICENCE",
      amount: "2000000000",
      expiresAt: at(20),
      termsHash: `0x${"00".repeat(32)}`,
      state: "ACCEPTED",
      madeAt: at(5),
      madeBlock: 15n,
    },
  });
  await prisma.agreement.create({
    data: {
      id: s.agreement,
      offerId: s.offer,
      listingId: s.semiconductorListing,
      assetTokenId: s.semiconductorAsset,
      seller: s.university,
      buyer: s.company,
      dealType: "EXCLUSIVE_LICENCE",
      documentHash: s.documentHash,
      status: "SETTLED",
      registrationRequired: true,
      amount: "2000000000",
      fee: "50000000",
      sellerProceeds: "1950000000",
      createdAtChain: at(6),
      createdBlock: 16n,
      settledAt: at(7),
    },
  });
  await prisma.licence.create({
    data: {
      id: s.licence,
      assetTokenId: s.semiconductorAsset,
      agreementId: s.agreement,
      licensee: s.company,
      exclusive: true,
      territory: "VN",
      startsAt: at(7),
      endsAt: new Date(Date.UTC(2099, 0, 1)),
      issuedBlock: 17n,
    },
  });
  const event = await prisma.chainEvent.create({
    data: {
      chainId: 31337,
      blockNumber: 16n,
      blockHash: `0x${"ef".repeat(32)}`,
      txHash: s.txHash,
      logIndex: 0,
      txFrom: s.university,
      address: zero,
      eventName: "AgreementAccepted",
      args: { agreementId: s.agreement },
      blockTime: at(6),
    },
  });
  await prisma.activity.createMany({
    data: (["AGREEMENT", "OFFER", "ASSET", "LISTING"] as const).map((entityType) => ({
      entityType,
      entityId:
        entityType === "LISTING"
          ? s.semiconductorListing
          : entityType === "ASSET"
            ? s.semiconductorAsset
            : s.agreement,
      action: "AgreementAccepted",
      actor: s.university,
      chainId: event.chainId,
      txHash: event.txHash,
      blockNumber: event.blockNumber,
      logIndex: event.logIndex,
      blockTime: at(6),
    })),
  });
}

/** A parsed response body: tests check it field by field. */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export type ResponseBody = any;

/** fetch + JSON, returning status and body. */
export async function call(
  url: string,
  init: RequestInit = {},
): Promise<{ status: number; body: ResponseBody; headers: Headers }> {
  const response = await fetch(url, init);
  const text = await response.text();
  let body: unknown = text;
  try {
    body = JSON.parse(text);
  } catch {
    // not JSON: keep the text
  }
  return { status: response.status, body, headers: response.headers };
}

/**
 * A real chain for tests that need one: the embedded JSON-RPC server, TechEx deployed and wired by the
 * contract fixtures (roles granted, members admitted), and a deployment record for the app.
 */
export async function startTestChain() {
  const { startEmbeddedChain } = await import("../../../server/src/chain/embedded.ts");
  const { network } = await import("hardhat");
  const { deployTechEx } = await import("../../contracts/fixtures.ts");
  const chain = await startEmbeddedChain("127.0.0.1", 0);
  const connection = await network.create({ network: "localhost", override: { url: chain.url } });
  const techEx = await deployTechEx(connection.ethers);
  const deployment: DeploymentRecord = {
    chainId: "31337",
    deployBlock: 1,
    addresses: {
      manager: await techEx.manager.getAddress(),
      token: await techEx.token.getAddress(),
      membership: await techEx.membership.getAddress(),
      registry: await techEx.registry.getAddress(),
      licences: await techEx.licences.getAddress(),
      exchange: await techEx.exchange.getAddress(),
    },
  };
  const provider = new JsonRpcProvider(chain.url, 31337, { staticNetwork: true, cacheTimeout: -1 });
  return {
    url: chain.url,
    techEx,
    deployment,
    provider,
    async close() {
      provider.destroy();
      await connection.close();
      await chain.close();
    },
  };
}
export type TestChain = Awaited<ReturnType<typeof startTestChain>>;

/** Signs in through the API with SIWE and returns the session cookie to send. */
export async function signIn(
  apiUrl: string,
  signer: { address: string; signMessage(message: string): Promise<string> },
  publicUrl = apiUrl,
): Promise<string> {
  const { SiweMessage } = await import("siwe");
  const nonce = await call(`${apiUrl}/api/auth/nonce`, { method: "POST" });
  const origin = new URL(publicUrl);
  const message = new SiweMessage({
    domain: origin.host,
    address: signer.address,
    statement: "Sign in to TechEx",
    uri: origin.origin,
    version: "1",
    chainId: 31337,
    nonce: nonce.body.nonce,
    issuedAt: new Date().toISOString(),
  }).prepareMessage();
  const verified = await call(`${apiUrl}/api/auth/verify`, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify({ message, signature: await signer.signMessage(message) }),
  });
  if (verified.status !== 200) throw new Error(`sign-in failed: ${JSON.stringify(verified.body)}`);
  return verified.headers.get("set-cookie")!.split(";")[0];
}

/** Small valid files of each accepted type (magic bytes plus filler). */
export const sampleFiles = {
  pdf: (text: string) => Buffer.from(`%PDF-1.7\n% ${text}\n%%EOF\n`),
  png: () =>
    Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), Buffer.alloc(32, 1)]),
  jpeg: () => Buffer.concat([Buffer.from([0xff, 0xd8, 0xff, 0xe0]), Buffer.alloc(32, 2)]),
  webp: () =>
    Buffer.concat([
      Buffer.from("RIFF"),
      Buffer.from([0x20, 0, 0, 0]),
      Buffer.from("WEBPVP8 "),
      Buffer.alloc(32, 3),
    ]),
};
