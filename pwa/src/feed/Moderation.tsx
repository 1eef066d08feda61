/** HR's moderation queue (/feed/moderation): open reports grouped per post or comment, with their reasons; hide
 * (with a reason), restore, or dismiss the reports. */
import './feed.css';
import type { JSX } from 'preact';
import { useState } from 'preact/hooks';
import { gql } from '../api/client';
import { errorText, userErrorText } from '../api/errors';
import { DismissReportsDocument, ModerateDocument, ModerationQueueDocument, type ModerationQueueQuery } from '../gql/graphql';
import { t } from '../i18n';
import { useQuery } from '../lib/useQuery';
import type { Session } from '../shell/session';
import { ErrorNote, Loading, Page, Status } from '../ui/kit';
import { fullTime, postTime } from './labels';
import { PostBody } from './PostBody';
import { ReasonDialog } from './ReasonDialog';

type Item = ModerationQueueQuery['moderationQueue'][number];

export function Moderation(_props: { session: Session }): JSX.Element {
  const { data, error, loading, reload } = useQuery(ModerationQueueDocument, {});
  const [hiding, setHiding] = useState<Item | null>(null);
  const [status, setStatus] = useState<{ text: string; tone: 'ok' | 'error' } | null>(null);
  const items = data?.moderationQueue ?? [];

  async function act(item: Item, what: 'hide' | 'restore' | 'dismiss', reason = ''): Promise<string | null> {
    setStatus(null);
    const target = { postId: item.post.id, commentId: item.comment?.id ?? null };
    try {
      const r = what === 'dismiss' ? (await gql(DismissReportsDocument, target)).dismissReports : (await gql(ModerateDocument, { ...target, hide: what === 'hide', reason })).moderate;
      if (r.__typename === 'UserError') return userErrorText(r);
      setStatus({ text: t(`moderation.done.${what}`), tone: 'ok' });
      reload();
      return null;
    } catch (err) {
      return errorText(err);
    }
  }

  const run = (item: Item, what: 'restore' | 'dismiss') => () => void act(item, what).then((e) => e && setStatus({ text: e, tone: 'error' }));

  return (
    <Page title={t('moderation.title')} back="/community/feed">
      <Status text={status?.text ?? null} tone={status?.tone} />
      {error ? (
        <ErrorNote error={error} onRetry={reload} />
      ) : loading && !data ? (
        <Loading lines={4} />
      ) : items.length === 0 ? (
        <p class="muted moderation-empty">{t('moderation.empty')}</p>
      ) : (
        <ul class="moderation-list">
          {items.map((item) => {
            const hidden = (item.comment?.status ?? item.post.status) === 'HIDDEN';
            const what = item.comment ?? item.post;
            return (
              <li key={`${item.post.id}:${item.comment?.id ?? ''}`} class="card moderation-item" data-post={item.post.id} data-hidden={String(hidden)}>
                <p class="muted">
                  {item.comment ? t('moderation.comment') : t('moderation.post')} · {what.author?.name ?? t('feed.formerColleague')} ·{' '}
                  <time dateTime={what.createdAt} title={fullTime(what.createdAt)}>
                    {postTime(what.createdAt)}
                  </time>
                </p>
                <PostBody body={what.body} mentions={[]} />
                <p class="reports">
                  <strong>{t('moderation.reports', { count: item.reportCount })}</strong> · {t('moderation.since', { when: postTime(item.firstReportedAt) })}
                </p>
                <ul class="reasons">
                  {item.reasons.map((r, i) => (
                    <li key={i}>{r}</li>
                  ))}
                </ul>
                <div class="actions">
                  {hidden ? (
                    <button type="button" class="btn btn-secondary btn-small restore" onClick={run(item, 'restore')}>
                      {t('moderation.restore')}
                    </button>
                  ) : (
                    <button type="button" class="btn btn-danger btn-small hide" onClick={() => setHiding(item)}>
                      {t('moderation.hide')}
                    </button>
                  )}
                  <button type="button" class="btn btn-secondary btn-small dismiss" onClick={run(item, 'dismiss')}>
                    {t('moderation.dismiss')}
                  </button>
                </div>
              </li>
            );
          })}
        </ul>
      )}
      {hiding ? (
        <ReasonDialog className="hide-dialog" title={t('moderation.hideTitle')} label={t('moderation.reason')} submit={t('moderation.hide')} onSubmit={(r) => act(hiding, 'hide', r)} onClose={() => setHiding(null)} />
      ) : null}
    </Page>
  );
}
