/** Someone's growth (/growth/people/:id, their managers and HR): their map and their evidence records, with what the
 * viewer may do to each record (confirm, reject; HR: revoke, resolve a dispute). */
import '../growth.css';
import type { JSX } from 'preact';
import { useState } from 'preact/hooks';
import { can } from '../../api/me';
import { t } from '../../i18n';
import { useQuery } from '../../lib/useQuery';
import { orgZone, type Session } from '../../shell/session';
import { ErrorNote, Loading, Page } from '../../ui/kit';
import { MapSkeleton, MapView } from '../map/MapBody';
import { RecordActions } from '../records/RecordActions';
import { RecordCard, type RecordItem } from '../records/RecordCard';
import { GrowthMapDocument, GrowthRecordsDocument } from '../../gql/graphql';

export function PersonMap({ session, id }: { session: Session; id: string }): JSX.Element {
  const map = useQuery(GrowthMapDocument, { employeeId: id }, { skip: session.offline });
  const records = useQuery(GrowthRecordsDocument, { employeeId: id, status: null }, { skip: session.offline });
  const [changed, setChanged] = useState<Record<string, RecordItem>>({});
  const zone = orgZone(session);
  const back = can(session.me, 'growth:confirm') ? '/growth/team' : '/growth/admin';
  const title = map.data?.growthMap.employee.name ?? t('growth.person.title');
  if (session.offline) {
    return (
      <Page title={title} back={back}>
        <p class="muted">{t('growth.needsConnection')}</p>
      </Page>
    );
  }
  const rows = (records.data?.growthRecords ?? []).map((r) => changed[r.id] ?? r);
  return (
    <Page title={title} back={back}>
      {map.data?.growthMap.employee.jobTitle ? <p class="muted">{map.data.growthMap.employee.jobTitle}</p> : null}
      {map.error ? <ErrorNote error={map.error} onRetry={map.reload} /> : map.data ? <MapView map={map.data.growthMap} zone={zone} employeeId={id} /> : <MapSkeleton />}
      <section aria-labelledby="person-records" class="person-records">
        <h2 id="person-records" class="section-title">
          {t('growth.person.records')}
        </h2>
        {records.error ? (
          <ErrorNote error={records.error} onRetry={records.reload} />
        ) : !records.data ? (
          <Loading lines={4} />
        ) : rows.length === 0 ? (
          <p class="muted">{t('growth.records.none')}</p>
        ) : (
          <ul class="record-list">
            {rows.map((r) => (
              <li key={r.id}>
                <RecordCard record={r} zone={zone}>
                  <RecordActions record={r} onChanged={(n) => setChanged((c) => ({ ...c, [n.id]: n }))} />
                </RecordCard>
              </li>
            ))}
          </ul>
        )}
      </section>
    </Page>
  );
}
