/// <reference lib="webworker" />
/**
 * Service worker: precaches the app shell, serves index.html for navigations (so an offline reload
 * still renders), and handles Web Push. GraphQL and auth requests always go to the network; the app
 * itself keeps the last `me` response for offline use.
 */
import { cleanupOutdatedCaches, createHandlerBoundToURL, precacheAndRoute } from 'workbox-precaching';
import { NavigationRoute, registerRoute } from 'workbox-routing';

declare const self: ServiceWorkerGlobalScope & { __WB_MANIFEST: (string | { url: string; revision: string | null })[] };

precacheAndRoute(self.__WB_MANIFEST);
cleanupOutdatedCaches();

registerRoute(
  new NavigationRoute(createHandlerBoundToURL('/index.html'), {
    // Downloads (/exports/) and Open Badges documents are served by the API, never by the app shell.
    denylist: [/^\/graphql/, /^\/auth\//, /^\/healthz/, /^\/exports\//, /^\/openbadges\//, /^\/sw\.js$/, /^\/manifest\.webmanifest$/],
  }),
);

self.addEventListener('install', () => {
  void self.skipWaiting();
});

self.addEventListener('activate', (event) => {
  event.waitUntil(self.clients.claim());
});

type PushPayload = { title?: string; body?: string; url?: string; tag?: string };

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
  const title = payload.title || 'Seen';
  const options: NotificationOptions = {
    body: payload.body ?? '',
    icon: '/icons/icon-192.png',
    badge: '/icons/icon-192.png',
    data: { url: safeUrl(payload.url) },
    ...(payload.tag ? { tag: payload.tag } : {}),
  };
  event.waitUntil(self.registration.showNotification(title, options));
});

self.addEventListener('notificationclick', (event) => {
  event.notification.close();
  const data = event.notification.data as { url?: string } | null;
  const target = safeUrl(data?.url);
  event.waitUntil(
    (async () => {
      const windows = await self.clients.matchAll({ type: 'window', includeUncontrolled: true });
      for (const client of windows) {
        if (client.url === target && 'focus' in client) return void (await client.focus());
      }
      const sameOrigin = windows.find((c) => new URL(c.url).origin === self.location.origin);
      if (sameOrigin) {
        const navigated = await sameOrigin.navigate(target).catch(() => null);
        await (navigated ?? sameOrigin).focus();
        return;
      }
      await self.clients.openWindow(target);
    })(),
  );
});
