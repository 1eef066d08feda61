/** Sends the kiosk's queued check-ins, oldest first, one at a time: on start, when the network comes back ('online'),
 * after each new check-in, and on a retry timer with jittered exponential backoff. A delivered or duplicate reply
 * removes the item (the server stores each event id once, so resending is always safe); a refusal (wrong PIN,
 * too old) removes it and is reported; network trouble, server errors and rate limits keep it for later. */
import { ApiError, gql } from '../api/client';
import { KioskCheckInDocument, KioskHeartbeatDocument } from '../gql/graphql';
import { depth, pending, remove, type Pending } from './queue';

export type Outcome =
  | { kind: 'delivered'; item: Pending; name: string; occurredAt: string; duplicate: boolean }
  | { kind: 'refused'; item: Pending; code: string; message: string; field: string | null };

const FIRST_RETRY_MS = 2_000;
const MAX_RETRY_MS = 5 * 60_000;
const POLL_MS = 30_000; // navigator.onLine can be wrong: try now and then anyway
const HEARTBEAT_MS = 5 * 60_000; // an idle kiosk with an empty queue tells the server its days may close

const listeners = new Set<(o: Outcome) => void>();
let running = false;
let again = false;
let failures = 0;
let retryTimer = 0;

export function onOutcome(fn: (o: Outcome) => void): () => void {
  listeners.add(fn);
  return () => listeners.delete(fn);
}

/** The outcome of one check-in, or null if it is not settled within `ms` (it stays queued). */
export function waitFor(eventId: string, ms: number): Promise<Outcome | null> {
  return new Promise((resolve) => {
    const timer = window.setTimeout(() => {
      stop();
      resolve(null);
    }, ms);
    const stop = onOutcome((o) => {
      if (o.item.eventId !== eventId) return;
      window.clearTimeout(timer);
      stop();
      resolve(o);
    });
  });
}

/** Drain now (or right after the drain in progress). */
export function kick(): void {
  if (running) {
    again = true;
    return;
  }
  running = true;
  void (async () => {
    try {
      do {
        again = false;
        await drainOnce();
      } while (again);
    } finally {
      running = false;
    }
  })();
}

function retryLater(minimumMs = 0): void {
  failures += 1;
  const ceiling = Math.min(MAX_RETRY_MS, FIRST_RETRY_MS * 2 ** Math.min(failures - 1, 10));
  const wait = Math.max(minimumMs, ceiling / 2 + Math.random() * (ceiling / 2)); // jitter: tablets do not stampede
  window.clearTimeout(retryTimer);
  retryTimer = window.setTimeout(kick, wait);
}

async function drainOnce(): Promise<void> {
  if (!navigator.onLine) return; // the 'online' event kicks us again
  for (const item of await pending()) {
    let reply;
    try {
      const stillQueued = Math.max(0, (await depth()) - 1);
      reply = (await gql(KioskCheckInDocument, { input: { ...toInput(item), stillQueued } })).kioskCheckIn;
    } catch (err) {
      // Signed out (the app shows the kiosk sign-in; the queue waits), offline, or a server error: keep it.
      if (!(err instanceof ApiError && err.kind === 'unauthenticated')) retryLater();
      return;
    }
    if (reply.__typename === 'UserError' && reply.code === 'RATE_LIMITED') {
      retryLater(15_000);
      return;
    }
    failures = 0;
    await remove(item.eventId);
    const outcome: Outcome =
      reply.__typename === 'KioskCheckIn'
        ? { kind: 'delivered', item, name: reply.employeeName, occurredAt: reply.occurredAt, duplicate: reply.duplicate }
        : { kind: 'refused', item, code: reply.code, message: reply.message, field: reply.field ?? null };
    listeners.forEach((fn) => fn(outcome));
  }
}

function toInput(item: Pending) {
  return {
    eventId: item.eventId,
    occurredAt: item.occurredAt,
    badgeToken: item.badgeToken ?? null,
    employeeNumber: item.employeeNumber ?? null,
    pin: item.pin ?? null,
    direction: item.direction ?? null,
  };
}

/** Start draining for the kiosk screen's lifetime; returns the stop function. */
export function startDrainer(): () => void {
  const online = () => {
    failures = 0;
    kick();
  };
  window.addEventListener('online', online);
  const poll = window.setInterval(kick, POLL_MS);
  const beat = window.setInterval(() => {
    if (!navigator.onLine) return;
    void depth().then((n) => (n === 0 ? gql(KioskHeartbeatDocument, { stillQueued: 0 }) : null)).catch(() => undefined);
  }, HEARTBEAT_MS);
  kick();
  return () => {
    window.removeEventListener('online', online);
    window.clearInterval(poll);
    window.clearInterval(beat);
    window.clearTimeout(retryTimer);
  };
}
