/** Appeals routed to me (HR: all open ones): uphold with an optional corrected value, or reject, always with a
 * written decision. A decided appeal leaves the open list with its outcome announced. */
import type { JSX } from 'preact';
import { useState } from 'preact/hooks';
import type { PerfAppealFragment } from '../../gql/graphql';
import { t } from '../../i18n';
import { useQuery } from '../../lib/useQuery';
import { orgZone, type Session } from '../../shell/session';
import { ErrorNote, Loading, Status } from '../../ui/kit';
import { AppealCard } from '../appeals/AppealCard';
import { dimensionName } from '../labels';
import { DecideForm } from './DecideForm';
import { AppealsToDecideDocument } from '../../gql/graphql';

export function AppealsToDecide({ session }: { session: Session }): JSX.Element {
  const { data, error, loading, reload } = useQuery(AppealsToDecideDocument, { status: 'OPEN' });
  const [decided, setDecided] = useState<Set<string>>(new Set());
  const [status, setStatus] = useState<string | null>(null);
  const appeals = (data?.appealsToDecide ?? []).filter((a) => !decided.has(a.id));
  const names = new Map((data?.scorecardTemplates ?? []).flatMap((tpl) => tpl.dimensions.map((d) => [d.code, dimensionName(d)] as const)));

  function onDecided(a: PerfAppealFragment): void {
    setDecided((s) => new Set(s).add(a.id));
    setStatus(a.status === 'UPHELD' ? t('perf.decide.upheldOk', { name: a.employee?.name ?? '' }) : t('perf.decide.rejectedOk', { name: a.employee?.name ?? '' }));
  }

  return (
    <section aria-labelledby="appeals-to-decide">
      <h2 id="appeals-to-decide" class="section-title">
        {t('perf.decide.title')}
      </h2>
      <Status text={status} />
      {error ? (
        <ErrorNote error={error} onRetry={reload} />
      ) : loading && !data ? (
        <Loading lines={2} />
      ) : appeals.length === 0 ? (
        <p class="muted">{t('perf.decide.none')}</p>
      ) : (
        <ul class="perf-list appeals-to-decide">
          {appeals.map((a) => (
            <AppealCard key={a.id} appeal={a} zone={orgZone(session)} dimensionName={a.dimensionCode ? names.get(a.dimensionCode) : null}>
              <DecideForm appeal={a} disabled={session.offline} onDecided={onDecided} />
            </AppealCard>
          ))}
        </ul>
      )}
    </section>
  );
}
