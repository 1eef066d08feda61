/** A tiny history router: the path is state; links and code call navigate(). */
import { useEffect, useMemo, useState } from 'preact/hooks';

const listeners = new Set<() => void>();

export function navigate(path: string, opts: { replace?: boolean } = {}): void {
  if (path === location.pathname + location.search) return;
  if (opts.replace) history.replaceState(null, '', path);
  else history.pushState(null, '', path);
  listeners.forEach((fn) => fn());
}

if (typeof window !== 'undefined') {
  window.addEventListener('popstate', () => listeners.forEach((fn) => fn()));
}

export function usePath(): string {
  const [path, setPath] = useState(location.pathname);
  useEffect(() => {
    const fn = () => setPath(location.pathname);
    listeners.add(fn);
    return () => void listeners.delete(fn);
  }, []);
  return path;
}

/** Same-origin left clicks on <a href> become in-app navigation. */
export function onLinkClick(e: MouseEvent): void {
  if (e.defaultPrevented || e.button !== 0 || e.metaKey || e.ctrlKey || e.shiftKey || e.altKey) return;
  const a = (e.target as Element | null)?.closest('a');
  if (!a || a.target || a.hasAttribute('download')) return;
  const url = new URL(a.href, location.href);
  if (url.origin !== location.origin) return;
  e.preventDefault();
  navigate(url.pathname + url.search);
}

/** The query string (`?highlight=…`, `?to=…`) as params; re-renders when navigation changes it. */
export function useSearchParams(): URLSearchParams {
  const [search, setSearch] = useState(location.search);
  useEffect(() => {
    const fn = () => setSearch(location.search);
    listeners.add(fn);
    fn();
    return () => void listeners.delete(fn);
  }, []);
  return useMemo(() => new URLSearchParams(search), [search]);
}

/** Same-origin in-app paths only ("/wall?x=1"), never "//host" or "https://…" (links from the API). */
export function isAppPath(link: string): boolean {
  return link.startsWith('/') && !link.startsWith('//') && !link.startsWith('/\\');
}
