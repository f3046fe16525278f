// Plays the demo's year of activity (plan.ts) onto a new embedded chain, as the members and the IP
// office would have: every act is a signed transaction of the right account, mined at its date
// (the chain's genesis lies before the first of them). The embedded chain journals these blocks
// like any others, so a restart replays them instead of seeding again.
import { Contract, id as keccakText, Signature, ZeroHash, AbiCoder, keccak256, type Signer } from "ethers";
import type { HardhatEthers } from "@nomicfoundation/hardhat-ethers/types";
import { abis, agreementConsentTypes, exchangeDomain, permitTypes } from "../../../generated/techex.ts";
import { organisations, roleAccounts } from "./data.ts";
import { agreementPdf, metadataBytes, profileBytes, sha256 } from "./documents.ts";
import {
  DAY,
  TERRITORY,
  ROYALTY_BPS,
  agreementOf,
  askingPrices,
  planDemo,
  type PlannedAsset,
  type Step,
} from "./plan.ts";

export interface DemoAddresses {
  token: string;
  membership: string;
  registry: string;
  licences: string;
  exchange: string;
}

/** How far before the first demo act the chain's genesis lies (days). */
export const GENESIS_DAYS_AGO = 400;
const FUNDS_PER_MEMBER = 200_000_000_000n; // 200 billion tVND
const Status = { Verified: 2, Rejected: 3, Suspended: 4, Revoked: 5 } as const;
const ListingStatus = { Paused: 2, Closed: 3 } as const;
const ALL_DEAL_TYPES = 0b111;

interface OfferRecord {
  assetId: bigint;
  buyer: string;
  listingEpoch: bigint;
  dealType: number;
  amount: bigint;
  expiry: bigint;
  termsHash: string;
}

/**
 * Seeds the chain. `now` (unix seconds) anchors the plan's dates; the chain's clock must be before
 * the plan's first act. Ends with a block at `now`, so the chain's clock continues from there.
 */
