/** One bonus pool: its numbers, the next step (preview → approve → lock → export), the flags HR must resolve,
 * department shares and every person's amount (adjustable while previewed). */
import '../performance.css';
import type { JSX } from 'preact';
import { useEffect, useState } from 'preact/hooks';
import type { PerfPoolFragment } from '../../gql/graphql';
import { t } from '../../i18n';
import { formatInstant } from '../../lib/dates';
import { formatMoney } from '../../lib/money';
import { useQuery } from '../../lib/useQuery';
import { orgZone, type Session } from '../../shell/session';
import { Card, ErrorNote, Facts, Loading, Page } from '../../ui/kit';
import { cycleName, cycleStatusLabel, poolStatusLabel } from '../labels';
import { Allocations } from './Allocations';
import { Departments } from './Departments';
import { Flags } from './Flags';
import { PoolActions } from './PoolActions';
import { BonusPoolDocument, BonusPoolsDocument } from '../../gql/graphql';

export function PoolDetail({ session, id }: { session: Session; id: string }): JSX.Element {
  const loaded = useQuery(BonusPoolDocument, { id });
  const lists = useQuery(BonusPoolsDocument, { cycleId: null });
  const [pool, setPool] = useState<PerfPoolFragment | null>(null);
  const [flagsVersion, setFlagsVersion] = useState(0);
  const zone = orgZone(session);

  useEffect(() => setPool(loaded.data?.bonusPool ?? null), [loaded.data]);

  if (session.offline) {
    return (
      <Page title={t('perf.bonus.title')} back="/performance/bonus">
        <p class="muted">{t('perf.needsConnection')}</p>
      </Page>
    );
  }
  if (!pool) {
    return (
      <Page title={t('perf.bonus.title')} back="/performance/bonus">
        {loaded.error ? <ErrorNote error={loaded.error} onRetry={loaded.reload} /> : <Loading lines={6} />}
      </Page>
    );
  }

  /** A mutation returned the new pool: show it, and re-read the flags (a preview runs the detectors). */
  function changed(next: PerfPoolFragment): void {
    setPool(next);
    setFlagsVersion((n) => n + 1);
  }

  return (
    <Page title={pool.name} back={`/performance/bonus`}>
      <Card class="pool-summary">
        <p class="badges">
          <span class={`tag tag-${pool.status.toLowerCase()} pool-status`}>{poolStatusLabel(pool.status)}</span>
          {pool.openFlagCount > 0 ? <span class="tag tag-open">{t('perf.flags.openCount', { count: pool.openFlagCount })}</span> : null}
        </p>
        <Facts
          rows={[
            [t('perf.cycle'), `${cycleName(pool.cycle)} · ${cycleStatusLabel(pool.cycle.status)}`],
            [t('perf.pool.amountShort'), <strong class="pool-amount">{formatMoney(pool.amountMinor, pool.currency)}</strong>],
            [t('perf.pool.allocated'), pool.status === 'DRAFT' ? null : formatMoney(pool.allocatedMinor, pool.currency)],
            [t('perf.pool.createdBy'), pool.createdBy?.name],
            [t('perf.pool.approvedBy'), pool.approvedBy ? `${pool.approvedBy.name}${pool.approvedAt ? ` · ${formatInstant(pool.approvedAt, zone)}` : ''}` : null],
            [t('perf.pool.lockedAt'), pool.lockedAt ? formatInstant(pool.lockedAt, zone) : null],
          ]}
        />
      </Card>
      <PoolActions
        session={session}
        pool={pool}
        cycles={lists.data?.reviewCycles ?? []}
        departments={lists.data?.departments.edges.map((e) => e.node) ?? []}
        onChanged={changed}
      />
      {pool.status !== 'DRAFT' ? (
        <Flags
          version={flagsVersion}
          session={session}
          pool={pool}
          onResolved={() => loaded.reload()}
        />
      ) : null}
      {pool.departments.length ? <Departments pool={pool} /> : null}
      {pool.allocations.length ? <Allocations session={session} pool={pool} onChanged={changed} /> : null}
    </Page>
  );
}
