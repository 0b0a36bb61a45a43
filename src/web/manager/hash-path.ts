/**
 * What a tab shows, after the tab in the URL hash (`#subscriptions/12` → ['12']), so a
 * subscription or a call can be linked to from another table, and a reload stays on it.
 */
import { useEffect, useState } from 'preact/hooks';

function read(): string[] {
  return location.hash.replace(/^#\/?/, '').split('/').slice(1).filter(Boolean).map(decodeURIComponent);
}

/** The hash parts after the tab, kept up to date. */
export function useHashPath(): string[] {
  const [path, setPath] = useState(read);
  useEffect(() => {
    const on = () => setPath(read());
    addEventListener('hashchange', on);
    return () => removeEventListener('hashchange', on);
  }, []);
  return path;
}

/** The link to a tab and what it shows, e.g. hashLink('calls', id). */
export function hashLink(tab: string, ...parts: Array<string | number>): string {
  return `#${[tab, ...parts.map((p) => encodeURIComponent(String(p)))].join('/')}`;
}
