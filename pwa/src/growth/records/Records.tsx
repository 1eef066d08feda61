/** My records (/growth/records): every evidence record with its status; filter by status; dispute a rejected or
 * revoked one with a reason; a claim awaiting confirmation opens its QR code. */
import '../growth.css';
import type { JSX } from 'preact';
import { useState } from 'preact/hooks';
import type { RecordStatus } from '../../gql/graphql';
import { t } from '../../i18n';
import { useQuery } from '../../lib/useQuery';
import { orgZone, type Session } from '../../shell/session';
import { Chips, ErrorNote, Loading, Page } from '../../ui/kit';
import { Icon } from '../../ui/icons';
import { RECORD_STATUSES, recordStatusLabel } from '../labels';
import { RecordActions } from './RecordActions';
import { RecordCard, type RecordItem } from './RecordCard';
import { GrowthRecordsDocument } from '../../gql/graphql';

export function Records({ session }: { session: Session }): JSX.Element {
  const [filter, setFilter] = useState<RecordStatus | ''>('');
  const { data, error, reload } = useQuery(GrowthRecordsDocument, { employeeId: null, status: filter || null }, { skip: session.offline });
  const [changed, setChanged] = useState<Record<string, RecordItem>>({});
  const zone = orgZone(session);
  const rows = (data?.growthRecords ?? []).map((r) => changed[r.id] ?? r);
  let body: JSX.Element;
  if (session.offline) body = <p class="muted">{t('growth.needsConnection')}</p>;
  else if (error) body = <ErrorNote error={error} onRetry={reload} />;
  else if (!data) body = <Loading lines={6} />;
  else if (rows.length === 0) body = <p class="muted records-empty">{filter ? t('growth.records.noneWith', { status: recordStatusLabel(filter) }) : t('growth.records.none')}</p>;
  else
    body = (
      <ul class="record-list">
        {rows.map((r) => (
          <li key={r.id}>
            <RecordCard record={r} zone={zone} href={`/growth/records/${encodeURIComponent(r.id)}`}>
              {r.status === 'CLAIMED' && r.confirmationCode ? (
                <p class="card-link">
                  <a class="show-code" href={`/growth/records/${encodeURIComponent(r.id)}`}>
                    {t('growth.records.showCode')} <Icon name="chevron" size={16} />
                  </a>
                </p>
              ) : null}
              <RecordActions record={r} onChanged={(n) => setChanged((c) => ({ ...c, [n.id]: n }))} />
            </RecordCard>
          </li>
        ))}
      </ul>
    );
  return (
    <Page title={t('growth.records.title')} back="/growth">
      <a class="btn btn-primary btn-block to-claim" href="/growth/claim">
        <Icon name="plus" size={20} /> {t('growth.claim.title')}
      </a>
      <Chips
        legend={t('growth.records.filter')}
        name="status"
        value={filter}
        onValue={(v) => setFilter(v as RecordStatus | '')}
        options={[{ value: '', label: t('growth.records.all') }, ...RECORD_STATUSES.map((s) => ({ value: s, label: recordStatusLabel(s) }))]}
      />
      {body}
    </Page>
  );
}
