/** HR: bulk PIN import from CSV (pasted or a file): `pin,employee number or email`, one row a line, an
 * optional header. People are resolved here (the directory is read once, paged) because setDevicePins
 * takes ids. The server saves the valid rows and reports the others by index — not all-or-nothing. */
import type { JSX } from 'preact';
import { useState } from 'preact/hooks';
import { gql } from '../../api/client';
import { errorText, userErrorText } from '../../api/errors';
import { AdminEmployeesPageDocument, SetDevicePinsDocument } from '../../gql/graphql';
import { t } from '../../i18n';
import { Status, TextArea } from '../../ui/kit';
import { pinRowErrorText } from './adminKit';
import { parseCsv } from './csv';

type Outcome = { line: number; pin: string; who: string; person?: string; ok?: boolean; field?: string; error?: string };

/** staff number and email (both lower-cased) → person. */
async function directory(): Promise<Map<string, { id: string; name: string }>> {
  const found = new Map<string, { id: string; name: string }>();
  let after: string | null = null;
  for (let page = 0; page < 100; page++) { // 100 × 200 people is far beyond any one organisation here
    const conn: { edges: { node: { id: string; name: string; employeeNumber: string; email?: string | null } }[]; pageInfo: { hasNextPage: boolean; endCursor?: string | null } } =
      (await gql(AdminEmployeesPageDocument, { after })).employees;
    for (const { node } of conn.edges) {
      found.set(node.employeeNumber.trim().toLowerCase(), node);
      if (node.email) found.set(node.email.trim().toLowerCase(), node);
    }
    if (!conn.pageInfo.hasNextPage || !conn.pageInfo.endCursor) break;
    after = conn.pageInfo.endCursor;
  }
  return found;
}

export function PinImport(props: { onImported: () => void }): JSX.Element {
  const [text, setText] = useState('');
  const [rows, setRows] = useState<Outcome[]>([]);
  const [summary, setSummary] = useState<{ text: string; tone: 'ok' | 'error'; counts?: [number, number, number] } | null>(null);
  const [busy, setBusy] = useState(false);

  async function pick(e: Event): Promise<void> {
    const file = (e.currentTarget as HTMLInputElement).files?.[0];
    if (file) setText(await file.text());
  }

  async function run(e: Event): Promise<void> {
    e.preventDefault();
    setBusy(true);
    setSummary(null);
    try {
      const parsed = parseCsv(text).filter((r) => r.cells.some((c) => c.trim()));
      const header = parsed[0]?.cells[0]?.trim().toLowerCase() === 'pin';
      const lines: Outcome[] = (header ? parsed.slice(1) : parsed).map((r) => ({ line: r.line, pin: (r.cells[0] ?? '').trim(), who: (r.cells[1] ?? '').trim() }));
      if (!lines.length) return setSummary({ text: t('adm.import.empty'), tone: 'error' });
      const people = await directory();
      const sent: { index: number; pin: string; employeeId: string }[] = [];
      for (const [index, row] of lines.entries()) {
        const person = people.get(row.who.toLowerCase());
        if (person) {
          row.person = person.name;
          sent.push({ index, pin: row.pin, employeeId: person.id });
        } else {
          Object.assign(row, { ok: false, field: 'employee', error: row.who ? t('adm.import.noSuchPerson', { who: row.who }) : t('adm.import.noPerson') });
        }
      }
      let saved = 0, rematched = 0;
      if (sent.length) {
        const r = (await gql(SetDevicePinsDocument, { rows: sent.map(({ pin, employeeId }) => ({ pin, employeeId })) })).setDevicePins;
        if (r.__typename === 'UserError') {
          setRows(lines);
          return setSummary({ text: userErrorText(r), tone: 'error' });
        }
        const failed = new Map(r.errors.map((err) => [err.index, err]));
        sent.forEach((s, i) => {
          const err = failed.get(i), row = lines[s.index];
          if (row) Object.assign(row, err ? { ok: false, field: err.field, error: pinRowErrorText(err.field, err.message) } : { ok: true });
        });
        ({ saved, rematched } = r);
        if (saved) props.onImported();
      }
      const bad = lines.filter((l) => l.ok === false).length;
      setRows(lines);
      setSummary({
        text: [t('adm.pins.saved', { count: saved }), t('adm.pins.rematched', { count: rematched }), bad ? t('adm.import.failed', { count: bad }) : ''].join(' ').trim(),
        tone: bad ? 'error' : 'ok',
        counts: [saved, rematched, bad],
      });
    } catch (err) {
      setSummary({ text: errorText(err), tone: 'error' });
    } finally {
      setBusy(false);
    }
  }

  return (
    <section class="card adm-import" aria-labelledby="adm-import-title">
      <h2 id="adm-import-title">{t('adm.import.title')}</h2>
      <p class="muted">{t('adm.import.intro')}</p>
      <p class="note adm-partial">{t('adm.import.partial')}</p>
      <form class="form" noValidate onSubmit={run}>
        <TextArea name="pinCsv" label={t('adm.import.paste')} value={text} onValue={setText} rows={6} hint={t('adm.import.example')} />
        <label class="adm-file">
          {t('adm.import.file')} <input type="file" name="pinFile" accept=".csv,text/csv,text/plain" onChange={(e) => void pick(e)} />
        </label>
        <div class="actions">
          <button type="submit" class="btn btn-primary import-pins" disabled={busy || !text.trim()} aria-busy={busy}>{t('adm.import.run')}</button>
        </div>
      </form>
      <div class="adm-import-summary" data-saved={summary?.counts?.[0]} data-rematched={summary?.counts?.[1]} data-failed={summary?.counts?.[2]}>
        <Status text={summary?.text ?? null} tone={summary?.tone ?? 'ok'} />
      </div>
      {rows.length ? (
        <table class="adm-import-rows">
          <thead><tr><th>{t('adm.import.line')}</th><th>{t('adm.pins.pin')}</th><th>{t('adm.pins.person')}</th><th>{t('adm.import.result')}</th></tr></thead>
          <tbody>
            {rows.map((r) => (
              <tr key={r.line} class={`adm-import-row ${r.ok ? 'adm-ok' : 'adm-bad'}`} data-pin={r.pin} data-ok={String(Boolean(r.ok))}>
                <td>{r.line}</td>
                <td><code>{r.pin}</code></td>
                <td>{r.person ?? r.who}</td>
                <td>{r.ok ? `✓ ${t('adm.import.rowSaved')}` : <span class="field-error adm-row-error" data-field={r.field}>✗ {r.field}: {r.error}</span>}</td>
              </tr>
            ))}
          </tbody>
        </table>
      ) : null}
    </section>
  );
}
