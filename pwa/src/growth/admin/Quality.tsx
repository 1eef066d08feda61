/** Data quality (HR): claims waiting for confirmation (with the oldest one's age), disputed records to resolve
 * (reinstate or uphold, with a reason), rejected records, and how many members have gone stale. */
import type { JSX } from 'preact';
import { useState } from 'preact/hooks';
import { t } from '../../i18n';
import { useQuery } from '../../lib/useQuery';
import { orgZone, type Session } from '../../shell/session';
import { ErrorNote, Facts, Loading } from '../../ui/kit';
import { RecordActions } from '../records/RecordActions';
import { RecordCard, type RecordItem } from '../records/RecordCard';
import { GrowthDataQualityDocument } from '../../gql/graphql';

export function Quality({ session }: { session: Session }): JSX.Element {
  const { data, error, reload } = useQuery(GrowthDataQualityDocument, {});
  const [changed, setChanged] = useState<Record<string, RecordItem>>({});
  if (error) return <ErrorNote error={error} onRetry={reload} />;
  if (!data) return <Loading lines={6} />;
  const q = data.growthDataQuality;
  const zone = orgZone(session);
  const list = (rows: RecordItem[], cls: string, empty: string) =>
    rows.length === 0 ? (
      <p class="muted">{empty}</p>
    ) : (
      <ul class={`record-list ${cls}`}>
        {rows.map((r0) => {
          const r = changed[r0.id] ?? r0;
          return (
            <li key={r.id}>
              <RecordCard record={r} zone={zone} showEmployee href={`/growth/people/${encodeURIComponent(r.employee.id)}`}>
                <RecordActions record={r} onChanged={(n) => setChanged((c) => ({ ...c, [n.id]: n }))} />
              </RecordCard>
            </li>
          );
        })}
      </ul>
    );
  return (
    <section aria-labelledby="quality-title" class="growth-quality">
      <h2 id="quality-title" class="section-title">
        {t('growth.quality.title')}
      </h2>
      <div class="card">
        <Facts
          rows={[
            [t('growth.quality.pending'), String(q.pending.length)],
            [t('growth.quality.oldest'), q.oldestPendingDays === null || q.oldestPendingDays === undefined ? null : t('growth.quality.days', { count: q.oldestPendingDays })],
            [t('growth.quality.disputed'), String(q.disputed.length)],
            [t('growth.quality.rejected'), String(q.rejected.length)],
            [t('growth.quality.stale'), String(q.staleMembers)],
          ]}
        />
      </div>
      <h3>{t('growth.quality.disputed')}</h3>
      {list(q.disputed, 'disputed-list', t('growth.quality.noneDisputed'))}
      <h3>{t('growth.quality.pending')}</h3>
      {list(q.pending, 'pending-list', t('growth.quality.nonePending'))}
      <h3>{t('growth.quality.rejected')}</h3>
      {list(q.rejected, 'rejected-list', t('growth.quality.noneRejected'))}
    </section>
  );
}
