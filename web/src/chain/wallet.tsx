// The connected wallet, its chain and the signed-in session, shared by the whole app.
// Roles are read from the contracts (the AccessManager), never trusted from the client or the API.
import { createContext, useCallback, useContext, useEffect, useMemo, useState, type ReactNode } from "react";
import { api, ApiError, type Status } from "../api/client.ts";
import {
  discoverWallets,
  rpcErrorCode,
  siweMessage,
  toHexUtf8,
  type DiscoveredWallet,
  type Eip1193Provider,
} from "./eip1193.ts";

export type Role = "ADMIN" | "IP_OFFICE" | "PAUSER" | "MEMBER";

export type WalletProblem =
  "NO_WALLET" | "REJECTED" | "WRONG_CHAIN" | "SIGN_IN_UNAVAILABLE" | "SIGN_IN_FAILED" | "FAILED";

interface WalletState {
  status: Status | null;
  statusError: ApiError | null;
  wallets: DiscoveredWallet[];
  provider: Eip1193Provider | null;
  account: string | null;
  chainId: number | null;
  expectedChainId: number | null;
  roles: Role[];
  signedIn: boolean;
  busy: boolean;
  problem: WalletProblem | null;
  connect(wallet?: DiscoveredWallet): Promise<void>;
  switchChain(): Promise<void>;
  signIn(): Promise<void>;
  signOut(): Promise<void>;
  disconnect(): void;
}

const WalletContext = createContext<WalletState | null>(null);

