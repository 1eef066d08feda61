/** The kiosk's durable outbox: every check-in is written here first (IndexedDB survives a reload, a crash and a
 * day offline), then sent by the drainer and deleted once the server has it. A typed PIN waits here only until
 * its check-in is delivered or refused; nothing is kept after that. */

export type Pending = {
  eventId: string; // crypto.randomUUID() on the tablet: the server stores each id once
  occurredAt: string; // the tablet's clock when the person checked in (ISO, UTC)
  seq: number; // Date.now() at enqueue, for FIFO order among equal times
  badgeToken?: string;
  employeeNumber?: string;
  pin?: string;
  direction?: 'in' | 'out';
};

const DB = 'seen-kiosk';
const STORE = 'checkins';

let opening: Promise<IDBDatabase> | null = null;

function open(): Promise<IDBDatabase> {
  opening ??= new Promise((resolve, reject) => {
    const req = indexedDB.open(DB, 1);
    req.onupgradeneeded = () => {
      req.result.createObjectStore(STORE, { keyPath: 'eventId' });
    };
    req.onsuccess = () => resolve(req.result);
    req.onerror = () => {
      opening = null;
      reject(req.error ?? new Error('indexedDB open failed'));
    };
  });
  return opening;
}

async function run<T>(mode: IDBTransactionMode, work: (store: IDBObjectStore) => IDBRequest<T>): Promise<T> {
  const db = await open();
  return new Promise((resolve, reject) => {
    const tx = db.transaction(STORE, mode);
    const req = work(tx.objectStore(STORE));
    // Resolve on commit, not on the request: a check-in is "saved" only once it is durable.
    tx.oncomplete = () => resolve(req.result);
    tx.onerror = () => reject(tx.error ?? new Error('indexedDB write failed'));
    tx.onabort = () => reject(tx.error ?? new Error('indexedDB write aborted'));
  });
}

const listeners = new Set<() => void>();

/** Called after every change of the queue (the screen shows its depth). */
export function onQueueChange(fn: () => void): () => void {
  listeners.add(fn);
  return () => listeners.delete(fn);
}

function changed(): void {
  listeners.forEach((fn) => fn());
}

export async function enqueue(item: Pending): Promise<void> {
  await run('readwrite', (s) => s.put(item));
  changed();
}

export async function remove(eventId: string): Promise<void> {
  await run('readwrite', (s) => s.delete(eventId));
  changed();
}

/** Oldest first: the server's synced-through for this kiosk relies on in-order delivery. */
export async function pending(): Promise<Pending[]> {
  const all = (await run('readonly', (s) => s.getAll())) as Pending[];
  return all.sort((a, b) => a.occurredAt.localeCompare(b.occurredAt) || a.seq - b.seq);
}

export async function depth(): Promise<number> {
  return run('readonly', (s) => s.count());
}

/** A new check-in, stamped on the tablet. */
export function newCheckIn(who: Pick<Pending, 'badgeToken' | 'employeeNumber' | 'pin' | 'direction'>): Pending {
  const now = new Date();
  return { eventId: uuid(), occurredAt: now.toISOString(), seq: now.getTime(), ...who };
}

/** crypto.randomUUID needs a secure context; a tablet on a plain-http LAN address has only getRandomValues. */
function uuid(): string {
  if (typeof crypto.randomUUID === 'function' && isSecureContext) return crypto.randomUUID();
  const b = crypto.getRandomValues(new Uint8Array(16));
  b[6] = (b[6]! & 0x0f) | 0x40; // version 4
  b[8] = (b[8]! & 0x3f) | 0x80; // RFC 4122 variant
  const h = Array.from(b, (x) => x.toString(16).padStart(2, '0')).join('');
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-${h.slice(12, 16)}-${h.slice(16, 20)}-${h.slice(20)}`;
}
