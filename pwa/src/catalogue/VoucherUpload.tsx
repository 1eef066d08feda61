/** HR: voucher codes, one per line, pasted or read from a .txt/.csv file; all-or-nothing or only the valid
 * rows. The answer is shown row by row. */
import type { JSX } from 'preact';
import { useEffect, useId, useRef, useState } from 'preact/hooks';
import { gql } from '../api/client';
import { errorText, userErrorText } from '../api/errors';
import type { CatalogueItemFragment, UploadVoucherCodesMutation } from '../gql/graphql';
import { hasKey, t } from '../i18n';
import { itemName } from '../rewards/labels';
import { Status, TextArea, Toggle } from '../ui/kit';
import { UploadVoucherCodesDocument } from '../gql/graphql';

type Report = Extract<UploadVoucherCodesMutation['uploadVoucherCodes'], { __typename: 'VoucherCodesUploaded' }>;

/** One code per line; for a CSV the first cell (quotes removed). Trailing empty lines are dropped. */
export function readCodes(text: string, csv: boolean): string[] {
  const lines = text.replace(/^\uFEFF/, '').split(/\r?\n/);
  while (lines.length > 0 && (lines[lines.length - 1] ?? '').trim() === '') lines.pop();
  if (!csv) return lines;
  return lines.map((line) => (line.split(',')[0] ?? '').trim().replace(/^"(.*)"$/, '$1'));
}

function rowError(code: string): string {
  const key = `vouchers.err.${code}`;
  return hasKey(key) ? t(key) : code;
}

export function VoucherUpload(props: { item: CatalogueItemFragment; disabled: boolean; onUploaded: (stock: number) => void; onClose: () => void }): JSX.Element {
  const [text, setText] = useState('');
  const [allOrNothing, setAllOrNothing] = useState(true);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [report, setReport] = useState<Report | null>(null);
  const [fileNote, setFileNote] = useState<string | null>(null);
  const form = useRef<HTMLFormElement>(null);
  const fileId = useId();
  const codes = readCodes(text, false);

  useEffect(() => form.current?.querySelector('textarea')?.focus(), []);

  async function pick(e: Event): Promise<void> {
    const file = (e.currentTarget as HTMLInputElement).files?.[0];
    if (!file) return;
    try {
      const content = await file.text();
      const list = readCodes(content, /\.csv$/i.test(file.name) || file.type === 'text/csv');
      setText(list.join('\n'));
      setReport(null);
      setFileNote(t('vouchers.fileRead', { name: file.name, count: list.length }));
    } catch {
      setFileNote(t('vouchers.fileFailed'));
    }
  }

  async function submit(e: Event): Promise<void> {
    e.preventDefault();
    if (codes.length === 0) {
      setError(t('vouchers.none'));
      return;
    }
    setBusy(true);
    setError(null);
    setReport(null);
    try {
      const r = (await gql(UploadVoucherCodesDocument, { itemId: props.item.id, codes, allOrNothing })).uploadVoucherCodes;
      if (r.__typename === 'UserError') {
        setError(userErrorText(r));
      } else {
        setReport(r);
        props.onUploaded(r.stock);
        if (r.added > 0 && r.rows.every((row) => !row.error)) setText('');
      }
    } catch (err) {
      setError(errorText(err));
    } finally {
      setBusy(false);
    }
  }

  const bad = report ? report.rows.filter((r) => r.error).length : 0;
  return (
    <form class="form panel voucher-upload" onSubmit={submit} noValidate ref={form}>
      <h3>{t('vouchers.title', { name: itemName(props.item) })}</h3>
      <TextArea label={t('vouchers.paste')} name="codes" value={text} onValue={(v) => { setText(v); setReport(null); }} rows={6} hint={t('vouchers.count', { count: codes.length })} error={error} />
      <div class="field">
        <p class="hint" id={`${fileId}-hint`}>
          {t('vouchers.file')}
        </p>
        <label class="btn btn-secondary file-btn">
          <input
            class="visually-hidden"
            type="file"
            name="file"
            accept=".txt,.csv,text/plain,text/csv"
            aria-describedby={`${fileId}-hint`}
            onChange={(e) => void pick(e)}
          />
          {t('vouchers.pickFile')}
        </label>
        <Status text={fileNote} />
      </div>
      <Toggle label={t('vouchers.allOrNothing')} name="allOrNothing" checked={allOrNothing} onChange={setAllOrNothing} hint={allOrNothing ? t('vouchers.allHint') : t('vouchers.validHint')} />
      <div class="actions">
        <button type="submit" class="btn btn-primary" disabled={busy || props.disabled} aria-busy={busy}>
          {t('vouchers.upload')}
        </button>
        <button type="button" class="btn btn-secondary" onClick={props.onClose}>
          {t('app.close')}
        </button>
      </div>
      {report ? (
        <div class="voucher-report">
          <Status
            text={
              report.added === 0 && bad > 0 && allOrNothing
                ? t('vouchers.noneAdded', { count: bad })
                : `${t('vouchers.added', { count: report.added, stock: report.stock })}${bad ? ` ${t('vouchers.skipped', { count: bad })}` : ''}`
            }
            tone={bad > 0 ? 'error' : 'ok'}
          />
          <div class="table-scroll" tabIndex={0} role="region" aria-label={t('vouchers.report')}>
            <table class="diff report">
              <caption class="visually-hidden">{t('vouchers.report')}</caption>
              <thead>
                <tr>
                  <th scope="col">{t('vouchers.row')}</th>
                  <th scope="col">{t('vouchers.code')}</th>
                  <th scope="col">{t('vouchers.result')}</th>
                </tr>
              </thead>
              <tbody>
                {report.rows.map((row) => (
                  <tr key={row.row} class={row.error ? 'row-bad' : 'row-ok'}>
                    <td>{row.row}</td>
                    <td class="mono">{row.code || '—'}</td>
                    <td class={row.error ? 'del' : report.added === 0 ? 'plain' : 'ins'}>
                      {row.error ? rowError(row.error) : report.added === 0 ? t('vouchers.notAdded') : t('vouchers.ok')}
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        </div>
      ) : null}
    </form>
  );
}
