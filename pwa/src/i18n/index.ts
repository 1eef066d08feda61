/** Message lookup and the current UI language. Components read `t`; App re-renders on change.
 * Each language's catalogue is its own chunk: only the one in use is fetched (main.tsx waits for it
 * before the first render); switching language fetches the other first, then re-renders. */
import type { Catalogue, MessageKey, Plural } from './types';
import type { Locale as ApiLocale } from '../gql/graphql';

export type { MessageKey } from './types';
export type UiLocale = 'zh-CN' | 'en';

const loaders: Record<UiLocale, () => Promise<Catalogue>> = {
  'zh-CN': () => import('./zh-CN').then((m) => m.zhCN),
  en: () => import('./en').then((m) => m.en),
};
const catalogues: Partial<Record<UiLocale, Catalogue>> = {};
const pending: Partial<Record<UiLocale, Promise<Catalogue>>> = {};
const STORAGE_KEY = 'seen.locale';

let current: UiLocale = initialLocale();
let requested: UiLocale = current;
const listeners = new Set<(l: UiLocale) => void>();

function loadCatalogue(l: UiLocale): Promise<Catalogue> {
  const have = catalogues[l];
  if (have) return Promise.resolve(have);
  pending[l] ??= loaders[l]().then(
    (c) => {
      catalogues[l] = c;
      return c;
    },
    (err: unknown) => {
      delete pending[l];
      throw err;
    },
  );
  return pending[l];
}

/** Resolves once the current language's messages are loaded (or failed to load: `t` then shows keys). */
export function i18nReady(): Promise<void> {
  return loadCatalogue(current).then(
    () => undefined,
    () => undefined,
  );
}

function initialLocale(): UiLocale {
  try {
    const saved = localStorage.getItem(STORAGE_KEY);
    if (saved === 'zh-CN' || saved === 'en') return saved;
  } catch {
    /* storage may be unavailable (private mode); fall through to the browser language */
  }
  const langs = typeof navigator === 'undefined' ? [] : navigator.languages ?? [navigator.language];
  for (const l of langs) {
    if (l.toLowerCase().startsWith('zh')) return 'zh-CN';
    if (l.toLowerCase().startsWith('en')) return 'en';
  }
  return 'zh-CN';
}

export function locale(): UiLocale {
  return current;
}

/** Switch language once its messages are loaded; the last request wins. If they cannot be loaded
 * (offline before the chunk was ever cached) the current language stays. */
export async function setLocale(next: UiLocale): Promise<void> {
  try {
    localStorage.setItem(STORAGE_KEY, next);
  } catch {
    /* not persisted on this device; the server keeps it per user */
  }
  requested = next;
  try {
    await loadCatalogue(next);
  } catch {
    return;
  }
  if (requested !== next) return;
  document.documentElement.lang = next;
  if (next === current) return;
  current = next;
  listeners.forEach((fn) => fn(next));
}

export function onLocaleChange(fn: (l: UiLocale) => void): () => void {
  listeners.add(fn);
  return () => listeners.delete(fn);
}

export function fromApiLocale(l: ApiLocale): UiLocale {
  return l === 'EN' ? 'en' : 'zh-CN';
}

export function toApiLocale(l: UiLocale): ApiLocale {
  return l === 'en' ? 'EN' : 'ZH_CN';
}

type Params = { [name: string]: string | number | boolean | undefined; count?: number; ordinal?: boolean };

function pick(msg: Plural, count: number, ordinal: boolean): string {
  const rule = new Intl.PluralRules(current, ordinal ? { type: 'ordinal' } : undefined).select(count);
  return msg[rule] ?? msg.other;
}

/** Translate a key; `{name}` placeholders are filled from params, plurals pick by `count`. */
export function t(key: MessageKey, params: Params = {}): string {
  const catalogue = catalogues[current] ?? catalogues.en ?? catalogues['zh-CN'];
  const msg = catalogue ? (catalogue[key] as string | Plural) : key;
  const text = typeof msg === 'string' ? msg : pick(msg, params.count ?? 0, params.ordinal === true);
  return text.replace(/\{(\w+)\}/g, (whole, name: string) => {
    const v = params[name];
    if (v === undefined || typeof v === 'boolean') return whole;
    return typeof v === 'number' ? new Intl.NumberFormat(current).format(v) : v;
  });
}

/** Pick the API's text in the reader's language (titleZh/titleEn pairs); falls back to the other. */
export function localized(en: string, zh: string): string {
  return current === 'zh-CN' ? zh || en : en || zh;
}

/** True when the message key exists (used for server error codes we may not know yet). */
export function hasKey(key: string): key is MessageKey {
  const catalogue = catalogues[current] ?? catalogues.en ?? catalogues['zh-CN'] ?? {};
  return Object.prototype.hasOwnProperty.call(catalogue, key);
}
