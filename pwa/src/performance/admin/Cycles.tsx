/** Review cycles, newest first: create one, close an open one (final scores, tiers placed) after a confirm step. */
import type { JSX } from 'preact';
import { useState } from 'preact/hooks';
import { gql } from '../../api/client';
import { errorText, userErrorText } from '../../api/errors';
import type { AdminCyclesQuery } from '../../gql/graphql';
import { t } from '../../i18n';
import { formatCivil, formatInstant, parseCivil } from '../../lib/dates';
import { useQuery } from '../../lib/useQuery';
import { orgZone, type Session } from '../../shell/session';
import { ErrorNote, Loading, Status } from '../../ui/kit';
import { cycleKindLabel, cycleName, cycleStatusLabel } from '../labels';
import { CycleForm } from './CycleForm';
import { AdminCyclesDocument, CloseReviewCycleDocument } from '../../gql/graphql';

type Cycle = AdminCyclesQuery['reviewCycles'][number];

export function Cycles({ session }: { session: Session }): JSX.Element {
  const { data, error, loading, reload } = useQuery(AdminCyclesDocument, {});
  const [creating, setCreating] = useState(false);
  const [confirming, setConfirming] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const [status, setStatus] = useState<{ text: string; tone: 'ok' | 'error' } | null>(null);
  const zone = orgZone(session);

  async function close(cycle: Cycle): Promise<void> {
    setBusy(true);
    setStatus(null);
    try {
      const r = (await gql(CloseReviewCycleDocument, { id: cycle.id })).closeReviewCycle;
      if (r.__typename === 'UserError') setStatus({ text: userErrorText(r), tone: 'error' });
      else {
        setStatus({ text: t('perf.cycles.closed', { name: cycleName(r.cycle), count: r.cycle.scoredCount }), tone: 'ok' });
        setConfirming(null);
        reload();
      }
    } catch (err) {
      setStatus({ text: errorText(err), tone: 'error' });
    } finally {
      setBusy(false);
    }
  }

  return (
    <section aria-labelledby="cycles-title">
      <h2 id="cycles-title" class="section-title">
        {t('perf.cycles.title')}
      </h2>
      <Status text={status?.text ?? null} tone={status?.tone ?? 'ok'} />
      {creating ? (
        <CycleForm
          onSaved={(name) => {
            setCreating(false);
            setStatus({ text: t('perf.cycles.created', { name }), tone: 'ok' });
            reload();
          }}
          onCancel={() => setCreating(false)}
        />
      ) : (
        <button type="button" class="btn btn-secondary btn-block new-cycle" onClick={() => setCreating(true)}>
          {t('perf.cycles.new')}
        </button>
      )}
      {error ? (
        <ErrorNote error={error} onRetry={reload} />
      ) : loading && !data ? (
        <Loading lines={3} />
      ) : (data?.reviewCycles.length ?? 0) === 0 ? (
        <p class="muted">{t('perf.noCycles')}</p>
      ) : (
        <ul class="perf-list cycle-list">
          {data?.reviewCycles.map((c) => (
            <li key={c.id} class="card perf-item" data-id={c.id}>
              <div class="perf-item-head">
                <p class="perf-item-title">{cycleName(c)}</p>
                <span class={`tag tag-${c.status.toLowerCase()}`}>{cycleStatusLabel(c.status)}</span>
              </div>
              <p class="muted">
                {cycleKindLabel(c.kind)} · {formatCivil(parseCivil(c.startsOn), 'medium')} – {formatCivil(parseCivil(c.endsOn), 'medium')}
              </p>
              <p class="muted">
                {t('perf.cycles.scored', { count: c.scoredCount })} · {t('perf.cycles.appealDays', { count: c.appealDays })}
                {c.closedAt ? ` · ${t('perf.cycles.closedAt', { when: formatInstant(c.closedAt, zone) })}` : ''}
              </p>
              {c.status === 'OPEN' ? (
                confirming === c.id ? (
                  <div class="confirm-box">
                    <h3>{t('perf.cycles.confirmTitle', { name: cycleName(c) })}</h3>
                    <p>{t('perf.cycles.confirmText')}</p>
                    <div class="actions">
                      <button type="button" class="btn btn-danger confirm-close" disabled={busy} aria-busy={busy} onClick={() => void close(c)}>
                        {t('perf.cycles.close')}
                      </button>
                      <button type="button" class="btn btn-secondary" onClick={() => setConfirming(null)}>
                        {t('app.cancel')}
                      </button>
                    </div>
                  </div>
                ) : (
                  <div class="actions">
                    <button type="button" class="btn btn-secondary btn-small close-cycle" onClick={() => setConfirming(c.id)}>
                      {t('perf.cycles.close')}
                    </button>
                  </div>
                )
              ) : null}
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