export function WalletProvider({ children }: { children: ReactNode }) {
  const [status, setStatus] = useState<Status | null>(null);
  const [statusError, setStatusError] = useState<ApiError | null>(null);
  const [wallets, setWallets] = useState<DiscoveredWallet[]>([]);
  const [provider, setProvider] = useState<Eip1193Provider | null>(null);
  const [account, setAccount] = useState<string | null>(null);
  const [chainId, setChainId] = useState<number | null>(null);
  const [roles, setRoles] = useState<Role[]>([]);
  const [signedIn, setSignedIn] = useState(false);
  const [busy, setBusy] = useState(false);
  const [problem, setProblem] = useState<WalletProblem | null>(null);

  useEffect(() => {
    api.status().then(setStatus, (error: ApiError) => setStatusError(error));
    return discoverWallets(setWallets);
  }, []);

  const expectedChainId = status?.deployment ? Number(status.deployment.chainId) : null;

  useEffect(() => {
    if (!provider?.on) return;
    const accountsChanged = (...args: unknown[]) => {
      const accounts = args[0] as string[];
      setAccount(accounts[0]?.toLowerCase() ?? null);
      setSignedIn(false);
    };
    const chainChanged = (...args: unknown[]) => setChainId(Number(args[0] as string));
    provider.on("accountsChanged", accountsChanged);
    provider.on("chainChanged", chainChanged);
    return () => {
      provider.removeListener?.("accountsChanged", accountsChanged);
      provider.removeListener?.("chainChanged", chainChanged);
    };
  }, [provider]);

  useEffect(() => {
    setRoles([]);
    if (!provider || !account || !status || chainId !== expectedChainId) return;
    let cancelled = false;
    import("./roles.ts")
      .then(({ readRoles }) => readRoles(provider, status.deployment, account))
      .then(
        (found) => !cancelled && setRoles(found),
        () => !cancelled && setRoles([]),
      );
    return () => {
      cancelled = true;
    };
  }, [provider, account, chainId, expectedChainId, status]);

  const switchTo = useCallback(
    async (target: Eip1193Provider) => {
      if (expectedChainId === null) return;
      const hexId = `0x${expectedChainId.toString(16)}`;
      try {
        await target.request({ method: "wallet_switchEthereumChain", params: [{ chainId: hexId }] });
      } catch (error) {
        if (rpcErrorCode(error) !== 4902 || !status?.chain.rpcUrl) throw error;
        await target.request({
          method: "wallet_addEthereumChain",
          params: [
            {
              chainId: hexId,
              chainName: `TechEx ${expectedChainId}`,
              rpcUrls: [status.chain.rpcUrl],
              nativeCurrency: { name: "Ether", symbol: "ETH", decimals: 18 },
            },
          ],
        });
      }
      setChainId(Number(await target.request({ method: "eth_chainId" })));
    },
    [expectedChainId, status],
  );

  const connect = useCallback(
    async (wallet?: DiscoveredWallet) => {
      const chosen = wallet ?? wallets[0];
      setProblem(null);
      if (!chosen) {
        setProblem("NO_WALLET");
        return;
      }
      setBusy(true);
      try {
        const accounts = (await chosen.provider.request({ method: "eth_requestAccounts" })) as string[];
        setProvider(chosen.provider);
        setAccount(accounts[0]?.toLowerCase() ?? null);
        const current = Number(await chosen.provider.request({ method: "eth_chainId" }));
        setChainId(current);
        if (expectedChainId !== null && current !== expectedChainId) {
          await switchTo(chosen.provider).catch(() => setProblem("WRONG_CHAIN"));
        }
      } catch (error) {
        setProblem(rpcErrorCode(error) === 4001 ? "REJECTED" : "FAILED");
      } finally {
        setBusy(false);
      }
    },
    [wallets, expectedChainId, switchTo],
  );

  const switchChain = useCallback(async () => {
    if (!provider) return;
    setProblem(null);
    await switchTo(provider).catch(() => setProblem("WRONG_CHAIN"));
  }, [provider, switchTo]);

  const signIn = useCallback(async () => {
    if (!provider || !account || chainId === null) return;
    setBusy(true);
    setProblem(null);
    try {
      const [{ nonce }, { getAddress }] = await Promise.all([api.nonce(), import("ethers")]);
      const message = siweMessage({
        domain: window.location.host,
        address: getAddress(account), // EIP-4361 wants the EIP-55 form
        uri: window.location.origin,
        chainId,
        nonce,
        issuedAt: new Date().toISOString(),
        statement: "Sign in to TechEx, the technology exchange of Vietnam's Southeast region.",
      });
      const signature = (await provider.request({
        method: "personal_sign",
        params: [toHexUtf8(message), account],
      })) as string;
      await api.verify(message, signature);
      setSignedIn(true);
    } catch (error) {
      if (error instanceof ApiError)
        setProblem(error.code === "NOT_AVAILABLE" ? "SIGN_IN_UNAVAILABLE" : "SIGN_IN_FAILED");
      else setProblem(rpcErrorCode(error) === 4001 ? "REJECTED" : "SIGN_IN_FAILED");
    } finally {
      setBusy(false);
    }
  }, [provider, account, chainId]);

  const signOut = useCallback(async () => {
    await api.logout().catch(() => undefined);
    setSignedIn(false);
  }, []);

  const disconnect = useCallback(() => {
    setProvider(null);
    setAccount(null);
    setChainId(null);
    setSignedIn(false);
    setProblem(null);
  }, []);

  // A session from an earlier visit counts for the same account. Only a positive answer is taken:
  // a "not signed in" that arrives after a sign-in completed must not undo it.
  useEffect(() => {
    if (!account) return;
    let current = true;
    api.me().then(
      (session) => current && session.address?.toLowerCase() === account && setSignedIn(true),
      () => undefined,
    );
    return () => {
      current = false;
    };
  }, [account]);

  const value = useMemo<WalletState>(
    () => ({
      status,
      statusError,
      wallets,
      provider,
      account,
      chainId,
      expectedChainId,
      roles,
      signedIn,
      busy,
      problem,
      connect,
      switchChain,
      signIn,
      signOut,
      disconnect,
    }),
    [
      status,
      statusError,
      wallets,
      provider,
      account,
      chainId,
      expectedChainId,
      roles,
      signedIn,
      busy,
      problem,
      connect,
      switchChain,
      signIn,
      signOut,
      disconnect,
    ],
  );
  return <WalletContext.Provider value={value}>{children}</WalletContext.Provider>;
}

export function useWallet(): WalletState {
  const value = useContext(WalletContext);
  if (!value) throw new Error("useWallet outside WalletProvider");
  return value;
}

/** The wallet when it is connected to the deployment's chain, else null. */
export function useReadyWallet() {
  const wallet = useWallet();
  const ready =
    wallet.provider && wallet.account && wallet.status && wallet.chainId === wallet.expectedChainId;
  return ready
    ? { ...wallet, provider: wallet.provider!, account: wallet.account!, status: wallet.status! }
    : null;
}
