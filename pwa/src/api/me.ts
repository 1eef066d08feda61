/** The signed-in viewer: fetched on start, kept on this device so the shell renders offline. */
import { MeDocument, type MeQuery } from '../gql/graphql';
import { gql } from './client';

export type Viewer = MeQuery['me'];
export type ViewerEmployee = NonNullable<Viewer['employee']>;

const KEY = 'seen.me.v1';

type Saved = { savedAt: string; me: Viewer };

export function savedViewer(): Saved | null {
  try {
    const raw = localStorage.getItem(KEY);
    return raw ? (JSON.parse(raw) as Saved) : null;
  } catch {
    return null;
  }
}

export function saveViewer(me: Viewer): void {
  try {
    localStorage.setItem(KEY, JSON.stringify({ savedAt: new Date().toISOString(), me } satisfies Saved));
  } catch {
    /* quota or private mode: offline fallback simply will not be available */
  }
}

export function forgetViewer(): void {
  try {
    localStorage.removeItem(KEY);
  } catch {
    /* nothing saved */
  }
}

export async function fetchViewer(): Promise<Viewer> {
  const data = await gql(MeDocument);
  saveViewer(data.me);
  return data.me;
}

export function can(me: Viewer, permission: string): boolean {
  return me.permissions.includes(permission);
}
