// Turns each demo asset's story (data.ts) into dated steps on the chain: registration, the IP
// office's acts, listing, offers and what becomes of them. The history spreads over the past year so
// that the home page's monthly figures, expiries and deadlines look like a market that has run for a
// while; steps meant to be waiting on someone (open offers, agreements awaiting registration) are
// dated in the last few days so their deadlines are still ahead.
import {
  assets,
  organisations,
  type DemoAsset,
  type DemoOrganisation,
  type OrganisationKey,
} from "./data.ts";
import type { AgreementText } from "./documents.ts";

export const DAY = 86_400;
export const Deal = { Assignment: 0, Exclusive: 1, NonExclusive: 2 } as const;
export const TERRITORY = "Việt Nam";
export const ROYALTY_BPS = 200;
const LICENCE_DAYS = 3 * 365;
const EXPIRING_LICENCE_DAYS = 120;

export type Step =
  | { kind: "register"; at: number }
  | { kind: "verify" | "reject" | "suspend" | "revoke"; at: number; reason: string }
  | { kind: "list"; at: number }
  | { kind: "pause-listing" | "close-listing"; at: number }
  | { kind: "offer"; at: number; offer: number; expiry: number }
  | { kind: "withdraw" | "reclaim-offer"; at: number; offer: number }
  | { kind: "reject-offer"; at: number; offer: number; reason: string }
  | { kind: "accept"; at: number; offer: number }
  | { kind: "register-agreement"; at: number; offer: number }
  | { kind: "refuse-agreement"; at: number; offer: number; reason: string }
  | { kind: "reclaim-agreement"; at: number; offer: number }
  | { kind: "revoke-licence"; at: number; offer: number; reason: string };

export interface PlannedOffer {
  buyer: DemoOrganisation;
  dealType: number;
  amount: bigint;
  /** Licence term in days (0 for an assignment). */
  durationDays: number;
  accepted: boolean;
}

export interface PlannedAsset {
  index: number;
  asset: DemoAsset;
  owner: DemoOrganisation;
  coOwners: DemoOrganisation[];
  /** Protection expiry (unix seconds). */
  protectionExpiry: number;
  durationDays: number;
  offers: PlannedOffer[];
  steps: Step[];
}

export const organisationByKey = (key: OrganisationKey) => organisations.find((o) => o.key === key)!;

/** Asking prices per deal type: an assignment's price, an exclusive licence 40 %, a non-exclusive 10 %. */
export const askingPrices = (asset: DemoAsset): [bigint, bigint, bigint] => [
  asset.price,
  (asset.price * 40n) / 100n,
  (asset.price * 10n) / 100n,
];

const REASONS = {
  verify: "Đã đối chiếu văn bằng với Cơ sở dữ liệu sở hữu công nghiệp quốc gia.",
  reject: "Số văn bằng không khớp với chủ sở hữu trong Cơ sở dữ liệu sở hữu công nghiệp quốc gia.",
  suspend: "Tạm đình chỉ do có đơn yêu cầu hủy bỏ hiệu lực văn bằng đang được xem xét.",
  revoke: "Văn bằng bị hủy bỏ hiệu lực theo quyết định của Cục Sở hữu trí tuệ.",
  rejectOffer: "Giá đề nghị thấp hơn định giá của hội đồng khoa học.",
  refuse: "Hồ sơ thiếu văn bản đồng ý của cơ quan chủ quản đối với tài sản có vốn nhà nước.",
  revokeLicence: "Bên nhận li-xăng vi phạm phạm vi sử dụng đã thỏa thuận.",
};

