/** Message lookup and the current UI language. Components read `t`; App re-renders on change. */
import { en } from './en';
import { zhCN } from './zh-CN';
import type { Catalogue, MessageKey, Plural } from './types';
import type { Locale as ApiLocale } from '../gql/graphql';

export type { MessageKey } from './types';
export type UiLocale = 'zh-CN' | 'en';

const catalogues: Record<UiLocale, Catalogue> = { 'zh-CN': zhCN, en };
const STORAGE_KEY = 'seen.locale';

let current: UiLocale = initialLocale();
const listeners = new Set<(l: UiLocale) => void>();

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

export function setLocale(next: UiLocale): void {
  try {
    localStorage.setItem(STORAGE_KEY, next);
  } catch {
    /* not persisted on this device; the server keeps it per user */
  }
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
  const msg = catalogues[current][key] as string | Plural;
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
  return Object.prototype.hasOwnProperty.call(en, key);
}
