/** HR: which device PIN is whose — a searchable list, editing one mapping (PIN + person), and the CSV
 * import below. A PIN is the same on every terminal of the organisation. */
import type { JSX } from 'preact';
import { useState } from 'preact/hooks';
import { gql } from '../../api/client';
import { errorText } from '../../api/errors';
import { AdminDevicePinsDocument, SetDevicePinsDocument } from '../../gql/graphql';
import { t } from '../../i18n';
import { useQuery } from '../../lib/useQuery';
import { ErrorNote, Field, Loading, Status } from '../../ui/kit';
import { adminErrorText, pinRowErrorText } from './adminKit';
import { PersonSearch, type Person } from './PersonSearch';
import { PinImport } from './PinImport';

const SHOWN = 100; // a plant has hundreds of PINs; the search narrows the list

type Row = { pin: string; employeeId: string; employee?: { id: string; name: string; employeeNumber: string } | null };

function PinEditor(props: { row: Row; onDone: (text: string) => void; onCancel: () => void }): JSX.Element {
  const [pin, setPin] = useState(props.row.pin);
  const [person, setPerson] = useState<Person | null>(props.row.employee ? { ...props.row.employee } : null);
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [busy, setBusy] = useState(false);

  async function save(e: Event): Promise<void> {
    e.preventDefault();
    if (!person) return;
    setBusy(true);
    setErrors({});
    try {
      const r = (await gql(SetDevicePinsDocument, { rows: [{ pin: pin.trim(), employeeId: person.id }] })).setDevicePins;
      if (r.__typename === 'UserError') return setErrors({ form: adminErrorText(r) });
      const bad = r.errors[0];
      if (bad) return setErrors({ [bad.field]: pinRowErrorText(bad.field, bad.message) });
      const moved = pin.trim() !== props.row.pin;
      props.onDone(`${t('adm.pins.saved', { count: r.saved })} ${t('adm.pins.rematched', { count: r.rematched })}${moved ? ` ${t('adm.pins.oldStays', { pin: props.row.pin })}` : ''}`);
    } catch (err) {
      setErrors({ form: errorText(err) });
    } finally {
      setBusy(false);
    }
  }

  return (
    <form class="form adm-pin-editor" noValidate onSubmit={save}>
      <Field name="pin" label={t('adm.pins.pin')} value={pin} onValue={setPin} error={errors.pin || null} autocomplete="off" inputMode="numeric" />
      <p>{t('adm.pins.person')}: <strong class="adm-picked">{person ? `${person.name} · ${person.employeeNumber}` : '—'}</strong></p>
      <PersonSearch label={t('adm.pins.changePerson')} onPick={setPerson} error={errors.employeeId || null} />
      <Status text={errors.form || null} tone="error" />
      <div class="actions">
        <button type="submit" class="btn btn-primary save-pin" disabled={busy || !person || !pin.trim()} aria-busy={busy}>{t('app.save')}</button>
        <button type="button" class="btn btn-secondary" onClick={props.onCancel}>{t('app.cancel')}</button>
      </div>
    </form>
  );
}

export function Pins(): JSX.Element {
  const { data, error, loading, reload } = useQuery(AdminDevicePinsDocument, {});
  const [search, setSearch] = useState('');
  const [editing, setEditing] = useState<string | null>(null);
  const [adding, setAdding] = useState(false);
  const [status, setStatus] = useState<string | null>(null);
  const term = search.trim().toLowerCase();
  const rows = (data?.devicePins ?? []).filter((p) => !term || p.pin.toLowerCase().includes(term)
    || (p.employee?.name.toLowerCase().includes(term) ?? false) || (p.employee?.employeeNumber.toLowerCase().includes(term) ?? false));
  const done = (text: string) => {
    setEditing(null);
    setAdding(false);
    setStatus(text);
    reload();
  };

  return (
    <>
      <p class="muted">{t('adm.pins.intro')}</p>
      <Status text={status} />
      {adding ? (
        <section class="card"><h2>{t('adm.pins.add')}</h2><PinEditor row={{ pin: '', employeeId: '' }} onDone={done} onCancel={() => setAdding(false)} /></section>
      ) : (
        <button type="button" class="btn btn-secondary add-pin" onClick={() => setAdding(true)}>{t('adm.pins.add')}</button>
      )}
      <PinImport onImported={reload} />
      <Field type="text" name="pinSearch" label={t('adm.pins.search')} value={search} onValue={setSearch} autocomplete="off" />
      {error ? <ErrorNote error={error} onRetry={reload} /> : loading && !data ? <Loading lines={4} /> : (
        <>
          <p class="muted" role="status">
            {t('adm.pins.count', { count: rows.length })}
            {rows.length > SHOWN ? ` ${t('adm.pins.narrow', { shown: SHOWN })}` : ''}
          </p>
          <ul class="adm-rows adm-pins">
            {rows.slice(0, SHOWN).map((p) => (
              <li key={p.pin} class="adm-pin" data-pin={p.pin}>
                {editing === p.pin ? (
                  <PinEditor row={p} onDone={done} onCancel={() => setEditing(null)} />
                ) : (
                  <>
                    <span><code>{p.pin}</code> → {p.employee ? `${p.employee.name} · ${p.employee.employeeNumber}` : t('adm.pins.gone')}</span>
                    <button type="button" class="btn btn-small btn-secondary edit-pin" onClick={() => setEditing(p.pin)}>{t('adm.dev.edit')}</button>
                  </>
                )}
              </li>
            ))}
          </ul>
        </>
      )}
    </>
  );
}
