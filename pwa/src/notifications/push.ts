/** This device's Web Push subscription: what state it is in, opting in (only ever from a button press) and out.
 * The browser's subscription and the server's copy are kept in step by the settings screen. */

export type PushState = 'unsupported' | 'noWorker' | 'blocked' | 'on' | 'off';

export function pushSupported(): boolean {
  return typeof window !== 'undefined' && 'serviceWorker' in navigator && 'PushManager' in window && 'Notification' in window;
}

/** The service worker registration, or null when there is none (development server, first load failed). */
export async function registration(timeoutMs = 4000): Promise<ServiceWorkerRegistration | null> {
  if (!pushSupported()) return null;
  const existing = await navigator.serviceWorker.getRegistration();
  if (!existing) return null;
  const ready = navigator.serviceWorker.ready;
  const timeout = new Promise<null>((resolve) => setTimeout(() => resolve(null), timeoutMs));
  return Promise.race([ready, timeout]);
}

export async function currentSubscription(): Promise<PushSubscription | null> {
  const reg = await registration();
  return reg ? reg.pushManager.getSubscription() : null;
}

export async function pushState(): Promise<PushState> {
  if (!pushSupported()) return 'unsupported';
  if (Notification.permission === 'denied') return 'blocked';
  const reg = await registration();
  if (!reg) return 'noWorker';
  const sub = await reg.pushManager.getSubscription();
  return sub && Notification.permission === 'granted' ? 'on' : 'off';
}

/** URL-safe base64 (VAPID applicationServerKey) → bytes. */
export function keyBytes(base64url: string): Uint8Array<ArrayBuffer> {
  const pad = '='.repeat((4 - (base64url.length % 4)) % 4);
  const raw = atob((base64url + pad).replace(/-/g, '+').replace(/_/g, '/'));
  const out = new Uint8Array(new ArrayBuffer(raw.length));
  for (let i = 0; i < raw.length; i++) out[i] = raw.charCodeAt(i);
  return out;
}

export type SubscribeOutcome = { ok: true; subscription: PushSubscription } | { ok: false; reason: 'denied' | 'dismissed' | 'noWorker' | 'failed' };

/** Ask for permission (call straight from a click) and subscribe this browser with the server's key. */
export async function subscribeThisDevice(applicationServerKey: string): Promise<SubscribeOutcome> {
  const permission = await Notification.requestPermission();
  if (permission === 'denied') return { ok: false, reason: 'denied' };
  if (permission !== 'granted') return { ok: false, reason: 'dismissed' };
  const reg = await registration();
  if (!reg) return { ok: false, reason: 'noWorker' };
  const options = { userVisibleOnly: true, applicationServerKey: keyBytes(applicationServerKey) };
  try {
    return { ok: true, subscription: await reg.pushManager.subscribe(options) };
  } catch {
    // An old subscription made with another server key blocks a new one: drop it and try once more.
    const old = await reg.pushManager.getSubscription();
    if (!old) return { ok: false, reason: 'failed' };
    await old.unsubscribe().catch(() => false);
    try {
      return { ok: true, subscription: await reg.pushManager.subscribe(options) };
    } catch {
      return { ok: false, reason: 'failed' };
    }
  }
}

/** What subscribePush needs: the endpoint and the two keys as URL-safe base64. */
export function subscriptionInput(sub: PushSubscription): { endpoint: string; p256dh: string; auth: string; userAgent: string } | null {
  const json = sub.toJSON();
  const p256dh = json.keys?.p256dh;
  const auth = json.keys?.auth;
  if (!json.endpoint || !p256dh || !auth) return null;
  return { endpoint: json.endpoint, p256dh, auth, userAgent: navigator.userAgent.slice(0, 300) };
}
