/** Quick metric entry for one person: pick one of their template's metrics, type the value, save. The list of
 * metrics comes from the metric lines of the person's statement (by metric code), else — no card yet — from every
 * active template. */
import type { JSX } from 'preact';
import { useState } from 'preact/hooks';
import { gql } from '../../api/client';
import { errorText, userErrorText } from '../../api/errors';
import type { MemberMetricsQuery, PerfStatementFragment } from '../../gql/graphql';
import { localized, t } from '../../i18n';
import { formatInstant } from '../../lib/dates';
import { useQuery } from '../../lib/useQuery';
import { errorFor, formLevel, type FormError } from '../../recognition/formError';
import { orgZone, type Session } from '../../shell/session';
import { Card, ErrorNote, Field, Loading, Select, Status } from '../../ui/kit';
import { valueSourceLabel, valueText } from '../labels';
import { MemberMetricsDocument, PerformanceStatementDocument, RecordMetricValueDocument } from '../../gql/graphql';

type Metric = { code: string; name: string; unit: string; target: number | null };
const ATTENDANCE_METRIC = 'attendance_rate';

type Line = Pick<PerfStatementFragment['lines'][number], 'metricCode' | 'nameEn' | 'nameZh' | 'unit' | 'target'>;

/** The person's own metrics: their statement's lines name the metric each is fed by (the template version their
 * card was computed with), so nothing is matched by a display name. */
function metricsOfLines(lines: Line[]): Metric[] {
  const seen = new Map<string, Metric>();
  for (const line of lines) {
    const code = line.metricCode;
    if (code && !seen.has(code)) seen.set(code, { code, name: localized(line.nameEn, line.nameZh), unit: line.unit, target: line.target ?? null });
  }
  return [...seen.values()];
}

function metricsOfTemplates(templates: MemberMetricsQuery['scorecardTemplates']): Metric[] {
  const seen = new Map<string, Metric>();
  for (const tpl of templates) {
    for (const d of tpl.dimensions) {
      if (d.source !== 'METRIC' && d.source !== 'ATTENDANCE') continue;
      const code = d.metricCode ?? (d.source === 'ATTENDANCE' ? ATTENDANCE_METRIC : null);
      if (code && !seen.has(code)) seen.set(code, { code, name: localized(d.nameEn, d.nameZh), unit: d.unit, target: d.target ?? null });
    }
  }
  return [...seen.values()];
}

export function MetricEntry(props: { cycleId: string; employeeId: string; session: Session; onSaved: () => void }): JSX.Element {
  const vars = { cycleId: props.cycleId, employeeId: props.employeeId };
  const data = useQuery(MemberMetricsDocument, vars);
  const statement = useQuery(PerformanceStatementDocument, vars);
  const [code, setCode] = useState('');
  const [value, setValue] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<FormError | null>(null);
  const [done, setDone] = useState<string | null>(null);
  const zone = orgZone(props.session);

  // Wait for the statement (or its NOT_FOUND: no card yet) so the list does not change under the thumb.
  const settled = !!data.data && (statement.data !== null || (!statement.loading && !!statement.error));
  const lines = statement.data?.scorecardStatement.lines ?? null;
  const metrics = !settled || !data.data ? [] : lines ? metricsOfLines(lines) : metricsOfTemplates(data.data.scorecardTemplates);
  const values = new Map((data.data?.metricValues ?? []).map((v) => [v.metricCode, v]));
  const chosen = metrics.find((m) => m.code === code) ?? metrics[0] ?? null;

  async function submit(e: Event): Promise<void> {
    e.preventDefault();
    setDone(null);
    if (!chosen) return;
    const number = Number(value.trim().replace(/,/g, ''));
    if (value.trim() === '' || !Number.isFinite(number)) return setError({ field: 'value', text: t('perf.metric.badValue') });
    setBusy(true);
    setError(null);
    try {
      const r = (await gql(RecordMetricValueDocument, { input: { ...vars, metricCode: chosen.code, value: number } })).recordMetricValue;
      if (r.__typename === 'UserError') setError({ field: r.field ?? null, text: userErrorText(r) });
      else {
        setValue('');
        setDone(t('perf.metric.saved', { name: chosen.name, value: valueText(r.value.value, chosen.unit) }));
        data.reload();
        props.onSaved();
      }
    } catch (err) {
      setError({ field: null, text: errorText(err) });
    } finally {
      setBusy(false);
    }
  }

  const current = chosen ? values.get(chosen.code) : undefined;
  return (
    <Card title={t('perf.metric.title')}>
      {data.error ? (
        <ErrorNote error={data.error} onRetry={data.reload} />
      ) : !settled ? (
        <Loading lines={2} />
      ) : metrics.length === 0 ? (
        <p class="muted">{t('perf.metric.none')}</p>
      ) : (
        <form class="form metric-entry" onSubmit={submit} noValidate>
          <Select
            label={t('perf.metric.which')}
            name="metricCode"
            value={chosen?.code ?? ''}
            onValue={(v) => {
              setCode(v);
              setDone(null);
            }}
            options={metrics.map((m) => ({ value: m.code, label: m.name }))}
          />
          <p class="muted current-value">
            {current
              ? t('perf.metric.current', { value: valueText(current.value, chosen?.unit ?? ''), source: valueSourceLabel(current.source), when: formatInstant(current.updatedAt, zone) })
              : t('perf.metric.noValue')}
            {chosen?.target !== null && chosen?.target !== undefined ? ` · ${t('perf.metric.target', { target: valueText(chosen.target, chosen.unit) })}` : ''}
          </p>
          <Field
            label={t('perf.metric.value')}
            name="value"
            inputMode="decimal"
            value={value}
            onValue={(v) => {
              setValue(v);
              setError(null);
            }}
            hint={chosen?.unit ? t('perf.metric.unit', { unit: chosen.unit }) : undefined}
            error={errorFor(error, 'value')}
          />
          <p class="form-error" role="alert">
            {formLevel(error, ['value'])}
          </p>
          <button type="submit" class="btn btn-primary save-metric" disabled={busy || props.session.offline} aria-busy={busy}>
            {t('perf.metric.save')}
          </button>
          <Status text={done} />
        </form>
      )}
    </Card>
  );
}
