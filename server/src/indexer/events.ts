// The contracts' events the indexer applies, and their decoding. Each event's fragment is resolved
// once into a (contract address, topic0) → decoder map of readers that take each value straight from
// the log's hex into its JSON form (ethers' Interface.parseLog per log is ~10× slower than AbiCoder,
// and AbiCoder plus converting its Result was still a backfill's largest CPU cost after the
// network). Decoded arguments are JSON-safe and exact:
// integers wider than 48 bits are decimal strings, addresses lower-case, tuples objects. The same
// value is stored in `chain_events.args`, so replaying stored events feeds the handlers identical
// input.
import { EventFragment, type ParamType } from "ethers";

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
    // ERC-721's Transfer: from zero at registration (AssetRegistered follows), otherwise an assignment
    // settled. Its third argument is the token id, which here is the asset id, and is named so.
    "event Transfer(address indexed from, address indexed to, uint256 indexed assetId)",
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
    "event AgreementAccepted(uint256 indexed agreementId, uint256 indexed assetId, address indexed buyer, address seller, uint8 dealType, uint256 amount, bytes32 documentHash, uint40 registrationDeadline, uint16 feeBps, uint32 pausedAtAcceptance, address[] coOwners)",
    "event AgreementSettled(uint256 indexed agreementId, uint256 indexed assetId, address indexed buyer, address seller, uint8 dealType, uint256 amount, uint256 fee, uint256 net, address treasury)",
    "event AgreementRefused(uint256 indexed agreementId, uint256 indexed assetId, address indexed buyer, uint256 amount, bytes32 reasonHash)",
    "event AgreementReclaimed(uint256 indexed agreementId, uint256 indexed assetId, address indexed buyer, uint256 amount)",
    "event FeeConfigured(address indexed treasury, uint16 feeBps)",
    "event RegistrationPolicyConfigured(uint8 requiredMask, uint32 period)",
    "event FeesWithdrawn(address indexed treasury, uint256 amount)",
    "event RegistrationDeadlinesExtended(uint32 pausedSeconds, uint32 totalPausedSeconds)",
  ],
  licenceRegistry: [
    "event ExchangeSet(address indexed exchange, uint256 licenceIdOffset)",
    "event LicenceIssued(uint256 indexed licenceId, uint256 indexed assetId, address indexed licensee, bool exclusive, uint40 start, uint40 end, string territory, string fieldOfUse, bool sublicensing, uint16 royaltyBps)",
    "event LicenceRevoked(uint256 indexed licenceId, bytes32 reasonHash)",
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

interface Decoder {
  contract: ContractName;
  name: string;
  decode(log: RawLog): EventArgs;
}

/**
 * Reads one ABI value from hex `data` (a 0x-prefixed string) straight into its JSON form: `at` is the
 * byte offset of the value's head word, `base` that of the enclosing tuple (dynamic offsets count from
 * it). As AbiCoder does, integers are masked to their width and strings must be valid UTF-8.
 */
type Reader = (data: string, at: number, base: number) => JsonValue;

const utf8 = new TextDecoder("utf-8", { fatal: true });

function word(data: string, at: number): string {
  const start = 2 + at * 2;
  if (start + 64 > data.length) throw new RangeError(`ABI data too short for a word at byte ${at}`);
  return data.slice(start, start + 64);
}

function offsetAt(data: string, at: number): number {
  const value = parseInt(word(data, at), 16);
  if (!Number.isSafeInteger(value)) throw new RangeError(`bad ABI offset at byte ${at}`);
  return value;
}

function bytesAt(data: string, at: number): string {
  const length = offsetAt(data, at);
  const start = 2 + (at + 32) * 2;
  if (start + length * 2 > data.length) throw new RangeError(`ABI data too short for ${length} bytes`);
  return data.slice(start, start + length * 2);
}

function isDynamic(type: ParamType): boolean {
  if (type.baseType === "string" || type.baseType === "bytes") return true;
  if (type.isArray()) return type.arrayLength === -1 || isDynamic(type.arrayChildren);
  if (type.isTuple()) return type.components.some(isDynamic);
  return false;
}

/** Bytes a value occupies in its tuple's head: one word for dynamic ones (their offset). */
function headSize(type: ParamType): number {
  if (isDynamic(type)) return 32;
  if (type.isArray()) return type.arrayLength * headSize(type.arrayChildren);
  if (type.isTuple()) return type.components.reduce((sum, c) => sum + headSize(c), 0);
  return 32;
}

/** Reads consecutive values laid out as a tuple whose head starts at `base`. */
function tupleReader(types: readonly ParamType[]): (data: string, base: number) => JsonValue[] {
  const fields = types.map((type) => ({ read: readerFor(type), size: headSize(type) }));
  return (data, base) => {
    let at = base;
    return fields.map(({ read, size }) => {
      const value = read(data, at, base);
      at += size;
      return value;
    });
  };
}

/** Dynamic values are found through the offset in their head word; static ones sit in the head. */
function readerFor(type: ParamType): Reader {
  const read = valueReader(type);
  if (!isDynamic(type)) return read;
  return (data, at, base) => read(data, base + offsetAt(data, at), base);
}

function valueReader(type: ParamType): Reader {
  if (type.isTuple()) {
    const names = type.components.map((c) => c.name);
    const readAll = tupleReader(type.components);
    return (data, at) => {
      const values = readAll(data, at);
      const result: Record<string, JsonValue> = {};
      names.forEach((name, i) => (result[name] = values[i]));
      return result;
    };
  }
  if (type.isArray()) {
    const child = type.arrayChildren;
    const fixed = type.arrayLength;
    if (fixed >= 0) {
      const readAll = tupleReader(Array.from({ length: fixed }, () => child));
      return (data, at) => readAll(data, at);
    }
    const childReader = readerFor(child);
    const size = headSize(child);
    return (data, at) => {
      const length = offsetAt(data, at);
      const base = at + 32;
      if (2 + (base + length * size) * 2 > data.length)
        throw new RangeError(`ABI array of ${length} too long`);
      return Array.from({ length }, (_, i) => childReader(data, base + i * size, base));
    };
  }
  const match = /^(u?)int(\d*)$/.exec(type.baseType);
  if (match) {
    const bits = Number(match[2] || 256);
    const signed = match[1] === "";
    return (data, at) => {
      const raw = BigInt(`0x${word(data, at)}`);
      const value = signed ? BigInt.asIntN(bits, raw) : BigInt.asUintN(bits, raw);
      return bits <= 48 ? Number(value) : value.toString();
    };
  }
  switch (type.baseType) {
    case "address":
      return (data, at) => `0x${word(data, at).slice(24).toLowerCase()}`;
    case "bool":
      return (data, at) => /[^0]/.test(word(data, at));
    case "string":
      return (data, at) => utf8.decode(Buffer.from(bytesAt(data, at), "hex"));
    case "bytes":
      return (data, at) => `0x${bytesAt(data, at).toLowerCase()}`;
  }
  const fixedBytes = /^bytes(\d+)$/.exec(type.baseType);
  if (fixedBytes) {
    const length = Number(fixedBytes[1]);
    return (data, at) =>
      `0x${word(data, at)
        .slice(0, length * 2)
        .toLowerCase()}`;
  }
  throw new Error(`cannot decode ABI type ${type.format()}`);
}

/** A topic holding an indexed value: a value type is the word itself; other types only their hash. */
function topicReader(input: ParamType): (topic: string) => JsonValue {
  if (isDynamic(input) || input.isTuple() || input.isArray()) return (topic) => topic.toLowerCase();
  const read = valueReader(input);
  return (topic) => read(topic, 0, 0);
}

function decoderFor(contract: ContractName, fragment: EventFragment): Decoder {
  const indexed = fragment.inputs
    .filter((input) => input.indexed)
    .map((input) => ({ name: input.name, read: topicReader(input) }));
  const nonIndexed = fragment.inputs.filter((input) => !input.indexed);
  const readData = tupleReader(nonIndexed);
  return {
    contract,
    name: fragment.name,
    decode(log) {
      const args: EventArgs = {};
      indexed.forEach(({ name, read }, i) => (args[name] = read(log.topics[i + 1])));
      const values = readData(log.data, 0);
      nonIndexed.forEach((input, i) => (args[input.name] = values[i]));
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

  /**
   * The decoded log, or undefined for events the index does not use: a licence's Transfer, Locked…,
   * and an asset's mint Transfer (AssetRegistered, in the same transaction, says all of it).
   */
  decode(log: RawLog): DecodedLog | undefined {
    const address = log.address.toLowerCase();
    const decoder = this.#decoders.get(`${address}:${log.topics[0]}`);
    if (!decoder) return undefined;
    if (decoder.name === "Transfer" && BigInt(log.topics[1]!) === 0n) return undefined;
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
