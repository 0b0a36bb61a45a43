/** Small Preact hooks the consoles share: loading an API resource, and a server-sent event stream. */
import { useCallback, useEffect, useRef, useState } from 'preact/hooks';
import { errorText } from '../i18n/error-text.js';
import { fetchMe } from './api.js';

export interface Resource<T> {
  data: T | undefined;
  error: string | null;
  loading: boolean;
  /** Loads again (after a change, or on a live event). */
  reload: () => Promise<void>;
}

/** Loads `load()` when `deps` change; `reload()` for the rest. Keeps the last data while reloading. */
export function useResource<T>(load: () => Promise<T>, deps: unknown[] = []): Resource<T> {
  const [data, setData] = useState<T | undefined>(undefined);
  const [error, setError] = useState<string | null>(null);
  const [loading, setLoading] = useState(true);
  const loadRef = useRef(load);
  loadRef.current = load;
  const generation = useRef(0);
  const reload = useCallback(async () => {
    const mine = ++generation.current;
    setLoading(true);
    try {
      const value = await loadRef.current();
      if (mine === generation.current) {
        setData(value);
        setError(null);
      }
    } catch (err) {
      if (mine === generation.current) setError(errorMessage(err));
    } finally {
      if (mine === generation.current) setLoading(false);
    }
  }, []);
  // The caller's deps decide when to load again (reload itself never changes).
  useEffect(() => void reload(), deps);
  return { data, error, loading, reload };
}

/** Runs `load` now and every `ms` while the page is open (for figures that change by themselves). */
export function useInterval(fn: () => void, ms: number | null): void {
  const ref = useRef(fn);
  ref.current = fn;
  useEffect(() => {
    if (ms === null) return;
    const id = setInterval(() => ref.current(), ms);
    return () => clearInterval(id);
  }, [ms]);
}

/**
 * Subscribes to a server-sent event stream (EventSource sends the session cookie) and calls
 * `onEvent(name, data)` for each named event. EventSource reconnects by itself.
 */
export function useEventStream(url: string | null, events: string[], onEvent: (name: string, data: unknown) => void): { connected: boolean } {
  const [connected, setConnected] = useState(false);
  const handler = useRef(onEvent);
  handler.current = onEvent;
  // Bumped to open a new EventSource after the browser gave up on the old one.
  const [attempt, setAttempt] = useState(0);
  useEffect(() => {
    if (!url) return;
    const source = new EventSource(url);
    let retry: ReturnType<typeof setTimeout> | undefined;
    source.onopen = () => setConnected(true);
    source.onerror = () => {
      setConnected(false);
      // CONNECTING: the browser retries by itself. CLOSED: the server refused the stream (an
      // HTTP error, e.g. the session expired), which EventSource never retries. Asking who we
      // are sends an expired session to sign-in (api() does); otherwise try again shortly.
      if (source.readyState !== EventSource.CLOSED) return;
      void fetchMe()
        .catch(() => undefined)
        .finally(() => {
          retry = setTimeout(() => setAttempt((n) => n + 1), 3000);
        });
    };
    for (const name of events) {
      source.addEventListener(name, (e) => {
        let data: unknown = null;
        try {
          data = JSON.parse((e as MessageEvent<string>).data);
        } catch {
          data = (e as MessageEvent<string>).data;
        }
        handler.current(name, data);
      });
    }
    return () => {
      clearTimeout(retry);
      source.close();
    };
    // Event names by value: a new array of the same names must not reopen the stream.
  }, [url, events.join(','), attempt]);
  return { connected };
}

/** The message to show for a failed action, in the user's language. */
export const errorMessage = errorText;

/**
 * An action button's state: `run(fn)` runs one action at a time, keeps its error for the
 * page to show, and returns whether it succeeded.
 */
export function useAction(): { busy: boolean; error: string | null; run: (fn: () => Promise<unknown>) => Promise<boolean>; clear: () => void } {
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const run = useCallback(async (fn: () => Promise<unknown>) => {
    setBusy(true);
    setError(null);
    try {
      await fn();
      return true;
    } catch (err) {
      setError(errorMessage(err));
      return false;
    } finally {
      setBusy(false);
    }
  }, []);
  return { busy, error, run, clear: () => setError(null) };
}
