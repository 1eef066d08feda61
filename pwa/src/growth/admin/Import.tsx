/** Training import (HR): a CSV or XLSX file (employee_number, kind, title, occurred_on, ends_on, hours, provider,
 * category, result, certificate_code). Check it first (a dry run, with read and upload progress, then the row-by-row
 * report), then commit all or nothing, or only the valid rows. Rows imported before are reported and not added again. */
import type { JSX } from 'preact';
import { useId, useState } from 'preact/hooks';
import { errorText, userErrorText } from '../../api/errors';
import type { ImportGrowthRecordsMutation } from '../../gql/graphql';
import { localized, t } from '../../i18n';
import { gqlWithProgress, readBase64 } from '../../performance/admin/upload';
import { Status } from '../../ui/kit';
import { ImportGrowthRecordsDocument } from '../../gql/graphql';

type Report = Extract<ImportGrowthRecordsMutation['importGrowthRecords'], { __typename: 'GrowthImportReport' }>;
type Stage = { step: 'read' | 'upload'; loaded: number; total: number } | null;
const MAX_BYTES = 5 * 1024 * 1024;

export function Import(): JSX.Element {
  const [file, setFile] = useState<File | null>(null);
  const [content, setContent] = useState<string | null>(null);
  const [stage, setStage] = useState<Stage>(null);
  const [report, setReport] = useState<Report | null>(null);
  const [checked, setChecked] = useState(false);
  const [status, setStatus] = useState<{ text: string; tone: 'ok' | 'error' } | null>(null);
  const fileId = useId();

  function pick(e: Event): void {
    const f = (e.currentTarget as HTMLInputElement).files?.[0] ?? null;
    setReport(null);
    setChecked(false);
    setContent(null);
    setStatus(null);
    if (f && !/\.(csv|xlsx)$/i.test(f.name)) return (setFile(null), setStatus({ text: t('perf.import.badType'), tone: 'error' }));
    if (f && f.size > MAX_BYTES) return (setFile(null), setStatus({ text: t('perf.import.tooBig', { mb: MAX_BYTES / 1024 / 1024 }), tone: 'error' }));
    setFile(f);
  }

  async function send(dryRun: boolean, commitValidRows: boolean): Promise<void> {
    if (!file) return;
    setStatus(null);
    try {
      let fileBase64 = content;
      if (fileBase64 === null) {
        setStage({ step: 'read', loaded: 0, total: file.size });
        fileBase64 = await readBase64(file, (loaded, total) => setStage({ step: 'read', loaded, total }));
        setContent(fileBase64);
      }
      setStage({ step: 'upload', loaded: 0, total: fileBase64.length });
      const input = { fileBase64, fileName: file.name, commitValidRows, dryRun };
      const r = (await gqlWithProgress(ImportGrowthRecordsDocument, { input }, (loaded, total) => setStage({ step: 'upload', loaded, total }))).importGrowthRecords;
      if (r.__typename === 'UserError') return setStatus({ text: userErrorText(r), tone: 'error' });
      setReport(r);
      setChecked(dryRun || !r.committed);
      const bad = r.total - r.valid;
      if (dryRun) setStatus({ text: t('perf.import.checked', { total: r.total, valid: r.valid }), tone: bad ? 'error' : 'ok' });
      else if (r.committed) setStatus({ text: t('growth.import.created', { count: r.created, bad }), tone: 'ok' });
      else setStatus({ text: t('growth.import.nothing', { bad }), tone: 'error' });
    } catch (err) {
      setStatus({ text: errorText(err), tone: 'error' });
    } finally {
      setStage(null);
    }
  }

  const busy = stage !== null;
  const pct = stage && stage.total > 0 ? Math.min(100, Math.round((stage.loaded / stage.total) * 100)) : 0;
  return (
    <section aria-labelledby="growth-import-title" class="growth-import">
      <h2 id="growth-import-title" class="section-title">
        {t('growth.import.title')}
      </h2>
      <p class="muted">{t('growth.import.intro')}</p>
      <div class="form card">
        <div class="field">
          <p class="hint" id={`${fileId}-hint`}>
            {file ? t('perf.import.file', { name: file.name, kb: Math.max(1, Math.round(file.size / 1024)) }) : t('perf.import.pickHint')}
          </p>
          <label class="btn btn-secondary file-btn">
            <input class="visually-hidden" type="file" name="growthFile" accept=".csv,.xlsx,text/csv,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet" aria-describedby={`${fileId}-hint`} onChange={pick} />
            {t('perf.import.pick')}
          </label>
        </div>
        <div class="upload-progress" role="status" aria-live="polite">
          {stage ? (
            <>
              <progress class="progress" max={100} value={pct} aria-label={stage.step === 'read' ? t('perf.import.reading') : t('perf.import.uploading')} />
              <span class="muted">{stage.step === 'read' ? t('perf.import.readPct', { pct }) : t('perf.import.uploadPct', { pct })}</span>
            </>
          ) : null}
        </div>
        <button type="button" class="btn btn-primary check-import" disabled={!file || busy} aria-busy={busy} onClick={() => void send(true, false)}>
          {t('perf.import.check')}
        </button>
        <Status text={status?.text ?? null} tone={status?.tone ?? 'ok'} />
        {report ? <ImportRows report={report} /> : null}
        {report && checked ? (
          <div class="actions commit-choice">
            <button type="button" class="btn btn-primary commit-all" disabled={busy || report.valid !== report.total} onClick={() => void send(false, false)}>
              {t('perf.import.commitAll')}
            </button>
            <button type="button" class="btn btn-secondary commit-valid" disabled={busy || report.valid === 0} onClick={() => void send(false, true)}>
              {t('perf.import.commitValid', { count: report.valid })}
            </button>
          </div>
        ) : null}
        {report && checked && report.valid !== report.total ? <p class="why-disabled">{t('perf.import.allBlocked', { bad: report.total - report.valid })}</p> : null}
      </div>
    </section>
  );
}

function ImportRows({ report }: { report: Report }): JSX.Element {
  return (
    <div class="import-report">
      <p class="muted">{t('perf.import.summary', { total: report.total, valid: report.valid, bad: report.total - report.valid })}</p>
      <div class="table-scroll" tabIndex={0} role="region" aria-label={t('perf.import.report')}>
        <table class="data-table import-table">
          <caption class="visually-hidden">{t('perf.import.report')}</caption>
          <thead>
            <tr>
              <th scope="col">{t('perf.import.row')}</th>
              <th scope="col">{t('perf.import.employee')}</th>
              <th scope="col">{t('perf.import.result')}</th>
            </tr>
          </thead>
          <tbody>
            {report.rows.map((r) => (
              <tr key={r.row} class={r.ok ? 'row-ok' : 'row-bad'}>
                <td>{r.row}</td>
                <td class="mono">{r.employeeNumber || '—'}</td>
                <td>{r.ok ? (r.alreadyImported ? t('growth.import.already') : report.committed ? t('perf.import.rowImported') : t('perf.import.rowOk')) : r.messages.map((m, i) => localized(m, r.messagesZh[i] ?? '')).join('; ')}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </div>
  );
}
