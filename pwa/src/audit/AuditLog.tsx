/** Audit log (audit:read): newest first, each entry with a field-by-field before/after diff. */
import type { JSX } from 'preact';
import { useEffect, useState } from 'preact/hooks';
import { gql } from '../api/client';
import { errorText } from '../api/errors';
import type { AuditLogQuery } from '../gql/graphql';
import { t } from '../i18n';
import { formatInstant } from '../lib/dates';
import { useQuery } from '../lib/useQuery';
import { orgZone, type Session } from '../shell/session';
import { ErrorNote, Loading, Page, Status } from '../ui/kit';
import { AuditDiff } from './AuditDiff';
import { AuditLogDocument } from '../gql/graphql';

type Entry = AuditLogQuery['auditLog']['edges'][number]['node'];
const PAGE = 25;

export function AuditLog({ session }: { session: Session }): JSX.Element {
  const { data, error, loading, reload } = useQuery(AuditLogDocument, { first: PAGE, after: null });
  const [rows, setRows] = useState<Entry[]>([]);
  const [cursor, setCursor] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const [moreError, setMoreError] = useState<string | null>(null);
  const zone = orgZone(session);

  useEffect(() => {
    setRows(data?.auditLog.edges.map((e) => e.node) ?? []);
    setCursor(data?.auditLog.pageInfo.hasNextPage ? data.auditLog.pageInfo.endCursor ?? null : null);
  }, [data]);

  async function loadMore(): Promise<void> {
    if (!cursor) return;
    setBusy(true);
    setMoreError(null);
    try {
      const page = await gql(AuditLogDocument, { first: PAGE, after: cursor });
      setRows((r) => [...r, ...page.auditLog.edges.map((e) => e.node)]);
      setCursor(page.auditLog.pageInfo.hasNextPage ? page.auditLog.pageInfo.endCursor ?? null : null);
    } catch (err) {
      setMoreError(errorText(err));
    } finally {
      setBusy(false);
    }
  }

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
      <Status text={moreError} tone="error" />
      {cursor ? (
        <button type="button" class="btn btn-secondary btn-block" onClick={loadMore} disabled={busy} aria-busy={busy}>
          {t('app.loadMore')}
        </button>
      ) : null}
    </Page>
  );
}
