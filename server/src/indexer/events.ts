// The contracts' events the indexer applies, and their decoding. Each event's fragment is resolved
// once into a (contract address, topic0) → decoder map; a log is then decoded with one AbiCoder call
// (ethers' Interface.parseLog per log is ~10× slower). Decoded arguments are JSON-safe and exact:
// integers wider than 48 bits are decimal strings, addresses lower-case, tuples objects. The same
// value is stored in `chain_events.args`, so replaying stored events feeds the handlers identical
// input.
import { AbiCoder, EventFragment, type ParamType } from "ethers";

/** The deployed contracts whose events are indexed, plus the settlement token listings are priced in. */
export interface ContractAddresses {
  membership: string;
  assetRegistry: string;
  exchange: string;
  licenceRegistry: string;
  settlementToken: string;
}

export type ContractName = Exclude<keyof ContractAddresses, "settlementToken">;

const TERMS = "(string territory, string fieldOfUse, uint32 duration, bool sublicensing, uint16 royaltyBps)";

// As declared in contracts/interfaces/*.sol; Solidity enums are uint8 in the ABI.
export const EVENT_SIGNATURES: Record<ContractName, readonly string[]> = {
  membership: [
    "event MemberAdmitted(address indexed account, bytes32 profileHash)",
    "event MemberRemoved(address indexed account, bytes32 reasonHash)",
  ],
  assetRegistry: [
    "event AssetRegistered(uint256 indexed assetId, address indexed owner, uint8 kind, bytes32 regNumberHash, bytes32 contentHash, string uri, uint40 protectionExpiry, address[] coOwners)",
    "event AssetStatusChanged(uint256 indexed assetId, uint8 from, uint8 to, bytes32 reasonHash)",
    "event AssetTransferred(uint256 indexed assetId, address indexed from, address indexed to, uint256 agreementId)",
    "event ExchangeSet(address indexed exchange)",
  ],
  exchange: [
    `event ListingCreated(uint256 indexed assetId, address indexed seller, uint32 epoch, uint8 dealTypes, uint256[3] askingPrices, ${TERMS} terms)`,
    "event ListingStatusChanged(uint256 indexed assetId, uint32 epoch, uint8 status)",
    "event OfferMade(uint256 indexed offerId, uint256 indexed assetId, address indexed buyer, uint32 listingEpoch, uint8 dealType, uint256 amount, uint40 expiry, bytes32 termsHash)",
    "event OfferWithdrawn(uint256 indexed offerId, uint256 indexed assetId, address indexed buyer, uint256 amount)",
    "event OfferRejected(uint256 indexed offerId, uint256 indexed assetId, address indexed buyer, uint256 amount, bytes32 reasonHash)",
    "event OfferExpired(uint256 indexed offerId, uint256 indexed assetId, address indexed buyer, uint256 amount)",
    "event AgreementApproved(uint256 indexed offerId, address indexed buyer, bytes32 documentHash)",
    "event AgreementAccepted(uint256 indexed agreementId, uint256 indexed assetId, address indexed buyer, address seller, uint8 dealType, uint256 amount, bytes32 documentHash, uint40 registrationDeadline, uint16 feeBps, address[] coOwners)",
    "event AgreementSettled(uint256 indexed agreementId, uint256 indexed assetId, address indexed buyer, address seller, uint8 dealType, uint256 amount, uint256 fee, uint256 net, address treasury)",
    "event AgreementRefused(uint256 indexed agreementId, uint256 indexed assetId, address indexed buyer, uint256 amount, bytes32 reasonHash)",
    "event AgreementReclaimed(uint256 indexed agreementId, uint256 indexed assetId, address indexed buyer, uint256 amount)",
    "event FeeConfigured(address indexed treasury, uint16 feeBps)",
    "event RegistrationPolicyConfigured(uint8 requiredMask, uint32 period)",
  ],
  licenceRegistry: [
    "event ExchangeSet(address indexed exchange)",
    "event LicenceIssued(uint256 indexed licenceId, uint256 indexed assetId, address indexed licensee, bool exclusive, uint40 start, uint40 end, string territory, string fieldOfUse, bool sublicensing, uint16 royaltyBps)",
    "event LicenceRevoked(uint256 indexed licenceId, uint256 indexed assetId, bytes32 reasonHash)",
  ],
};

