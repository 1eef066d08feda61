/** Anomaly flags on a pool's cycle, open ones first. Each says in both languages what the detector saw, with the
 * numbers; HR resolves it with a justification or records the adjustment they made (a note of ≥ 10 characters). */
import type { JSX } from 'preact';
import { useEffect, useRef, useState } from 'preact/hooks';
import { gql } from '../../api/client';
import { errorText, userErrorText } from '../../api/errors';
import type { PerfFlagFragment, PerfPoolFragment } from '../../gql/graphql';
import { localized, t } from '../../i18n';
import { formatInstant } from '../../lib/dates';
import { useQuery } from '../../lib/useQuery';
import { orgZone, type Session } from '../../shell/session';
import { ErrorNote, Loading, Status } from '../../ui/kit';
import { anomalyLabel, flagStatusLabel, scoreText } from '../labels';
import { ResolveForm } from './ResolveForm';
import { PoolFlagsDocument, RunAnomalyDetectorsDocument } from '../../gql/graphql';

/** `version` changes when the pool changed (a preview runs the detectors): the flags are read again in place, so
 * a note being typed into a flag's form is kept. */
export function Flags(props: { session: Session; pool: PerfPoolFragment; version: number; onResolved: () => void }): JSX.Element {
  const { data, error, loading, reload } = useQuery(PoolFlagsDocument, { cycleId: props.pool.cycle.id, poolId: props.pool.id });
  const readFor = useRef(props.version);
  useEffect(() => {
    if (readFor.current === props.version) return;
    readFor.current = props.version;
    reload();
  }, [props.version, reload]);
  const [resolved, setResolved] = useState<Record<string, PerfFlagFragment>>({});
  const [busy, setBusy] = useState(false);
  const [status, setStatus] = useState<{ text: string; tone: 'ok' | 'error' } | null>(null);
  const zone = orgZone(props.session);
  const flags = (data?.anomalyFlags ?? []).map((f) => resolved[f.id] ?? f).sort((a, b) => Number(b.status === 'OPEN') - Number(a.status === 'OPEN') || b.severity - a.severity);
  const open = flags.filter((f) => f.status === 'OPEN').length;

  async function rerun(): Promise<void> {
    setBusy(true);
    setStatus(null);
    try {
      const r = (await gql(RunAnomalyDetectorsDocument, { cycleId: props.pool.cycle.id, poolId: props.pool.id })).runAnomalyDetectors;
      if (r.__typename === 'UserError') setStatus({ text: userErrorText(r), tone: 'error' });
      else {
        setStatus({ text: t('perf.flags.rerun', { count: r.raised }), tone: 'ok' });
        reload();
        props.onResolved();
      }
    } catch (err) {
      setStatus({ text: errorText(err), tone: 'error' });
    } finally {
      setBusy(false);
    }
  }

  return (
    <section aria-labelledby="flags-title" class="flags">
      <h2 id="flags-title" class="section-title">
        {t('perf.flags.title')} {data ? <span class="muted">· {t('perf.flags.openCount', { count: open })}</span> : null}
      </h2>
      <Status text={status?.text ?? null} tone={status?.tone ?? 'ok'} />
      {error ? (
        <ErrorNote error={error} onRetry={reload} />
      ) : loading && !data ? (
        <Loading lines={3} />
      ) : flags.length === 0 ? (
        <p class="muted">{t('perf.flags.none')}</p>
      ) : (
        <ul class="perf-list flag-list">
          {flags.map((f) => (
            <li key={f.id} class="card perf-item flag" data-id={f.id} data-status={f.status}>
              <div class="perf-item-head">
                <p class="perf-item-title">{anomalyLabel(f.kind)}</p>
                <span class="badges">
                  {f.present ? null : <span class="tag tag-quiet">{t('perf.flags.gone')}</span>}
                  <span class={`tag tag-${f.status.toLowerCase()} flag-status`}>{flagStatusLabel(f.status)}</span>
                </span>
              </div>
              <p class="muted">
                {[f.department?.name, f.employee?.name, f.otherEmployee?.name].filter(Boolean).join(' · ')}
                {` · ${t('perf.flags.severity', { severity: scoreText(f.severity) })}`}
              </p>
              <p class="flag-explanation">{localized(f.explanationEn, f.explanationZh)}</p>
              <Evidence evidence={f.evidence} />
              {f.status === 'OPEN' ? (
                <ResolveForm
                  flag={f}
                  disabled={props.session.offline || props.pool.status === 'LOCKED'}
                  onResolved={(flag) => {
                    setResolved((m) => ({ ...m, [flag.id]: flag }));
                    setStatus({ text: t('perf.flags.resolvedOk', { kind: anomalyLabel(flag.kind) }), tone: 'ok' });
                    props.onResolved();
                  }}
                />
              ) : (
                <p class="flag-resolution">
                  {t('perf.flags.resolution', { note: f.resolution ?? '', who: f.resolvedBy?.name ?? '', when: f.resolvedAt ? formatInstant(f.resolvedAt, zone) : '' })}
                </p>
              )}
            </li>
          ))}
        </ul>
      )}
      {props.pool.status === 'PREVIEWED' ? (
        <button type="button" class="btn btn-secondary btn-block rerun-detectors" disabled={busy} aria-busy={busy} onClick={() => void rerun()}>
          {t('perf.flags.runAgain')}
        </button>
      ) : null}
    </section>
  );
}

/** The detector's numbers as label/value pairs (flat values only; nested ones are summarised). */
function Evidence({ evidence }: { evidence: unknown }): JSX.Element | null {
  if (!evidence || typeof evidence !== 'object' || Array.isArray(evidence)) return null;
  const rows = Object.entries(evidence as Record<string, unknown>).filter(([, v]) => v !== null && v !== undefined);
  if (rows.length === 0) return null;
  return (
    <details class="flag-details">
      <summary>{t('perf.flags.evidence')}</summary>
      <dl class="flag-evidence">
        {rows.slice(0, 16).map(([k, v]) => (
          <div key={k} style={{ display: 'contents' }}>
            <dt>{k.replace(/_/g, ' ')}</dt>
            <dd>{typeof v === 'number' ? scoreText(v) : typeof v === 'object' ? JSON.stringify(v) : String(v)}</dd>
          </div>
        ))}
      </dl>
    </details>
  );
}
