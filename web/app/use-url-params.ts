import { useCallback, useRef } from "react";
import { useSearchParams } from "react-router";

/**
 * The page's query string as state. Changes made in quick succession (two filters set before the page
 * renders again) build on each other: react-router's functional setter sees the params of the last
 * render, so the second change would otherwise drop the first.
 */
export function useUrlParams() {
  const [params, setParams] = useSearchParams();
  const latest = useRef(params);
  latest.current = params;
  const update = useCallback(
    (change: (next: URLSearchParams) => void, options: { replace?: boolean } = { replace: true }) => {
      const next = new URLSearchParams(latest.current);
      change(next);
      latest.current = next;
      setParams(next, options);
    },
    [setParams],
  );
  return [params, update] as const;
}

/** Sets the named query values on a copy of the params; undefined, null or "" removes the key. */
export function setValues(next: URLSearchParams, changes: Record<string, unknown>): void {
  for (const [key, value] of Object.entries(changes)) {
    if (value === undefined || value === null || value === "") next.delete(key);
    else next.set(key, String(value));
  }
}
