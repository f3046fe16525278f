// The connected wallet, its chain and the signed-in session, shared by the whole app.
// Roles are read from the contracts (the AccessManager), never trusted from the client or the API.
import {
  createContext,
  useCallback,
  useContext,
  useEffect,
  useMemo,
  useRef,
  useState,
  type ReactNode,
} from "react";
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

/** The rdns of the wallet last connected here, so a reload reconnects it. */
const REMEMBERED_WALLET = "techex.wallet";

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
  // kept so that a wallet connected before the status arrived still lands on the right chain
  const statusRequest = useRef<Promise<Status> | null>(null);

  useEffect(() => {
    statusRequest.current ??= api.status();
    statusRequest.current.then(setStatus, (error: ApiError) => setStatusError(error));
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

  const switchTo = useCallback(async (target: Eip1193Provider, known: Status) => {
    const expected = Number(known.deployment.chainId);
    const hexId = `0x${expected.toString(16)}`;
    const switchChain = () =>
      target.request({ method: "wallet_switchEthereumChain", params: [{ chainId: hexId }] });
    try {
      await switchChain();
    } catch (error) {
      // 4902: the wallet does not know the chain; it can add it only with an RPC URL to reach it
      if (!isUnknownChain(error) || !known.chain.rpcUrl) throw error;
      await target.request({
        method: "wallet_addEthereumChain",
        params: [
          {
            chainId: hexId,
            chainName: `TechEx ${expected}`,
            rpcUrls: [known.chain.rpcUrl],
            nativeCurrency: { name: "Ether", symbol: "ETH", decimals: 18 },
          },
        ],
      });
      // most wallets switch to the chain they add, some only add it
      if (Number(await target.request({ method: "eth_chainId" })) !== expected) await switchChain();
    }
    setChainId(Number(await target.request({ method: "eth_chainId" })));
  }, []);

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
        localStorage.setItem(REMEMBERED_WALLET, chosen.info.rdns);
        setProvider(chosen.provider);
        setAccount(accounts[0]?.toLowerCase() ?? null);
        const current = Number(await chosen.provider.request({ method: "eth_chainId" }));
        setChainId(current);
        const known = status ?? (await statusRequest.current?.catch(() => null)) ?? null;
        if (known && current !== Number(known.deployment.chainId)) {
          await switchTo(chosen.provider, known).catch(() => setProblem("WRONG_CHAIN"));
        }
      } catch (error) {
        setProblem(rpcErrorCode(error) === 4001 ? "REJECTED" : "FAILED");
      } finally {
        setBusy(false);
      }
    },
    [wallets, status, switchTo],
  );

  const switchChain = useCallback(async () => {
    if (!provider || !status) return;
    setProblem(null);
    await switchTo(provider, status).catch(() => setProblem("WRONG_CHAIN"));
  }, [provider, status, switchTo]);

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
    localStorage.removeItem(REMEMBERED_WALLET);
    setProvider(null);
    setAccount(null);
    setChainId(null);
    setSignedIn(false);
    setProblem(null);
  }, []);

  // A wallet connected on an earlier visit (EIP-6963 names it by rdns) is reconnected once it
  // announces itself, without a prompt: eth_accounts answers only for a site it already allowed.
  const reconnectTried = useRef(false);
  useEffect(() => {
    if (reconnectTried.current || account) return;
    const remembered = localStorage.getItem(REMEMBERED_WALLET);
    const wallet = remembered ? wallets.find((w) => w.info.rdns === remembered) : undefined;
    if (!wallet) return;
    reconnectTried.current = true;
    void (async () => {
      try {
        const accounts = (await wallet.provider.request({ method: "eth_accounts" })) as string[];
        if (!accounts[0]) return;
        const current = Number(await wallet.provider.request({ method: "eth_chainId" }));
        setProvider(wallet.provider);
        setAccount(accounts[0].toLowerCase());
        setChainId(current);
      } catch {
        // the wallet no longer allows this site: the visitor connects again
      }
    })();
  }, [wallets, account]);

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

/** EIP-3326's 4902, also where MetaMask Mobile nests it (`data.originalError.code`). */
function isUnknownChain(error: unknown): boolean {
  const nested = (error as { data?: { originalError?: unknown } } | null)?.data?.originalError;
  return rpcErrorCode(error) === 4902 || rpcErrorCode(nested) === 4902;
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