export type JsonValue = string | number | boolean | null | JsonValue[] | { [key: string]: JsonValue };
export type EventArgs = Record<string, JsonValue>;

/** A log as eth_getLogs returns it (hex quantities). */
export interface RawLog {
  address: string;
  topics: string[];
  data: string;
  blockNumber: string;
  blockHash: string;
  transactionHash: string;
  logIndex: string;
  removed?: boolean;
}

/** One applied event: where the chain put it and what it said. */
export interface ChainEventRecord {
  contract: ContractName;
  name: string;
  blockNumber: number;
  blockHash: string;
  txHash: string;
  logIndex: number;
  address: string;
  txFrom: string | null;
  blockTime: Date;
  args: EventArgs;
}

export type DecodedLog = Omit<ChainEventRecord, "txFrom" | "blockTime">;

const coder = AbiCoder.defaultAbiCoder();

function normalise(type: ParamType, value: unknown): JsonValue {
  if (type.isTuple()) {
    const result: Record<string, JsonValue> = {};
    type.components.forEach(
      (component, i) => (result[component.name] = normalise(component, (value as unknown[])[i])),
    );
    return result;
  }
  if (type.isArray()) return Array.from(value as unknown[], (item) => normalise(type.arrayChildren, item));
  if (typeof value === "bigint") {
    const bits = Number(/^u?int(\d+)$/.exec(type.type)?.[1] ?? 256);
    return bits <= 48 ? Number(value) : value.toString();
  }
  if (type.baseType === "address") return (value as string).toLowerCase();
  return value as JsonValue;
}

interface Decoder {
  contract: ContractName;
  name: string;
  decode(log: RawLog): EventArgs;
}

/** A topic holding an indexed value type, read without the ABI coder (the hot path of decoding). */
function topicReader(input: ParamType): (topic: string) => JsonValue {
  if (input.type === "address") return (topic) => `0x${topic.slice(26).toLowerCase()}`;
  if (input.type === "uint256") return (topic) => BigInt(topic).toString();
  return (topic) => normalise(input, coder.decode([input], topic)[0]);
}

function decoderFor(contract: ContractName, fragment: EventFragment): Decoder {
  const indexed = fragment.inputs
    .filter((input) => input.indexed)
    .map((input) => ({ name: input.name, read: topicReader(input) }));
  const nonIndexed = fragment.inputs.filter((input) => !input.indexed);
  return {
    contract,
    name: fragment.name,
    decode(log) {
      const args: EventArgs = {};
      indexed.forEach(({ name, read }, i) => (args[name] = read(log.topics[i + 1])));
      const values = coder.decode(nonIndexed, log.data);
      nonIndexed.forEach((input, i) => (args[input.name] = normalise(input, values[i])));
      return args;
    },
  };
}

export class EventDecoder {
  readonly #decoders = new Map<string, Decoder>();
  readonly addresses: string[];

  constructor(addresses: ContractAddresses) {
    for (const contract of Object.keys(EVENT_SIGNATURES) as ContractName[]) {
      const address = addresses[contract].toLowerCase();
      for (const signature of EVENT_SIGNATURES[contract]) {
        const fragment = EventFragment.from(signature);
        this.#decoders.set(`${address}:${fragment.topicHash}`, decoderFor(contract, fragment));
      }
    }
    this.addresses = (Object.keys(EVENT_SIGNATURES) as ContractName[]).map((c) => addresses[c].toLowerCase());
  }

  /** The decoded log, or undefined for events the index does not use (ERC-721 Transfer, Locked…). */
  decode(log: RawLog): DecodedLog | undefined {
    const address = log.address.toLowerCase();
    const decoder = this.#decoders.get(`${address}:${log.topics[0]}`);
    if (!decoder) return undefined;
    return {
      contract: decoder.contract,
      name: decoder.name,
      blockNumber: Number(log.blockNumber),
      blockHash: log.blockHash,
      txHash: log.transactionHash,
      logIndex: Number(log.logIndex),
      address,
      args: decoder.decode(log),
    };
  }
}
