/** The inbox bell: unread count in the corner of every screen, refreshed on navigation and each minute while visible. */
import type { JSX } from 'preact';
import { useEffect } from 'preact/hooks';
import { t } from '../i18n';
import { Icon } from '../ui/icons';
import { refreshUnreadCount, useUnreadCount } from './unread';

const EVERY_MS = 60_000;

export function Bell(props: { locationKey: string; offline: boolean; current: boolean }): JSX.Element {
  const count = useUnreadCount();

  useEffect(() => {
    if (!props.offline) void refreshUnreadCount();
  }, [props.locationKey, props.offline]);

  useEffect(() => {
    // The service worker says a push arrived: the count is stale now.
    if (!('serviceWorker' in navigator)) return;
    const onMessage = (e: MessageEvent) => {
      if ((e.data as { type?: unknown } | null)?.type === 'seen:pushed') void refreshUnreadCount();
    };
    navigator.serviceWorker.addEventListener('message', onMessage);
    return () => navigator.serviceWorker.removeEventListener('message', onMessage);
  }, []);

  useEffect(() => {
    if (props.offline) return;
    let timer: ReturnType<typeof setInterval> | null = null;
    const start = () => {
      if (timer === null) timer = setInterval(() => void refreshUnreadCount(), EVERY_MS);
    };
    const stop = () => {
      if (timer !== null) clearInterval(timer);
      timer = null;
    };
    const onVisibility = () => {
      if (document.visibilityState === 'visible') {
        void refreshUnreadCount();
        start();
      } else {
        stop();
      }
    };
    if (document.visibilityState === 'visible') start();
    document.addEventListener('visibilitychange', onVisibility);
    return () => {
      stop();
      document.removeEventListener('visibilitychange', onVisibility);
    };
  }, [props.offline]);

  const label = count === null ? t('inbox.title') : count === 0 ? t('inbox.noUnread') : t('inbox.unreadLabel', { count });
  return (
    <a class="bell" href="/inbox" aria-label={label} aria-current={props.current ? 'page' : undefined}>
      <Icon name="bell" />
      {count ? (
        <span class="bell-count" aria-hidden="true">
          {count > 99 ? '99+' : String(count)}
        </span>
      ) : null}
    </a>
  );
}
