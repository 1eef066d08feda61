/** The unread count the bell shows: one shared value, refreshed by the shell and corrected by the inbox. */
import { useEffect, useState } from 'preact/hooks';
import { gql } from '../api/client';
import { UnreadNotificationCountDocument } from '../gql/graphql';

let count: number | null = null;
let inflight: Promise<void> | null = null;
const listeners = new Set<(n: number | null) => void>();

export function setUnreadCount(n: number | null): void {
  count = n;
  listeners.forEach((fn) => fn(n));
}

/** Ask the server; failures (offline) keep the last known number. */
export function refreshUnreadCount(): Promise<void> {
  inflight ??= gql(UnreadNotificationCountDocument)
    .then((d) => setUnreadCount(d.unreadNotificationCount))
    .catch(() => undefined)
    .finally(() => {
      inflight = null;
    });
  return inflight;
}

export function useUnreadCount(): number | null {
  const [n, setN] = useState(count);
  useEffect(() => {
    listeners.add(setN);
    setN(count);
    return () => void listeners.delete(setN);
  }, []);
  return n;
}
