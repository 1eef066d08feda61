import type { en } from './en';

export type MessageKey = keyof typeof en;
export type Plural = { readonly zero?: string; readonly one?: string; readonly two?: string; readonly few?: string; readonly many?: string; readonly other: string };
export type Message = string | Plural;
/** Every catalogue has exactly the English keys; plural-ness must match. */
export type Catalogue = {
  readonly [K in MessageKey]: (typeof en)[K] extends string ? string : Plural;
};
