/** Bonus allocation (HR, bonus:manage): pools per cycle with their status and open flags; create a pool, then open it
 * to preview, resolve flags, approve (a second person), lock and export. */
import '../performance.css';
import type { JSX } from 'preact';
import { useState } from 'preact/hooks';
import { t } from '../../i18n';
import { navigate } from '../../lib/router';
import { useQuery } from '../../lib/useQuery';
import type { Session } from '../../shell/session';
import { ErrorNote, Loading, Page, Select } from '../../ui/kit';
import { Icon } from '../../ui/icons';
import { formatMoney } from '../../lib/money';
import { cycleName, poolStatusLabel } from '../labels';
import { PoolForm } from './PoolForm';
import { BonusPoolsDocument } from '../../gql/graphql';

export function Bonus({ session }: { session: Session }): JSX.Element {
  const [cycleId, setCycleId] = useState('');
  const { data, error, loading, reload } = useQuery(BonusPoolsDocument, { cycleId: cycleId || null });
  const [creating, setCreating] = useState(false);

  if (session.offline) {
    return (
      <Page title={t('perf.bonus.title')}>
        <p class="muted">{t('perf.needsConnection')}</p>
      </Page>
    );
  }
  const cycles = data?.reviewCycles ?? [];
  const pools = data?.bonusPools ?? [];
  return (
    <Page title={t('perf.bonus.title')} back="/me">
      <Select
        label={t('perf.cycle')}
        name="cycleFilter"
        value={cycleId}
        onValue={setCycleId}
        options={[{ value: '', label: t('perf.bonus.allCycles') }, ...cycles.map((c) => ({ value: c.id, label: cycleName(c) }))]}
      />
      {creating && data ? (
        <PoolForm
          pool={null}
          cycles={cycles}
          departments={data.departments.edges.map((e) => e.node)}
          currency={session.me.organization.currency}
          onSaved={(pool) => navigate(`/performance/bonus/${encodeURIComponent(pool.id)}`)}
          onCancel={() => setCreating(false)}
        />
      ) : (
        <button type="button" class="btn btn-secondary btn-block new-pool" onClick={() => setCreating(true)} disabled={!data}>
          <Icon name="plus" size={20} /> {t('perf.pool.new')}
        </button>
      )}
      {error ? (
        <ErrorNote error={error} onRetry={reload} />
      ) : loading && !data ? (
        <Loading lines={3} />
      ) : pools.length === 0 ? (
        <p class="muted">{t('perf.bonus.none')}</p>
      ) : (
        <ul class="perf-list pool-list">
          {pools.map((p) => (
            <li key={p.id} class="card perf-item" data-id={p.id}>
              <a class="member-link" href={`/performance/bonus/${encodeURIComponent(p.id)}`}>
                <span class="person-text">
                  <span class="perf-item-title">{p.name}</span>
                  <span class="muted">
                    {cycleName(p.cycle)} · {formatMoney(p.amountMinor, p.currency)}
                  </span>
                  <span class="badges">
                    <span class={`tag tag-${p.status.toLowerCase()}`}>{poolStatusLabel(p.status)}</span>
                    {p.openFlagCount > 0 ? <span class="tag tag-open">{t('perf.flags.openCount', { count: p.openFlagCount })}</span> : null}
                  </span>
                </span>
                <Icon name="chevron" size={20} />
              </a>
            </li>
          ))}
        </ul>
      )}
    </Page>
  );
}
