// Loads data for a page; the result says loading, loaded or failed, and stale answers are dropped.
import { useEffect, useState } from "react";

export type Async<T> = { state: "loading" } | { state: "ok"; data: T } | { state: "error"; error: unknown };

export function useAsync<T>(load: () => Promise<T>, deps: readonly unknown[]): Async<T> {
  const [result, setResult] = useState<Async<T>>({ state: "loading" });
  useEffect(() => {
    let current = true;
    load().then(
      (data) => current && setResult({ state: "ok", data }),
      (error: unknown) => current && setResult({ state: "error", error }),
    );
    return () => {
      current = false;
    };
    // callers list what `load` depends on in `deps`
  }, deps);
  return result;
}
