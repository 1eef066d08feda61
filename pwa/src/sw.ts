/// <reference lib="webworker" />
/**
 * Service worker: precaches the app shell, serves index.html for navigations (so an offline reload
 * still renders), and handles Web Push. GraphQL and auth requests always go to the network; the app
 * itself keeps the last `me` response for offline use.
 */
import { cleanupOutdatedCaches, createHandlerBoundToURL, precacheAndRoute } from 'workbox-precaching';
import { NavigationRoute, registerRoute } from 'workbox-routing';
import { COMPOSER_URL, SHARE_PATH, storeShared } from './feed/shareTarget';

declare const self: ServiceWorkerGlobalScope & { __WB_MANIFEST: (string | { url: string; revision: string | null })[] };

precacheAndRoute(self.__WB_MANIFEST);
cleanupOutdatedCaches();

registerRoute(
  new NavigationRoute(createHandlerBoundToURL('/index.html'), {
    // Downloads (/exports/) and Open Badges documents are served by the API, never by the app shell.
    denylist: [/^\/graphql/, /^\/auth\//, /^\/healthz/, /^\/exports\//, /^\/openbadges\//, /^\/sw\.js$/, /^\/manifest\.webmanifest$/, /^\/files\//, /^\/uploads/, /^\/live\//],
  }),
);

/** The manifest's share_target: a photo shared from the phone's gallery arrives as a multipart POST navigation.
 * Keep the files for the composer (feed/shareTarget.ts) and send the window there (303, so a reload is a GET). */
registerRoute(
  ({ url }) => url.origin === self.location.origin && url.pathname === SHARE_PATH,
  async ({ request }) => {
    try {
      await storeShared(await request.formData());
    } catch (err) {
      console.warn('share target: could not keep the shared files', err);
    }
    return Response.redirect(new URL(COMPOSER_URL, self.location.origin).href, 303);
  },
  'POST',
);

self.addEventListener('install', () => {
  void self.skipWaiting();
});

self.addEventListener('activate', (event) => {
  event.waitUntil(self.clients.claim());
});

/** What the API's Web Push channel sends (backend/notifications/webpush_channel.py build_payload):
 * title and body in the reader's language, an in-app link, the notification kind as tag, its id. */
type PushPayload = { title?: string; body?: string; url?: string; tag?: string; id?: string };

/** What a shown notification carries, read back on click. */
type ShownData = { url: string; id: string | null };

function parsePayload(data: PushMessageData | null): PushPayload {
  if (!data) return {};
  try {
    const parsed: unknown = data.json();
    return parsed && typeof parsed === 'object' ? (parsed as PushPayload) : {};
  } catch {
    return { body: data.text() };
  }
}

/** Only same-origin paths may be opened from a notification. */
function safeUrl(url: string | undefined): string {
  try {
    const u = new URL(url ?? '/', self.location.origin);
    return u.origin === self.location.origin ? u.href : new URL('/', self.location.origin).href;
  } catch {
    return new URL('/', self.location.origin).href;
  }
}

self.addEventListener('push', (event) => {
  const payload = parsePayload(event.data);
  const title = typeof payload.title === 'string' && payload.title ? payload.title : 'Seen';
  const data: ShownData = { url: safeUrl(payload.url), id: typeof payload.id === 'string' ? payload.id : null };
  const options: NotificationOptions & { renotify?: boolean } = {
    body: typeof payload.body === 'string' ? payload.body : '',
    icon: '/icons/icon-192.png',
    badge: '/icons/icon-192.png',
    data,
    // The tag is the notification kind: a newer one of the same kind replaces the old one, and still alerts.
    ...(payload.tag ? { tag: payload.tag, renotify: true } : {}),
  };
  event.waitUntil(
    (async () => {
      await self.registration.showNotification(title, options);
      // Open windows refresh the bell's unread count at once instead of at the next minute.
      const windows = await self.clients.matchAll({ type: 'window' });
      windows.forEach((client) => client.postMessage({ type: 'seen:pushed' }));
    })(),
  );
});

/** Open what a notification points to: focus a window already there, else take over one of ours, else open one. */
async function openNotification(notification: Notification): Promise<void> {
  notification.close();
  const data = notification.data as Partial<ShownData> | null;
  const target = safeUrl(data?.url);
  const windows = await self.clients.matchAll({ type: 'window', includeUncontrolled: true });
  const focus = (client: WindowClient) => client.focus().catch(() => client); // refused outside a click: it is still shown
  const there = windows.find((client) => client.url === target);
  if (there) {
    await focus(there);
    return;
  }
  const sameOrigin = windows.find((c) => new URL(c.url).origin === self.location.origin);
  if (sameOrigin) {
    const navigated = await sameOrigin.navigate(target).catch(() => null);
    if (navigated) {
      await focus(navigated);
      return;
    }
  }
  await self.clients.openWindow(target).catch(() => null);
}

self.addEventListener('notificationclick', (event) => {
  event.waitUntil(openNotification(event.notification));
});

/**
 * Test hook: `{type: 'seen:open-notification', tag}` from one of our own pages runs the click handler
 * above on the notification with that tag that this worker is showing. Headless browsers cannot click
 * a system notification, so the browser tests (tests/e2e/test_push.py) use this. It is harmless: it
 * only opens a same-origin URL that this worker itself put on a notification it is showing, exactly
 * what a tap would do, and only for messages from windows of this origin.
 */
self.addEventListener('message', (event) => {
  const msg = event.data as { type?: unknown; tag?: unknown } | null;
  if (!msg || msg.type !== 'seen:open-notification' || typeof msg.tag !== 'string') return;
  const source = event.source;
  if (!source || !('url' in source) || new URL(source.url).origin !== self.location.origin) return;
  const tag = msg.tag;
  event.waitUntil(
    (async () => {
      const [shown] = await self.registration.getNotifications({ tag });
      if (shown) await openNotification(shown);
    })(),
  );
});