export async function seedDemoChain(options: {
  ethers: HardhatEthers;
  addresses: DemoAddresses;
  publicUrl: string;
  now: number;
  progress: (message: string) => void;
}): Promise<{ transactions: number }> {
  const { ethers, addresses, now, progress } = options;
  const provider = ethers.provider;
  const signers = await ethers.getSigners();
  const { chainId } = await provider.getNetwork();
  const admin = signers[roleAccounts.admin];
  const ipOffice = signers[roleAccounts.ipOffice];
  const contract = (name: keyof typeof abis, address: string, signer: Signer) =>
    new Contract(address, abis[name] as unknown as string[], signer);
  const token = contract("TestVnd", addresses.token, admin);
  const membership = contract("Membership", addresses.membership, admin);
  const registry = contract("AssetRegistry", addresses.registry, admin);
  const licences = contract("LicenceRegistry", addresses.licences, admin);
  const exchange = contract("Exchange", addresses.exchange, admin);
  const signerOf = (account: number) => signers[account];
  const as = (c: Contract, signer: Signer) => c.connect(signer) as Contract;

  const plan = planDemo(now);
  const actions: { at: number; label: string; run: () => Promise<unknown> }[] = [];
  const start = now - (GENESIS_DAYS_AGO - 5) * DAY;
  for (const organisation of organisations) {
    const address = signerOf(organisation.account).address;
    actions.push({
      at: start,
      label: `admit ${organisation.key}`,
      run: () => membership.admit(address, sha256(profileBytes(organisation))),
    });
    actions.push({
      at: start,
      label: `fund ${organisation.key}`,
      run: () => token.mint(address, FUNDS_PER_MEMBER),
    });
  }

  const offers = new Map<string, { id: bigint; record: OfferRecord; agreement?: unknown }>();
  for (const planned of plan) {
    for (const step of planned.steps) {
      actions.push({
        at: step.at,
        label: `${planned.asset.registrationNumber} ${step.kind}`,
        run: () => act(planned, step),
      });
    }
  }
  actions.sort((a, b) => a.at - b.at);

  let clock = (await provider.getBlock("latest"))!.timestamp;
  if (clock >= actions[0].at)
    throw new Error("The chain's clock is past the demo's first date; seed a new chain.");
  let done = 0;
  for (const action of actions) {
    clock = Math.max(clock + 1, action.at);
    await provider.send("evm_setNextBlockTimestamp", [clock]);
    try {
      const tx = await action.run();
      const receipt = await (tx as { wait(): Promise<{ status: number | null } | null> }).wait();
      if (receipt?.status !== 1) throw new Error("reverted");
    } catch (error) {
      throw new Error(`Demo seed step "${action.label}" failed: ${(error as Error).message}`, {
        cause: error,
      });
    }
    done++;
    if (done % 50 === 0 || done === actions.length)
      progress(`  demo data: ${done} of ${actions.length} transactions`);
  }
  // the chain's clock continues from the present
  await provider.send("evm_mine", [Math.max(clock + 1, Math.floor(Date.now() / 1000))]);
  return { transactions: actions.length };

  async function act(planned: PlannedAsset, step: Step): Promise<unknown> {
    const { asset } = planned;
    const owner = signerOf(planned.owner.account);
    const assetId = BigInt(keccakText(asset.registrationNumber.toUpperCase()));
    const terms = {
      territory: TERRITORY,
      fieldOfUse: asset.fieldOfUse,
      duration: planned.durationDays * DAY,
      sublicensing: false,
      royaltyBps: ROYALTY_BPS,
    };
    const termsHash = keccak256(
      AbiCoder.defaultAbiCoder().encode(
        ["tuple(string territory,string fieldOfUse,uint32 duration,bool sublicensing,uint16 royaltyBps)"],
        [terms],
      ),
    );
    const key = (offer: number) => `${planned.index}:${offer}`;
    const stored = (offer: number) => offers.get(key(offer))!;
    const buyerOf = (offer: number) => signerOf(planned.offers[offer].buyer.account);
    switch (step.kind) {
      case "register": {
        const contentHash = sha256(metadataBytes(asset));
        return as(registry, owner).register(
          asset.kind,
          keccakText(asset.registrationNumber.toUpperCase()),
          contentHash,
          `${options.publicUrl}/api/documents/${contentHash.slice(2)}`,
          planned.protectionExpiry,
          planned.coOwners.map((c) => signerOf(c.account).address),
        );
      }
      case "verify":
      case "reject":
      case "suspend":
      case "revoke": {
        const to = {
          verify: Status.Verified,
          reject: Status.Rejected,
          suspend: Status.Suspended,
          revoke: Status.Revoked,
        }[step.kind];
        return as(registry, ipOffice).setStatus(assetId, to, keccakText(step.reason));
      }
      case "list":
        return as(exchange, owner).createListing(assetId, ALL_DEAL_TYPES, askingPrices(asset), terms);
      case "pause-listing":
      case "close-listing":
        return as(exchange, owner).setListingStatus(
          assetId,
          step.kind === "pause-listing" ? ListingStatus.Paused : ListingStatus.Closed,
        );
      case "offer": {
        const planOffer = planned.offers[step.offer];
        const buyer = buyerOf(step.offer);
        const id = (await exchange.nextOfferId()) as bigint;
        const listing = (await exchange.listing(assetId)) as { epoch: bigint };
        const record: OfferRecord = {
          assetId,
          buyer: buyer.address,
          listingEpoch: listing.epoch,
          dealType: planOffer.dealType,
          amount: planOffer.amount,
          expiry: BigInt(step.expiry),
          termsHash: planOffer.dealType === 0 ? ZeroHash : termsHash,
        };
        offers.set(key(step.offer), { id, record });
        // one transaction: an EIP-2612 permit of the escrow travels with the offer
        const permit = Signature.from(
          await buyer.signTypedData(
            { name: "TechEx Test VND", version: "1", chainId, verifyingContract: addresses.token },
            permitTypes,
            {
              owner: buyer.address,
              spender: addresses.exchange,
              value: record.amount,
              nonce: await token.nonces(buyer.address),
              deadline: record.expiry,
            },
          ),
        );
        return as(exchange, buyer).makeOfferWithPermit(
          assetId,
          record.dealType,
          record.amount,
          record.expiry,
          record.termsHash,
          record.expiry,
          permit.v,
          permit.r,
          permit.s,
        );
      }
      case "withdraw":
        return as(exchange, buyerOf(step.offer)).withdrawOffer(
          stored(step.offer).id,
          stored(step.offer).record,
        );
      case "reclaim-offer":
        return as(exchange, buyerOf(step.offer)).reclaimExpiredOffer(
          stored(step.offer).id,
          stored(step.offer).record,
        );
      case "reject-offer":
        return as(exchange, owner).rejectOffer(
          stored(step.offer).id,
          stored(step.offer).record,
          keccakText(step.reason),
        );
      case "accept": {
        const { id, record } = stored(step.offer);
        const text = agreementOf(planned, planned.offers[step.offer]);
        const documentHash = sha256(agreementPdf(text));
        const consent = (signer: Signer) =>
          signer.signTypedData(
            { ...exchangeDomain, chainId, verifyingContract: addresses.exchange },
            agreementConsentTypes,
            { agreementId: id, documentHash },
          );
        const coOwners = text.coOwners.map((c) => signerOf(c.account));
        const tx = await as(exchange, owner).acceptOffer(
          id,
          record,
          {
            documentHash,
            buyerSignature: await consent(buyerOf(step.offer)),
            coOwners: coOwners.map((c) => c.address),
            coOwnerSignatures: await Promise.all(coOwners.map(consent)),
          },
          terms,
        );
        const receipt = await tx.wait();
        const accepted = receipt.logs
          .map((log: { topics: string[]; data: string }) => exchange.interface.parseLog(log))
          .find((parsed: { name: string } | null) => parsed?.name === "AgreementAccepted");
        stored(step.offer).agreement = {
          offer: record,
          seller: owner.address,
          documentHash,
          registrationDeadline: accepted.args.registrationDeadline,
          feeBps: accepted.args.feeBps,
          pausedAtAcceptance: accepted.args.pausedAtAcceptance,
        };
        return tx;
      }
      case "register-agreement":
        return as(exchange, ipOffice).registerAgreement(
          stored(step.offer).id,
          stored(step.offer).agreement,
          terms,
        );
      case "refuse-agreement":
        return as(exchange, ipOffice).refuseAgreement(
          stored(step.offer).id,
          stored(step.offer).agreement,
          keccakText(step.reason),
        );
      case "reclaim-agreement":
        return as(exchange, buyerOf(step.offer)).reclaimUnregistered(
          stored(step.offer).id,
          stored(step.offer).agreement,
        );
      case "revoke-licence":
        return as(licences, ipOffice).revoke(stored(step.offer).id, keccakText(step.reason));
    }
  }
}
