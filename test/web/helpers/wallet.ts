// An injected EIP-1193 wallet for browser tests, backed by Hardhat's default accounts: the page
// sees `window.ethereum` (and an EIP-6963 announcement) whose requests go to Node, where an
// ethers Wallet signs and everything else is forwarded verbatim to the chain's JSON-RPC — so
// reverts reach the app with their data, exactly as from a real wallet.
import { HDNodeWallet, JsonRpcProvider, getBytes, type TypedDataField } from "ethers";
import type { BrowserContext } from "playwright-core";

export const HARDHAT_MNEMONIC = "test test test test test test test test test test test junk";

export function hardhatAddress(index: number): string {
  return HDNodeWallet.fromPhrase(HARDHAT_MNEMONIC, undefined, `m/44'/60'/0'/0/${index}`).address;
}

export function hardhatAccount(index: number, provider: JsonRpcProvider): HDNodeWallet {
  return HDNodeWallet.fromPhrase(HARDHAT_MNEMONIC, undefined, `m/44'/60'/0'/0/${index}`).connect(provider);
}

type Answer = { result: unknown } | { error: { code: number; message: string; data?: unknown } };

async function forward(rpcUrl: string, method: string, params: unknown[]): Promise<Answer> {
  const response = await fetch(rpcUrl, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify({ jsonrpc: "2.0", id: 1, method, params }),
  });
  const body = (await response.json()) as {
    result?: unknown;
    error?: { code: number; message: string; data?: unknown };
  };
  return body.error ? { error: body.error } : { result: body.result ?? null };
}

export interface WalletOptions {
  /**
   * The wallet starts on another chain (1) and does not know the exchange's: switching answers
   * 4902 until the app adds the chain with wallet_addEthereumChain, as a fresh MetaMask does.
   */
  unknownChain?: boolean;
  /** Receives every request the page makes of the wallet, in order. */
  requests?: { method: string; params: unknown[] }[];
}

const unknownChainError = { error: { code: 4902, message: "Unrecognized chain ID" } };

function walletAnswers(wallet: HDNodeWallet, rpcUrl: string, chainIdHex: string, options: WalletOptions) {
  let current = options.unknownChain ? "0x1" : chainIdHex;
  let known = !options.unknownChain;
  return async (method: string, params: unknown[]): Promise<Answer> => {
    options.requests?.push({ method, params });
    switch (method) {
      case "eth_requestAccounts":
      case "eth_accounts":
        return { result: [wallet.address] };
      case "eth_chainId":
        return { result: current };
      case "wallet_switchEthereumChain": {
        const wanted = (params[0] as { chainId: string }).chainId;
        if (wanted !== chainIdHex || !known) return unknownChainError;
        current = wanted;
        return { result: null };
      }
      case "wallet_addEthereumChain": {
        const chain = params[0] as { chainId: string; rpcUrls?: string[] };
        if (chain.chainId !== chainIdHex || !chain.rpcUrls?.length) return unknownChainError;
        known = true;
        current = chainIdHex;
        return { result: null };
      }
      case "personal_sign":
        return { result: await wallet.signMessage(getBytes(params[0] as string)) };
      case "eth_signTypedData_v4": {
        const typed = JSON.parse(params[1] as string) as {
          domain: Record<string, unknown>;
          types: Record<string, TypedDataField[]>;
          message: Record<string, unknown>;
        };
        const { EIP712Domain: _domain, ...types } = typed.types;
        return { result: await wallet.signTypedData(typed.domain, types, typed.message) };
      }
      case "eth_sendTransaction": {
        const tx = params[0] as { to?: string; data?: string; value?: string; gas?: string };
        const sent = await wallet.sendTransaction({
          to: tx.to,
          data: tx.data,
          value: tx.value ?? 0n,
          gasLimit: tx.gas,
        });
        return { result: sent.hash };
      }
      default:
        return forward(rpcUrl, method, params);
    }
  };
}

/** Gives every page of `context` a wallet holding Hardhat account `index`. */
export async function injectWallet(
  context: BrowserContext,
  rpcUrl: string,
  index: number,
  options: WalletOptions = {},
): Promise<HDNodeWallet> {
  const provider = new JsonRpcProvider(rpcUrl, undefined, { staticNetwork: true });
  const wallet = hardhatAccount(index, provider);
  const chainIdHex = `0x${(await provider.getNetwork()).chainId.toString(16)}`;
  const answer = walletAnswers(wallet, rpcUrl, chainIdHex, options);
  await context.exposeBinding("__techexWallet", async (_source, method: string, paramsJson: string) => {
    try {
      return JSON.stringify(await answer(method, JSON.parse(paramsJson) as unknown[]));
    } catch (error) {
      const e = error as {
        code?: unknown;
        message?: string;
        info?: { error?: { code: number; message: string; data?: unknown } };
      };
      const rpc = e.info?.error;
      return JSON.stringify({ error: rpc ?? { code: -32603, message: e.message ?? String(error) } });
    }
  });
  await context.addInitScript(() => {
    const bridge = (window as unknown as { __techexWallet(method: string, params: string): Promise<string> })
      .__techexWallet;
    const provider = {
      isTechExTestWallet: true,
      async request({ method, params }: { method: string; params?: unknown[] }) {
        const answer = JSON.parse(await bridge(method, JSON.stringify(params ?? []))) as {
          result?: unknown;
          error?: { code: number; message: string; data?: unknown };
        };
        if (answer.error) throw Object.assign(new Error(answer.error.message), answer.error);
        return answer.result;
      },
      on() {},
      removeListener() {},
    };
    const info = {
      uuid: "6f1c7f4e-5d6b-4a52-9b77-7e4c0f8f2a11",
      name: "Test Wallet",
      icon: "data:image/svg+xml,%3Csvg xmlns='http://www.w3.org/2000/svg'/%3E",
      rdns: "org.techex.test",
    };
    (window as unknown as { ethereum: unknown }).ethereum = provider;
    const announce = () =>
      window.dispatchEvent(
        new CustomEvent("eip6963:announceProvider", { detail: Object.freeze({ info, provider }) }),
      );
    window.addEventListener("eip6963:requestProvider", announce);
    announce();
  });
  return wallet;
}
