// Sign-In with Ethereum against a real chain and database: nonce, verify, session cookie, roles
// read from the AccessManager, logout; and every way a sign-in must fail, with nothing written.
import { expect } from "chai";
import { Wallet } from "ethers";
import { network } from "hardhat";
import { SiweMessage } from "siwe";
import { databaseKinds, useTestDatabase } from "./helpers/database.ts";
import { call, rowCounts, startApi, startTestChain, type RunningApi, type TestChain } from "./helpers/api.ts";

const publicUrl = "https://techex.example.vn";

interface Signer {
  address: string;
  signMessage(message: string): Promise<string>;
}

describe("API sign-in (SIWE)", function () {
  this.timeout(120_000);
  let chain: TestChain;
  // An EIP-1271 contract wallet whose signatures are its owner's ECDSA signatures.
  const walletOwner = Wallet.createRandom();
  let contractWallet: string;
  before(async () => {
    chain = await startTestChain();
    const connection = await network.create({ network: "localhost", override: { url: chain.url } });
    try {
      const deployed = await connection.ethers.deployContract("TestContractWallet", [walletOwner.address]);
      contractWallet = await deployed.getAddress();
    } finally {
      await connection.close();
    }
  });
  after(async () => chain?.close());

  for (const kind of databaseKinds) {
    describe(`on ${kind}`, () => {
      const db = useTestDatabase(kind);
      let api: RunningApi;
      before(async () => {
        api = await startApi(db.prisma, {
          provider: chain.provider,
          deployment: chain.deployment,
          publicUrl,
          limits: { signInPerMinute: 10_000 },
          auditors: ["0x00000000000000000000000000000000000a0d17"],
        });
      });
      after(async () => api?.close());

      async function nonce(): Promise<string> {
        const { status, body } = await call(`${api.url}/api/auth/nonce`, { method: "POST" });
        expect(status).to.equal(200);
        return body.nonce;
      }

      async function signedMessage(signer: Signer, overrides: Partial<SiweMessage> = {}) {
        const message = new SiweMessage({
          domain: "techex.example.vn",
          address: signer.address,
          statement: "Sign in to TechEx",
          uri: `${publicUrl}/login`,
          version: "1",
          chainId: 31337,
          nonce: await nonce(),
          issuedAt: new Date().toISOString(),
          ...overrides,
        }).prepareMessage();
        return { message, signature: await signer.signMessage(message) };
      }

      const verify = (body: unknown) =>
        call(`${api.url}/api/auth/verify`, {
          method: "POST",
          headers: { "content-type": "application/json" },
          body: JSON.stringify(body),
        });
      const cookieOf = (headers: Headers) => headers.get("set-cookie")!.split(";")[0];
      const me = (cookie?: string) => call(`${api.url}/api/auth/me`, { headers: cookie ? { cookie } : {} });

      it("signs in a wallet: HttpOnly SameSite cookie, session stored, roles from the chain", async () => {
        const wallet = Wallet.createRandom();
        const signed = await signedMessage(wallet);
        const { status, body, headers } = await verify(signed);
        expect(status).to.equal(200);
        expect(body.address).to.equal(wallet.address.toLowerCase());
        const setCookie = headers.get("set-cookie")!;
        expect(setCookie)
          .to.match(/^techex_session=[A-Za-z0-9_-]{43};/)
          .and.match(/HttpOnly/)
          .and.match(/SameSite=Lax/)
          .and.match(/Secure/);
        const session = await me(cookieOf(headers));
        expect(session.status).to.equal(200);
        expect(session.body.roles).to.deep.equal({
          admin: false,
          ipOffice: false,
          pauser: false,
          member: false,
          auditor: false,
        });
        // the database keeps a hash of the token, not the token
        const token = cookieOf(headers).split("=")[1];
        expect(await db.prisma.session.findUnique({ where: { id: token } })).to.equal(null);
      });

      it("reads the IP office, member and admin roles from the AccessManager", async () => {
        const { ipOffice, seller, admin } = chain.techEx.accounts;
        const roles = async (signer: Signer) =>
          (await me(cookieOf((await verify(await signedMessage(signer))).headers))).body.roles;
        expect(await roles(ipOffice)).to.include({ ipOffice: true, member: false, admin: false });
        expect(await roles(seller)).to.include({ member: true, ipOffice: false });
        expect(await roles(admin)).to.include({ admin: true, auditor: true });
      });

      describe("a contract wallet (EIP-1271)", () => {
        const asContractWallet = (signer: Signer): Signer => ({
          address: contractWallet,
          signMessage: (message) => signer.signMessage(message),
        });

        it("signs in when the wallet's isValidSignature accepts its owner's signature", async () => {
          const { status, body, headers } = await verify(await signedMessage(asContractWallet(walletOwner)));
          expect(status).to.equal(200);
          expect(body.address).to.equal(contractWallet.toLowerCase());
          expect((await me(cookieOf(headers))).body.address).to.equal(contractWallet.toLowerCase());
        });

        it("refuses, writing nothing, when the signature is not the owner's", async () => {
          const signed = await signedMessage(asContractWallet(Wallet.createRandom()));
          const before = await rowCounts(db.prisma);
          const response = await verify(signed);
          expect([response.status, response.body.error.code]).to.deep.equal([401, "SIWE_SIGNATURE_INVALID"]);
          expect(response.headers.get("set-cookie")).to.equal(null);
          expect(await rowCounts(db.prisma)).to.deep.equal(before);
        });
      });

      it("signs out: the session ends and the cookie is cleared", async () => {
        const { headers } = await verify(await signedMessage(Wallet.createRandom()));
        const cookie = cookieOf(headers);
        const out = await call(`${api.url}/api/auth/logout`, { method: "POST", headers: { cookie } });
        expect(out.status).to.equal(200);
        expect(out.headers.get("set-cookie")).to.match(/techex_session=;/);
        const after = await me(cookie);
        expect([after.status, after.body.error.code]).to.deep.equal([401, "UNAUTHENTICATED"]);
      });

      it("a nonce is single use: a replayed sign-in is refused", async () => {
        const signed = await signedMessage(Wallet.createRandom());
        expect((await verify(signed)).status).to.equal(200);
        const sessions = await db.prisma.session.count();
        const replay = await verify(signed);
        expect([replay.status, replay.body.error.code]).to.deep.equal([401, "SIWE_NONCE_INVALID"]);
        expect(await db.prisma.session.count()).to.equal(sessions);
      });

      it("an expired nonce is refused", async () => {
        const signed = await signedMessage(Wallet.createRandom());
        const { nonce: value } = new SiweMessage(signed.message);
        await db.prisma.siweNonce.update({
          where: { nonce: value },
          data: { expiresAt: new Date(Date.now() - 1000) },
        });
        const response = await verify(signed);
        expect([response.status, response.body.error.code]).to.deep.equal([401, "SIWE_NONCE_INVALID"]);
      });

      describe("refuses, writing nothing", () => {
        const wallet = Wallet.createRandom();
        const cases: [string, () => Promise<unknown>, number, string][] = [
          [
            "an expired message",
            async () =>
              signedMessage(wallet, { expirationTime: new Date(Date.now() - 60_000).toISOString() }),
            400,
            "SIWE_MESSAGE_INVALID",
          ],
          [
            "a message not yet valid",
            async () => signedMessage(wallet, { notBefore: new Date(Date.now() + 3_600_000).toISOString() }),
            400,
            "SIWE_MESSAGE_INVALID",
          ],
          [
            "another domain",
            async () => signedMessage(wallet, { domain: "techex.evil.example" }),
            400,
            "SIWE_MESSAGE_INVALID",
          ],
          [
            "another URI",
            async () => signedMessage(wallet, { uri: "https://techex.evil.example/login" }),
            400,
            "SIWE_MESSAGE_INVALID",
          ],
          ["another chain", async () => signedMessage(wallet, { chainId: 1 }), 400, "SIWE_MESSAGE_INVALID"],
          [
            "an unknown nonce",
            async () => {
              const signed = await signedMessage(wallet);
              const message = signed.message.replace(/Nonce: (\w+)/, "Nonce: abcdefgh12345678");
              return { message, signature: await wallet.signMessage(message) };
            },
            401,
            "SIWE_NONCE_INVALID",
          ],
          [
            "a signature by another wallet",
            async () => {
              const signed = await signedMessage(wallet);
              return {
                message: signed.message,
                signature: await Wallet.createRandom().signMessage(signed.message),
              };
            },
            401,
            "SIWE_SIGNATURE_INVALID",
          ],
          [
            "a tampered message",
            async () => {
              const signed = await signedMessage(wallet);
              return {
                ...signed,
                message: signed.message.replace("Sign in to TechEx", "Transfer all my assets"),
              };
            },
            401,
            "SIWE_SIGNATURE_INVALID",
          ],
          [
            "a signature that is not hex",
            async () => ({ ...(await signedMessage(wallet)), signature: "0xzz" }),
            400,
            "VALIDATION_FAILED",
          ],
          [
            "a message that is not SIWE",
            async () => ({ message: "hello", signature: "0x00" }),
            400,
            "SIWE_MESSAGE_INVALID",
          ],
          [
            "a body with wrong types",
            async () => ({ message: 42, signature: null }),
            400,
            "VALIDATION_FAILED",
          ],
        ];
        for (const [name, body, status, code] of cases) {
          it(name, async () => {
            const prepared = await body();
            const before = await rowCounts(db.prisma);
            const usedBefore = await db.prisma.siweNonce.count({ where: { usedAt: { not: null } } });
            const response = await verify(prepared);
            expect([response.status, response.body.error?.code]).to.deep.equal([status, code]);
            expect(response.headers.get("set-cookie")).to.equal(null);
            expect(await rowCounts(db.prisma)).to.deep.equal(before);
            expect(await db.prisma.siweNonce.count({ where: { usedAt: { not: null } } })).to.equal(
              usedBefore,
            );
          });
        }

        it("malformed JSON", async () => {
          const response = await call(`${api.url}/api/auth/verify`, {
            method: "POST",
            headers: { "content-type": "application/json" },
            body: "{",
          });
          expect([response.status, response.body.error.code]).to.deep.equal([400, "MALFORMED_JSON"]);
        });

        it("/api/auth/me without a session, or with a forged cookie", async () => {
          expect((await me()).body.error.code).to.equal("UNAUTHENTICATED");
          expect((await me(`techex_session=${"A".repeat(43)}`)).status).to.equal(401);
          expect((await me("techex_session=../../etc/passwd")).status).to.equal(401);
        });
      });
    });
  }

  describe("rate limit", () => {
    const db = useTestDatabase("embedded");
    it("answers 429 RATE_LIMITED past the sign-in limit", async () => {
      const api = await startApi(db.prisma, {
        provider: chain.provider,
        deployment: chain.deployment,
        limits: { signInPerMinute: 3 },
      });
      try {
        const statuses = [];
        for (let i = 0; i < 4; i++) statuses.push((await call(`${api.url}/api/auth/nonce`)).status);
        expect(statuses).to.deep.equal([200, 200, 200, 429]);
        const limited = await call(`${api.url}/api/auth/nonce`);
        expect(limited.body.error.code).to.equal("RATE_LIMITED");
        expect(limited.headers.get("retry-after")).to.match(/^\d+$/);
      } finally {
        await api.close();
      }
    });
  });
});
