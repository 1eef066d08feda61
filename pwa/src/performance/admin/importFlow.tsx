/** The file import flow HR uses for metric values and training records: pick a CSV or XLSX file, check it (a dry
 * run with read and upload progress, then the row-by-row report), then commit all or nothing, or only the valid
 * rows. Each screen supplies how to send the file and what to say about the result. */
import type { ComponentChildren, JSX } from 'preact';
import { useId, useState } from 'preact/hooks';
import { errorText, userErrorText } from '../../api/errors';
import { t } from '../../i18n';
import { Status } from '../../ui/kit';
import { readBase64 } from './upload';

export type Progress = (loaded: number, total: number) => void;
export type ImportSummary = { total: number; valid: number; committed: boolean };
type UserErrorResult = { __typename: 'UserError'; code: string; message: string; field?: string | null };
type Stage = { step: 'read' | 'upload'; loaded: number; total: number } | null;
type Note = { text: string; tone: 'ok' | 'error' };

const MAX_BYTES = 5 * 1024 * 1024;

export type ImportSender<R> = (file: { base64: string; name: string }, options: { dryRun: boolean; commitValidRows: boolean },
  onUpload: Progress) => Promise<R | UserErrorResult>;

export function useImportFlow<R extends ImportSummary>(
  sendFile: ImportSender<R>, committedText: (report: R) => string, nothingText: (report: R) => string,
): ImportFlow<R> {
  const [file, setFile] = useState<File | null>(null);
  const [content, setContent] = useState<string | null>(null);
  const [stage, setStage] = useState<Stage>(null);
  const [report, setReport] = useState<R | null>(null);
  const [checked, setChecked] = useState(false);
  const [status, setStatus] = useState<Note | null>(null);

  function reset(): void {
    setReport(null);
    setChecked(false);
  }

  function pick(e: Event): void {
    const f = (e.currentTarget as HTMLInputElement).files?.[0] ?? null;
    reset();
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
      let base64 = content;
      if (base64 === null) {
        setStage({ step: 'read', loaded: 0, total: file.size });
        base64 = await readBase64(file, (loaded, total) => setStage({ step: 'read', loaded, total }));
        setContent(base64);
      }
      setStage({ step: 'upload', loaded: 0, total: base64.length });
      const r = await sendFile({ base64, name: file.name }, { dryRun, commitValidRows }, (loaded, total) => setStage({ step: 'upload', loaded, total }));
      if (isUserError(r)) return setStatus({ text: userErrorText(r), tone: 'error' });
      const found = r;
      setReport(found);
      setChecked(dryRun || !found.committed);
      if (dryRun) setStatus({ text: t('perf.import.checked', { total: found.total, valid: found.valid }), tone: found.valid === found.total ? 'ok' : 'error' });
      else if (found.committed) setStatus({ text: committedText(found), tone: 'ok' });
      else setStatus({ text: nothingText(found), tone: 'error' });
    } catch (err) {
      setStatus({ text: errorText(err), tone: 'error' });
    } finally {
      setStage(null);
    }
  }

  return { file, stage, report, checked, status, pick, send, reset };
}

export type ImportFlow<R extends ImportSummary> = {
  file: File | null; stage: Stage; report: R | null; checked: boolean; status: Note | null;
  pick: (e: Event) => void; send: (dryRun: boolean, commitValidRows: boolean) => Promise<void>; reset: () => void;
};

function isUserError(r: object): r is UserErrorResult {
  return (r as { __typename?: string }).__typename === 'UserError';
}

/** The file picker, progress, check button, status, the screen's report table and the two commit buttons. */
export function ImportControls<R extends ImportSummary>({ flow, inputName, rows }: {
  flow: ImportFlow<R>; inputName: string; rows: (report: R) => ComponentChildren;
}): JSX.Element {
  const { file, stage, report, checked, status, pick, send } = flow;
  const fileId = useId();
  const busy = stage !== null;
  const pct = stage && stage.total > 0 ? Math.min(100, Math.round((stage.loaded / stage.total) * 100)) : 0;
  return (
    <>
      <div class="field">
        <p class="hint" id={`${fileId}-hint`}>
          {file ? t('perf.import.file', { name: file.name, kb: Math.max(1, Math.round(file.size / 1024)) }) : t('perf.import.pickHint')}
        </p>
        <label class="btn btn-secondary file-btn">
          <input class="visually-hidden" type="file" name={inputName} accept=".csv,.xlsx,text/csv,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet" aria-describedby={`${fileId}-hint`} onChange={pick} />
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
      {report ? rows(report) : null}
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
    </>
  );
}