export function planDemo(now: number): PlannedAsset[] {
  return assets.map((asset, index) => {
    const owner = organisationByKey(asset.owner);
    const coOwners = (asset.coOwners ?? []).map(organisationByKey);
    const buyers = (asset.buyers ?? []).map(organisationByKey);
    const pending = asset.story === "pending";
    // registrations spread from a year ago to two months ago; those awaiting verification are recent
    const r = pending ? now - (3 + index / 10) * DAY : now - (380 - 8 * index) * DAY;
    const at = (days: number) => Math.round(r + days * DAY);
    const recent = (daysAgo: number) => Math.round(now - daysAgo * DAY);
    const durationDays = asset.story === "licence-expired" ? EXPIRING_LICENCE_DAYS : LICENCE_DAYS;
    const prices = askingPrices(asset);
    const steps: Step[] = [{ kind: "register", at: at(0) }];
    const offers: PlannedOffer[] = [];
    const offer = (
      buyer: DemoOrganisation,
      dealType: number,
      madeAt: number,
      expiry: number,
      accepted = false,
    ) => {
      // offers a little under the asking price, varying by buyer
      const discount = BigInt(2 + ((index + offers.length * 3) % 7));
      offers.push({
        buyer,
        dealType,
        amount: (prices[dealType] * (100n - discount)) / 100n,
        durationDays: dealType === Deal.Assignment ? 0 : durationDays,
        accepted,
      });
      steps.push({ kind: "offer", at: madeAt, offer: offers.length - 1, expiry });
      return offers.length - 1;
    };
    const story = asset.story;
    if (story === "pending") return finish();
    if (story === "rejected") {
      steps.push({ kind: "reject", at: at(4), reason: REASONS.reject });
      return finish();
    }
    steps.push({ kind: "verify", at: at(3), reason: REASONS.verify });
    if (story === "verified" || story === "protection-expired") return finish();
    if (story === "revoked") {
      steps.push({ kind: "revoke", at: at(60), reason: REASONS.revoke });
      return finish();
    }
    steps.push({ kind: "list", at: at(5) });
    switch (story) {
      case "suspended":
        steps.push({ kind: "suspend", at: at(40), reason: REASONS.suspend });
        break;
      case "listing-paused":
        steps.push({ kind: "pause-listing", at: at(30) });
        break;
      case "listing-closed":
        steps.push({ kind: "close-listing", at: at(30) });
        break;
      case "offers-open":
        buyers.forEach((buyer, k) =>
          offer(buyer, k % 2 === 0 ? Deal.NonExclusive : Deal.Exclusive, recent(4 - k), recent(-30)),
        );
        break;
      case "offer-expired":
        offer(buyers[0], Deal.NonExclusive, at(12), at(19));
        break;
      case "offer-reclaimed": {
        const o = offer(buyers[0], Deal.NonExclusive, at(12), at(19));
        steps.push({ kind: "reclaim-offer", at: at(25), offer: o });
        break;
      }
      case "offer-withdrawn": {
        const o = offer(buyers[0], Deal.Exclusive, at(12), at(42));
        steps.push({ kind: "withdraw", at: at(16), offer: o });
        break;
      }
      case "offer-rejected": {
        const o = offer(buyers[0], Deal.Assignment, at(12), at(42));
        steps.push({ kind: "reject-offer", at: at(14), offer: o, reason: REASONS.rejectOffer });
        break;
      }
      case "licensed":
      case "licence-expired":
      case "licence-revoked":
        buyers.forEach((buyer, k) => {
          const o = offer(buyer, Deal.NonExclusive, at(12 + 20 * k), at(60 + 20 * k), true);
          steps.push({ kind: "accept", at: at(15 + 20 * k), offer: o });
          if (story === "licence-revoked")
            steps.push({ kind: "revoke-licence", at: at(60), offer: o, reason: REASONS.revokeLicence });
        });
        break;
      case "exclusive-registered":
      case "assignment-registered":
      case "assignment-refused":
      case "assignment-reclaimed": {
        const deal = story === "exclusive-registered" ? Deal.Exclusive : Deal.Assignment;
        const o = offer(buyers[0], deal, at(12), at(40), true);
        steps.push({ kind: "accept", at: at(15), offer: o });
        if (story === "assignment-refused")
          steps.push({ kind: "refuse-agreement", at: at(24), offer: o, reason: REASONS.refuse });
        else if (story === "assignment-reclaimed")
          steps.push({ kind: "reclaim-agreement", at: at(15 + 31), offer: o });
        else steps.push({ kind: "register-agreement", at: at(22), offer: o });
        break;
      }
      case "exclusive-awaiting":
      case "assignment-awaiting": {
        const deal = story === "exclusive-awaiting" ? Deal.Exclusive : Deal.Assignment;
        const o = offer(buyers[0], deal, recent(12 + index / 10), recent(-20), true);
        steps.push({ kind: "accept", at: recent(6 - index / 10), offer: o });
        break;
      }
      case "listed":
        break;
    }
    return finish();

    function finish(): PlannedAsset {
      return {
        index,
        asset,
        owner,
        coOwners,
        protectionExpiry:
          story === "protection-expired" ? Math.round(now - 20 * DAY) : Math.round(r + 20 * 365 * DAY),
        durationDays,
        offers,
        steps,
      };
    }
  });
}

/** The agreement text of an accepted offer (see documents.ts). */
export function agreementOf(planned: PlannedAsset, offer: PlannedOffer): AgreementText {
  return {
    asset: planned.asset,
    seller: planned.owner,
    buyer: offer.buyer,
    // co-owners consent to assignments and exclusive licences only
    coOwners: offer.dealType === Deal.NonExclusive ? [] : planned.coOwners,
    dealType: offer.dealType,
    amount: offer.amount,
    territory: TERRITORY,
    durationDays: offer.durationDays,
    royaltyBps: ROYALTY_BPS,
  };
}
