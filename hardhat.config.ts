import { createRequire } from "node:module";
import hardhatToolboxMochaEthers from "@nomicfoundation/hardhat-toolbox-mocha-ethers";
import { configVariable, defineConfig } from "hardhat/config";

const require = createRequire(import.meta.url);

// The compiler comes from the npm package `solc` (WASM): Hardhat's own compiler download needs
// the internet, which this project's machines do not have. Keep `version` equal to solc's.
const solc = {
  version: "0.8.37",
  path: require.resolve("solc/soljson.js"),
  settings: {
    optimizer: { enabled: true, runs: 10_000 },
    evmVersion: "cancun",
    // The IR pipeline: 1.3-4.3k less gas per ledger operation (npm run bench:gas) and smaller
    // bytecode, for about a minute of compiling once (solc-js is slower than native solc).
    viaIR: true,
  },
};

export default defineConfig({
  plugins: [hardhatToolboxMochaEthers],
  solidity: { profiles: { default: solc, production: solc } },
  paths: { tests: { mocha: "test/contracts", solidity: "contracts" } },
  networks: {
    // An external EVM network (Besu/QBFT, an L2, …): RPC_URL and DEPLOYER_KEY are read only when used.
    external: {
      type: "http",
      chainType: "l1",
      url: configVariable("RPC_URL"),
      accounts: [configVariable("DEPLOYER_KEY")],
    },
    localhost: {
      type: "http",
      chainType: "l1",
      url: "http://127.0.0.1:8545",
    },
  },
});
