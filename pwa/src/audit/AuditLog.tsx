/** Audit log (audit:read): newest first, each entry with a field-by-field before/after diff. */
import type { JSX } from 'preact';
import { t } from '../i18n';
import { formatInstant } from '../lib/dates';
import { usePagedQuery } from '../lib/usePagedQuery';
import { orgZone, type Session } from '../shell/session';
import { ErrorNote, LoadMore, Loading, Page } from '../ui/kit';
import { AuditDiff } from './AuditDiff';
import { AuditLogDocument } from '../gql/graphql';

const PAGE = 25;

export function AuditLog({ session }: { session: Session }): JSX.Element {
  const { data, error, loading, reload, rows, setRows, hasMore, loadMore, loadingMore, moreError } = usePagedQuery(
    AuditLogDocument,
    { first: PAGE, after: null },
    (r) => r.auditLog,
  );
  const zone = orgZone(session);


  return (
    <Page title={t('audit.title')} back="/me">
      {error ? (
        <ErrorNote error={error} onRetry={reload} />
      ) : loading && !data ? (
        <Loading lines={8} />
      ) : rows.length === 0 ? (
        <p class="muted">{t('audit.empty')}</p>
      ) : (
        <ol class="audit">
          {rows.map((e) => (
            <li key={e.id} class="card audit-entry">
              <p class="audit-head">
                <strong>{e.action}</strong>
                <time dateTime={e.at}>{formatInstant(e.at, zone)}</time>
              </p>
              <p class="muted">
                {e.actorLabel} · {t('audit.entity', { type: e.entityType, id: e.entityId })}
              </p>
              <AuditDiff before={e.before} after={e.after} />
            </li>
          ))}
        </ol>
      )}
      <LoadMore error={moreError} hasMore={hasMore} loading={loadingMore} onMore={loadMore} />
    </Page>
  );
}
