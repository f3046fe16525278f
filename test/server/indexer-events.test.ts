// The indexer decodes with its own copy of the contracts' event signatures; a signature that drifts
// from the contracts would make it skip that event silently. This pins the copy to the compiled ABI,
// and the indexer's own ABI readers to what ethers' AbiCoder reads from the same logs.
import { readFile } from "node:fs/promises";
import { expect } from "chai";
import { EventFragment, Interface, ZeroHash, getAddress, hexlify, randomBytes, type ParamType } from "ethers";
import { EVENT_SIGNATURES, EventDecoder, type ContractName } from "../../server/src/indexer/events.ts";

const interfaces: Record<ContractName, string> = {
  membership: "IMembership",
  assetRegistry: "IAssetRegistry",
  exchange: "IExchange",
  licenceRegistry: "ILicenceRegistry",
};

const ERC721_TRANSFER = "event Transfer(address indexed from, address indexed to, uint256 indexed tokenId)";

describe("Indexer event signatures", function () {
  for (const [contract, name] of Object.entries(interfaces) as [ContractName, string][]) {
    it(`match every event of ${name}`, async function () {
      const artifact = JSON.parse(
        await readFile(
          new URL(`../../artifacts/contracts/interfaces/${name}.sol/${name}.json`, import.meta.url),
          "utf8",
        ),
      ) as { abi: unknown[] };
      const compiled = new Interface(artifact.abi as never);
      const onChain: string[] = [];
      compiled.forEachEvent((event) => onChain.push(event.topicHash));
      // The registry's ownership moves are ERC-721's own Transfer, which its interface inherits from
      // no one: the indexer reads it too.
      if (contract === "assetRegistry") onChain.push(EventFragment.from(ERC721_TRANSFER).topicHash);
      const ours = EVENT_SIGNATURES[contract].map((signature) => EventFragment.from(signature).topicHash);
      expect(ours.sort()).to.deep.equal(onChain.sort());
    });
  }
});

describe("Indexer event decoding", function () {
  // Deterministic pseudo-random values, so a failure reproduces.
  let seed = 1;
  const random = () => (seed = (seed * 1_103_515_245 + 12_345) % 2 ** 31) / 2 ** 31;
  const texts = ["", "VN", "Việt Nam — Đông Nam Bộ", "x".repeat(32), "ä".repeat(45)];

  function valueFor(type: ParamType): unknown {
    if (type.isTuple()) return type.components.map(valueFor);
    if (type.isArray()) {
      const length = type.arrayLength >= 0 ? type.arrayLength : Math.floor(random() * 4);
      return Array.from({ length }, () => valueFor(type.arrayChildren));
    }
    const bits = /^uint(\d+)$/.exec(type.type)?.[1];
    if (bits) {
      const max = (1n << BigInt(bits)) - 1n;
      return [0n, 1n, max, BigInt(Math.floor(random() * 2 ** 40)) & max][Math.floor(random() * 4)];
    }
    if (type.type === "address") return getAddress(hexlify(randomBytes(20)));
    if (type.type === "bytes32") return hexlify(randomBytes(32));
    if (type.type === "bool") return random() < 0.5;
    if (type.type === "string") return texts[Math.floor(random() * texts.length)];
    throw new Error(`no test values for ${type.type}`);
  }

  /** What the indexer stores, derived independently from ethers' own decoding. */
  function expected(type: ParamType, value: unknown): unknown {
    if (type.isTuple())
      return Object.fromEntries(
        type.components.map((c, i) => [c.name, expected(c, (value as unknown[])[i])]),
      );
    if (type.isArray()) return (value as unknown[]).map((item) => expected(type.arrayChildren, item));
    if (typeof value === "bigint")
      return Number(/^uint(\d+)$/.exec(type.type)![1]) <= 48 ? Number(value) : value.toString();
    if (typeof value === "string") return value.startsWith("0x") ? value.toLowerCase() : value;
    return value;
  }

  const addresses = {
    membership: "0x0000000000000000000000000000000000000001",
    assetRegistry: "0x0000000000000000000000000000000000000002",
    exchange: "0x0000000000000000000000000000000000000003",
    licenceRegistry: "0x0000000000000000000000000000000000000004",
    settlementToken: "0x0000000000000000000000000000000000000005",
  };
  const decoder = new EventDecoder(addresses);

  for (const [contract, signatures] of Object.entries(EVENT_SIGNATURES) as [
    ContractName,
    readonly string[],
  ][]) {
    for (const signature of signatures) {
      const fragment = EventFragment.from(signature);
      it(`reads ${contract}.${fragment.name} as ethers' AbiCoder does`, function () {
        const contractInterface = new Interface([fragment]);
        for (let run = 0; run < 25; run++) {
          const values = fragment.inputs.map(valueFor);
          const { data, topics } = contractInterface.encodeEventLog(fragment, values);
          const log = {
            address: addresses[contract],
            topics,
            data,
            blockNumber: "0x10",
            blockHash: ZeroHash,
            transactionHash: ZeroHash,
            logIndex: "0x2",
          };
          const parsed = contractInterface.parseLog(log)!;
          const want = Object.fromEntries(
            fragment.inputs.map((input, i) => [input.name, expected(input, parsed.args[i])]),
          );
          expect(decoder.decode(log)?.args).to.deep.equal(want);
        }
      });
    }
  }

  it("drops an asset's mint Transfer (AssetRegistered records it) and keeps an assignment's", function () {
    const transfer = new Interface([ERC721_TRANSFER]);
    const logOf = (from: string) => ({
      address: addresses.assetRegistry,
      ...transfer.encodeEventLog("Transfer", [from, addresses.exchange, 7n]),
      blockNumber: "0x10",
      blockHash: ZeroHash,
      transactionHash: ZeroHash,
      logIndex: "0x2",
    });
    expect(decoder.decode(logOf("0x0000000000000000000000000000000000000000"))).to.equal(undefined);
    expect(decoder.decode(logOf(addresses.membership))?.args).to.deep.equal({
      from: addresses.membership,
      to: addresses.exchange,
      assetId: "7",
    });
  });
});
