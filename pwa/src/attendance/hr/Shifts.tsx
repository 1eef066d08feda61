/** HR: the shifts (edit or add one) and assigning a shift to people over a date range. */
import type { JSX } from 'preact';
import { useEffect, useState } from 'preact/hooks';
import { gql } from '../../api/client';
import { errorText } from '../../api/errors';
import { AssignShiftDocument, AttendanceShiftsDocument, type AttendanceShiftFieldsFragment } from '../../gql/graphql';
import { t } from '../../i18n';
import { toIso, todayIn } from '../../lib/dates';
import { useQuery } from '../../lib/useQuery';
import { orgZone, type Session } from '../../shell/session';
import { Card, ErrorNote, Field, Loading, Select, Status } from '../../ui/kit';
import { shiftName } from '../labels';
import { PersonSearch, type Person } from './PersonSearch';
import { EMPTY_SHIFT, ShiftForm, draftOf, fieldErrorText } from './ShiftForm';

export function Shifts({ session }: { session: Session }): JSX.Element {
  const { data, error, loading, reload } = useQuery(AttendanceShiftsDocument, {});
  const [shifts, setShifts] = useState<AttendanceShiftFieldsFragment[]>([]);
  const [editing, setEditing] = useState<AttendanceShiftFieldsFragment | 'new' | null>(null);
  const [status, setStatus] = useState<string | null>(null);
  useEffect(() => setShifts(data?.shifts ?? []), [data]);

  if (error) return <ErrorNote error={error} onRetry={reload} />;
  if (loading && !data) return <Loading lines={3} />;
  return (
    <>
      <Status text={status} />
      <Card title={t('att.shift.title')}>
        {editing ? (
          <ShiftForm
            key={editing === 'new' ? 'new' : editing.id}
            initial={editing === 'new' ? EMPTY_SHIFT : draftOf(editing)}
            editing={editing !== 'new'}
            disabled={session.offline}
            onCancel={() => setEditing(null)}
            onSaved={(s) => {
              setShifts((list) => [...list.filter((x) => x.id !== s.id), s]);
              setEditing(null);
              setStatus(t('att.shift.saved', { name: shiftName(s) }));
            }}
          />
        ) : (
          <>
            <ul class="att-shift-list">
              {shifts.map((s) => (
                <li key={s.id}>
                  <span class="menu-text">
                    <span>
                      {shiftName(s)} {s.overnight ? <span class="tag tag-quiet">{t('att.shift.overnight')}</span> : null}{' '}
                      {s.flexibleOption ? <span class="tag tag-quiet">{t('att.shift.flexibleTag')}</span> : null}{' '}
                      {!s.active ? <span class="tag tag-cancelled">{t('att.hr.inactive')}</span> : null}
                    </span>
                    <span class="muted">{s.code}</span>
                  </span>
                  <button type="button" class="btn btn-small btn-secondary" onClick={() => setEditing(s)}>
                    {t('att.shift.edit')}
                  </button>
                </li>
              ))}
            </ul>
            <button type="button" class="btn btn-secondary new-shift" onClick={() => setEditing('new')}>
              {t('att.shift.new')}
            </button>
          </>
        )}
      </Card>
      <Card title={t('att.assign.title')}>
        <AssignForm shifts={shifts.filter((s) => s.active)} zone={orgZone(session)} disabled={session.offline} />
      </Card>
    </>
  );
}

function AssignForm(props: { shifts: AttendanceShiftFieldsFragment[]; zone: string; disabled: boolean }): JSX.Element {
  const [people, setPeople] = useState<Person[]>([]);
  const [shiftId, setShiftId] = useState('');
  const [startsOn, setStartsOn] = useState(toIso(todayIn(props.zone)));
  const [endsOn, setEndsOn] = useState('');
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [status, setStatus] = useState<{ text: string; tone: 'ok' | 'error' } | null>(null);
  const [busy, setBusy] = useState(false);

  async function submit(e: Event): Promise<void> {
    e.preventDefault();
    const local: Record<string, string> = {};
    if (!people.length) local.employeeIds = t('att.assign.needPeople');
    if (!shiftId) local.shiftId = t('att.err.shiftId');
    setErrors(local);
    setStatus(null);
    if (Object.keys(local).length) return;
    setBusy(true);
    try {
      const input = { employeeIds: people.map((p) => p.id), shiftId, startsOn, endsOn: endsOn || null, siteId: null };
      const r = (await gql(AssignShiftDocument, { input })).assignShift;
      if (r.__typename === 'UserError') {
        if (r.field) setErrors({ [r.field]: fieldErrorText(r) });
        else setStatus({ text: fieldErrorText(r), tone: 'error' });
        return;
      }
      setStatus({ text: t('att.assign.done', { count: r.assignments.length }), tone: 'ok' });
      setPeople([]);
    } catch (err) {
      setStatus({ text: errorText(err), tone: 'error' });
    } finally {
      setBusy(false);
    }
  }

  return (
    <form class="form att-assign-form" noValidate onSubmit={submit}>
      <PersonSearch label={t('att.assign.people')} exclude={people.map((p) => p.id)} onPick={(p) => setPeople((list) => [...list, p])} error={errors.employeeIds || null} />
      {people.length ? (
        <ul class="chip-row att-picked">
          {people.map((p) => (
            <li key={p.id} class="chip on">
              {p.name}
              <button type="button" class="icon-btn" aria-label={t('att.assign.remove', { name: p.name })} onClick={() => setPeople((l) => l.filter((x) => x.id !== p.id))}>
                ×
              </button>
            </li>
          ))}
        </ul>
      ) : null}
      <Select
        label={t('att.form.shift')}
        name="assignShiftId"
        value={shiftId}
        onValue={setShiftId}
        options={[{ value: '', label: t('att.form.choose') }, ...props.shifts.map((s) => ({ value: s.id, label: shiftName(s) }))]}
        error={errors.shiftId || null}
      />
      <div class="two-col">
        <Field type="date" name="assignStartsOn" label={t('att.form.first')} value={startsOn} onValue={setStartsOn} error={errors.startsOn || null} />
        <Field type="date" name="assignEndsOn" label={t('att.assign.until')} value={endsOn} onValue={setEndsOn} error={errors.endsOn || null} />
      </div>
      <Status text={status?.text ?? null} tone={status?.tone ?? 'ok'} />
      <button type="submit" class="btn btn-primary assign-shift" disabled={busy || props.disabled} aria-busy={busy}>
        {t('att.assign.submit')}
      </button>
    </form>
  );
}
