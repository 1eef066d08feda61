/** Inbox: newest first in the reader's language; opening one marks it read and goes where it points. */
import type { JSX } from 'preact';
import { useEffect, useState } from 'preact/hooks';
import { gql } from '../api/client';
import { errorText, userErrorText } from '../api/errors';
import type { NotificationsQuery } from '../gql/graphql';
import { localized, t } from '../i18n';
import { formatInstant } from '../lib/dates';
import { isAppPath, navigate } from '../lib/router';
import { usePagedQuery } from '../lib/usePagedQuery';
import { orgZone, type Session } from '../shell/session';
import { ErrorNote, LoadMore, Loading, Page, Status } from '../ui/kit';
import { Icon } from '../ui/icons';
import { refreshUnreadCount, setUnreadCount, useUnreadCount } from './unread';
import { MarkAllNotificationsReadDocument, MarkNotificationsReadDocument, NotificationsDocument } from '../gql/graphql';

type Item = NotificationsQuery['notifications']['edges'][number]['node'];
const PAGE = 20;

export function Inbox({ session }: { session: Session }): JSX.Element {
  const { data, error, loading, reload, rows, setRows, hasMore, loadMore, loadingMore, moreError } = usePagedQuery(
    NotificationsDocument,
    { first: PAGE, after: null },
    (r) => r.notifications,
  );
  const [busy, setBusy] = useState(false);
  const [opening, setOpening] = useState<string | null>(null);
  const [status, setStatus] = useState<{ text: string; tone: 'ok' | 'error' } | null>(null);
  const unread = useUnreadCount();
  const zone = orgZone(session);

  useEffect(() => {
    if (data) void refreshUnreadCount();
  }, [data]);

  async function open(item: Item): Promise<void> {
    setOpening(item.id);
    if (!item.readAt) {
      try {
        const res = await gql(MarkNotificationsReadDocument, { ids: [item.id] });
        const r = res.markNotificationsRead;
        if (r.__typename === 'NotificationsMarkedRead') setUnreadCount(r.unreadCount);
      } catch {
        /* still open it; it simply stays unread */
      }
    }
    setOpening(null);
    navigate(isAppPath(item.link) ? item.link : '/');
  }

  async function markAll(): Promise<void> {
    setBusy(true);
    setStatus(null);
    try {
      const res = await gql(MarkAllNotificationsReadDocument);
      const r = res.markAllNotificationsRead;
      if (r.__typename === 'UserError') {
        setStatus({ text: userErrorText(r), tone: 'error' });
      } else {
        const now = new Date().toISOString();
        setRows((list) => list.map((n) => (n.readAt ? n : { ...n, readAt: now })));
        setUnreadCount(r.unreadCount);
        setStatus({ text: t('inbox.allRead'), tone: 'ok' });
      }
    } catch (err) {
      setStatus({ text: errorText(err), tone: 'error' });
    } finally {
      setBusy(false);
    }
  }

  const anyUnread = (unread ?? 0) > 0 || rows.some((r) => !r.readAt);
  return (
    <Page
      title={t('inbox.title')}
      actions={
        <button type="button" class="btn btn-small btn-secondary" onClick={markAll} disabled={busy || !anyUnread || session.offline}>
          {t('inbox.markAll')}
        </button>
      }
    >
      <p class="muted list-caption" aria-live="polite">
        {data ? (unread ? t('inbox.unreadLabel', { count: unread }) : t('inbox.noUnread')) : ''}
      </p>
      <Status text={status?.text ?? null} tone={status?.tone ?? 'ok'} />
      {error ? (
        <ErrorNote error={error} onRetry={reload} />
      ) : loading && !data ? (
        <Loading lines={6} />
      ) : rows.length === 0 ? (
        <p class="muted">{t('inbox.empty')}</p>
      ) : (
        <ul class="inbox">
          {rows.map((n) => {
            const title = localized(n.titleEn, n.titleZh);
            const body = localized(n.bodyEn, n.bodyZh);
            return (
              <li key={n.id} class={n.readAt ? 'is-read' : 'is-unread'}>
                <a
                  href={isAppPath(n.link) ? n.link : '/'}
                  aria-busy={opening === n.id ? true : undefined}
                  onClick={(e) => {
                    if (e.button !== 0 || e.metaKey || e.ctrlKey || e.shiftKey || e.altKey) return;
                    e.preventDefault();
                    void open(n);
                  }}
                >
                  <span class="inbox-dot" aria-hidden="true" />
                  <span class="inbox-text">
                    <span class="inbox-title">
                      {n.readAt ? null : <span class="visually-hidden">{t('inbox.unread')}: </span>}
                      {title}
                    </span>
                    {body ? <span class="inbox-body">{body}</span> : null}
                    <time class="muted" dateTime={n.createdAt}>
                      {formatInstant(n.createdAt, zone)}
                    </time>
                  </span>
                  <Icon name="chevron" size={20} />
                </a>
              </li>
            );
          })}
        </ul>
      )}
      <LoadMore error={moreError} hasMore={hasMore} loading={loadingMore} onMore={loadMore} />
    </Page>
  );
}
