// Live updates: the server pushes an event (SSE, /api/events) after each indexed batch; pages that
// read the API refetch when `useLiveVersion` changes. Without the stream the app still works.
import { createContext, useContext, useEffect, useState, type ReactNode } from "react";

interface Live {
  version: number;
  connected: boolean;
}

const LiveContext = createContext<Live>({ version: 0, connected: false });

export function LiveProvider({ children }: { children: ReactNode }) {
  const [live, setLive] = useState<Live>({ version: 0, connected: false });
  useEffect(() => {
    if (typeof EventSource === "undefined") return;
    const source = new EventSource("/api/events");
    const bump = () => setLive((current) => ({ version: current.version + 1, connected: true }));
    source.onopen = () => setLive((current) => ({ ...current, connected: true }));
    source.onmessage = bump;
    source.addEventListener("batch", bump);
    source.onerror = () => {
      setLive((current) => ({ ...current, connected: false }));
      // a server without the route answers 404: stop asking instead of retrying forever
      if (source.readyState === EventSource.CLOSED) source.close();
    };
    return () => source.close();
  }, []);
  return <LiveContext.Provider value={live}>{children}</LiveContext.Provider>;
}

export function useLive(): Live {
  return useContext(LiveContext);
}

/** Refetch trigger for pages: changes when new chain data was indexed, or on `refresh()`. */
export function useRefresh(): [number, () => void] {
  const { version } = useLive();
  const [local, setLocal] = useState(0);
  return [version + local, () => setLocal((v) => v + 1)];
}
