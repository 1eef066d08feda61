/** Metric import (CSV or XLSX: employee_number, metric_code, value). Pick a file, check it (a dry run: read and
 * upload progress, then the row-by-row report), then commit all or nothing, or only the valid rows. */
import type { JSX } from 'preact';
import { useId, useState } from 'preact/hooks';
import { errorText, userErrorText } from '../../api/errors';
import type { ImportMetricValuesMutation } from '../../gql/graphql';
import { t } from '../../i18n';
import { useQuery } from '../../lib/useQuery';
import { ErrorNote, Loading, Select, Status } from '../../ui/kit';
import { cycleName } from '../labels';
import { ImportReport } from './ImportReport';
import { gqlWithProgress, readBase64 } from './upload';
import { ImportMetricValuesDocument, PerformanceCyclesDocument } from '../../gql/graphql';

export type Report = Extract<ImportMetricValuesMutation['importMetricValues'], { __typename: 'MetricImportReport' }>;
type Stage = { step: 'read' | 'upload'; loaded: number; total: number } | null;
const MAX_BYTES = 5 * 1024 * 1024;

export function MetricImport(): JSX.Element {
  const cycles = useQuery(PerformanceCyclesDocument, {});
  const open = (cycles.data?.reviewCycles ?? []).filter((c) => c.status === 'OPEN');
  const [cycleId, setCycleId] = useState('');
  const [file, setFile] = useState<File | null>(null);
  const [content, setContent] = useState<string | null>(null);
  const [stage, setStage] = useState<Stage>(null);
  const [report, setReport] = useState<Report | null>(null);
  const [checked, setChecked] = useState(false);
  const [status, setStatus] = useState<{ text: string; tone: 'ok' | 'error' } | null>(null);
  const fileId = useId();
  const cycle = open.find((c) => c.id === cycleId) ?? open[0] ?? null;

  function pick(e: Event): void {
    const f = (e.currentTarget as HTMLInputElement).files?.[0] ?? null;
    setReport(null);
    setChecked(false);
    setContent(null);
    setStatus(null);
    if (f && !/\.(csv|xlsx)$/i.test(f.name)) {
      setFile(null);
      setStatus({ text: t('perf.import.badType'), tone: 'error' });
      return;
    }
    if (f && f.size > MAX_BYTES) {
      setFile(null);
      setStatus({ text: t('perf.import.tooBig', { mb: MAX_BYTES / 1024 / 1024 }), tone: 'error' });
      return;
    }
    setFile(f);
  }

  async function send(dryRun: boolean, allOrNothing: boolean): Promise<void> {
    if (!file || !cycle) return;
    setStatus(null);
    try {
      let base64 = content;
      if (base64 === null) {
        setStage({ step: 'read', loaded: 0, total: file.size });
        base64 = await readBase64(file, (loaded, total) => setStage({ step: 'read', loaded, total }));
        setContent(base64);
      }
      setStage({ step: 'upload', loaded: 0, total: base64.length });
      const vars = { cycleId: cycle.id, fileName: file.name, contentBase64: base64, allOrNothing, dryRun };
      const r = (await gqlWithProgress(ImportMetricValuesDocument, vars, (loaded, total) => setStage({ step: 'upload', loaded, total }))).importMetricValues;
      if (r.__typename === 'UserError') {
        setStatus({ text: userErrorText(r), tone: 'error' });
        return;
      }
      setReport(r);
      setChecked(dryRun || !r.committed);
      if (dryRun) setStatus({ text: t('perf.import.checked', { total: r.total, valid: r.valid }), tone: r.valid === r.total ? 'ok' : 'error' });
      else if (r.committed) setStatus({ text: t('perf.import.imported', { count: r.imported }), tone: 'ok' });
      else setStatus({ text: t('perf.import.nothing', { bad: r.total - r.valid }), tone: 'error' });
    } catch (err) {
      setStatus({ text: errorText(err), tone: 'error' });
    } finally {
      setStage(null);
    }
  }

  if (cycles.error) return <ErrorNote error={cycles.error} onRetry={cycles.reload} />;
  if (!cycles.data) return <Loading lines={3} />;
  const busy = stage !== null;
  const pct = stage && stage.total > 0 ? Math.min(100, Math.round((stage.loaded / stage.total) * 100)) : 0;
  return (
    <section aria-labelledby="import-title" class="metric-import">
      <h2 id="import-title" class="section-title">
        {t('perf.import.title')}
      </h2>
      <p class="muted">{t('perf.import.intro')}</p>
      {open.length === 0 ? (
        <p class="muted">{t('perf.import.noOpen')}</p>
      ) : (
        <div class="form card">
          <Select label={t('perf.cycle')} name="importCycle" value={cycle?.id ?? ''} onValue={(v) => { setCycleId(v); setReport(null); setChecked(false); }} options={open.map((c) => ({ value: c.id, label: cycleName(c) }))} />
          <div class="field">
            <p class="hint" id={`${fileId}-hint`}>
              {file ? t('perf.import.file', { name: file.name, kb: Math.max(1, Math.round(file.size / 1024)) }) : t('perf.import.pickHint')}
            </p>
            <label class="btn btn-secondary file-btn">
              <input class="visually-hidden" type="file" name="metricFile" accept=".csv,.xlsx,text/csv,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet" aria-describedby={`${fileId}-hint`} onChange={pick} />
              {t('perf.import.pick')}
            </label>
          </div>
          {stage ? (
            <div class="upload-progress" role="status" aria-live="polite">
              <progress class="progress" max={100} value={pct} aria-label={stage.step === 'read' ? t('perf.import.reading') : t('perf.import.uploading')} />
              <span class="muted">{stage.step === 'read' ? t('perf.import.readPct', { pct }) : t('perf.import.uploadPct', { pct })}</span>
            </div>
          ) : null}
          <button type="button" class="btn btn-primary check-import" disabled={!file || busy} aria-busy={busy} onClick={() => void send(true, true)}>
            {t('perf.import.check')}
          </button>
          <Status text={status?.text ?? null} tone={status?.tone ?? 'ok'} />
          {report ? <ImportReport report={report} /> : null}
          {report && checked ? (
            <div class="actions commit-choice">
              <button type="button" class="btn btn-primary commit-all" disabled={busy || report.valid !== report.total} onClick={() => void send(false, true)}>
                {t('perf.import.commitAll')}
              </button>
              <button type="button" class="btn btn-secondary commit-valid" disabled={busy || report.valid === 0} onClick={() => void send(false, false)}>
                {t('perf.import.commitValid', { count: report.valid })}
              </button>
            </div>
          ) : null}
          {report && checked && report.valid !== report.total ? <p class="why-disabled">{t('perf.import.allBlocked', { bad: report.total - report.valid })}</p> : null}
        </div>
      )}
    </section>
  );
}
