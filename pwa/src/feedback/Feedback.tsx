/** Feedback: praise and coaching you received (managers: also what you gave), with the giver and the value. */
import type { JSX } from 'preact';
import { useId, useState } from 'preact/hooks';
import { can } from '../api/me';
import { localized, t } from '../i18n';
import { formatInstantDate } from '../lib/dates';
import { useHighlight } from '../lib/highlight';
import { useSearchParams } from '../lib/router';
import { usePagedQuery } from '../lib/usePagedQuery';
import { orgZone, type Session } from '../shell/session';
import { ErrorNote, LoadMore, Loading, Page } from '../ui/kit';
import { MyFeedbackDocument } from '../gql/graphql';

const PAGE = 20;

export function Feedback({ session }: { session: Session }): JSX.Element {
  const highlight = useSearchParams().get('highlight');
  const canGive = (session.me.employee?.reports.length ?? 0) > 0 || can(session.me, 'recognition:give_anyone');
  const [given, setGiven] = useState(false);
  const { data, error, loading, reload, rows, setRows, hasMore, loadMore, loadingMore, moreError } = usePagedQuery(
    MyFeedbackDocument,
    { first: PAGE, after: null, given },
    (r) => r.myFeedback,
  );
  const zone = orgZone(session);
  const groupId = useId();


  useHighlight(highlight && !given ? `feedback-${highlight}` : null, rows.length > 0);

  return (
    <Page title={t('feedback.title')} back="/">
      {canGive ? (
        <fieldset class="segmented">
          <legend class="visually-hidden">{t('feedback.show')}</legend>
          {[false, true].map((g) => (
            <label key={String(g)} class={g === given ? 'on' : ''}>
              <input type="radio" name={`fb-${groupId}`} checked={g === given} onChange={() => setGiven(g)} />
              {t(g ? 'feedback.given' : 'feedback.received')}
            </label>
          ))}
        </fieldset>
      ) : null}
      <p class="muted list-caption" aria-live="polite">
        {data && !loading ? t('feedback.count', { count: data.myFeedback.totalCount }) : ''}
      </p>
      {error ? (
        <ErrorNote error={error} onRetry={reload} />
      ) : loading && !data ? (
        <Loading lines={5} />
      ) : rows.length === 0 ? (
        <p class="muted">{t(given ? 'feedback.emptyGiven' : 'feedback.empty')}</p>
      ) : (
        <ol class="feedback-list" aria-busy={loading}>
          {rows.map((f) => {
            const other = given ? f.receiver : f.giver;
            const lit = !given && f.id === highlight;
            return (
              <li
                key={f.id}
                id={`feedback-${f.id}`}
                class={`card feedback-item feedback-${f.kind.toLowerCase()}${lit ? ' is-highlighted' : ''}`}
                tabIndex={lit ? -1 : undefined}
                aria-current={lit ? 'true' : undefined}
              >
                <p class="feedback-head">
                  <span class={`tag ${f.kind === 'PRAISE' ? '' : 'tag-quiet'}`}>{t(f.kind === 'PRAISE' ? 'feedback.praise' : 'feedback.coaching')}</span>
                  {f.value ? <span class="tag tag-value">{localized(f.value.nameEn, f.value.nameZh)}</span> : null}
                  {f.kind === 'PRAISE' ? <span class="muted">{t(f.isPublic ? 'feedback.public' : 'feedback.private')}</span> : null}
                </p>
                <p class="feedback-message">{f.message}</p>
                <p class="muted">
                  {other ? (
                    <>
                      {t(given ? 'feedback.to' : 'feedback.from')} <a href={`/community/${encodeURIComponent(other.id)}`}>{other.name}</a> ·{' '}
                    </>
                  ) : null}
                  <time dateTime={f.createdAt}>{formatInstantDate(f.createdAt, zone)}</time>
                  {f.dimension ? ` · ${t('feedback.dimension', { dimension: f.dimension })}` : ''}
                </p>
              </li>
            );
          })}
        </ol>
      )}
      <LoadMore error={moreError} hasMore={hasMore} loading={loadingMore} onMore={loadMore} />
    </Page>
  );
}
