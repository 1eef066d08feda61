/** HR: create or edit a shift (saved by its code). A server error naming a field shows under that field. */
import type { JSX } from 'preact';
import { useState } from 'preact/hooks';
import { gql } from '../../api/client';
import { errorText, userErrorText, type UserErrorShape } from '../../api/errors';
import { SaveShiftDocument, type AttendanceShiftFieldsFragment, type ShiftInput } from '../../gql/graphql';
import { locale, t, type MessageKey } from '../../i18n';
import { Field, Status, Toggle } from '../../ui/kit';

const NUMBERS = ['breakMinutes', 'lateGraceMinutes', 'earlyGraceMinutes', 'halfDayMinutes', 'absentMinutes', 'overtimeAfterMinutes'] as const;
type NumberField = (typeof NUMBERS)[number];
/** The form's state: numbers as typed (strings), everything else as the input wants it. */
export type Draft = { code: string; nameEn: string; nameZh: string; startTime: string; endTime: string; workDays: number[];
  flexibleOption: boolean; active: boolean } & Record<NumberField, string>;

export const EMPTY_SHIFT: Draft = {
  code: '', nameEn: '', nameZh: '', startTime: '08:00', endTime: '17:00', breakMinutes: '60', lateGraceMinutes: '5',
  earlyGraceMinutes: '5', halfDayMinutes: '240', absentMinutes: '60', overtimeAfterMinutes: '30', workDays: [1, 2, 3, 4, 5],
  flexibleOption: false, active: true,
};

export function draftOf(s: AttendanceShiftFieldsFragment): Draft {
  return {
    code: s.code, nameEn: s.nameEn, nameZh: s.nameZh, startTime: s.startTime, endTime: s.endTime, workDays: [...s.workDays],
    flexibleOption: s.flexibleOption, active: s.active,
    breakMinutes: String(s.breakMinutes), lateGraceMinutes: String(s.lateGraceMinutes), earlyGraceMinutes: String(s.earlyGraceMinutes),
    halfDayMinutes: String(s.halfDayMinutes), absentMinutes: String(s.absentMinutes), overtimeAfterMinutes: String(s.overtimeAfterMinutes),
  };
}

/** The server's precise English text in English; in Chinese the code's translation (shown at the field). */
export function fieldErrorText(e: UserErrorShape): string {
  return locale() === 'en' && e.message ? e.message : userErrorText(e);
}

export function ShiftForm(props: { initial: Draft; editing: boolean; disabled: boolean; onSaved: (s: AttendanceShiftFieldsFragment) => void; onCancel: () => void }): JSX.Element {
  const [d, setD] = useState<Draft>(props.initial);
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [formError, setFormError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const set = <K extends keyof Draft>(k: K, v: Draft[K]) => {
    setErrors((e) => ({ ...e, [k]: '' }));
    setD((x) => ({ ...x, [k]: v }));
  };

  async function submit(e: Event): Promise<void> {
    e.preventDefault();
    setBusy(true);
    setFormError(null);
    try {
      const n = (k: NumberField) => Number(d[k] || 0);
      const input: ShiftInput = {
        ...d, breakMinutes: n('breakMinutes'), lateGraceMinutes: n('lateGraceMinutes'), earlyGraceMinutes: n('earlyGraceMinutes'),
        halfDayMinutes: n('halfDayMinutes'), absentMinutes: n('absentMinutes'), overtimeAfterMinutes: n('overtimeAfterMinutes'),
      };
      const r = (await gql(SaveShiftDocument, { input })).saveShift;
      if (r.__typename === 'UserError') {
        if (r.field) setErrors({ [r.field]: fieldErrorText(r) });
        else setFormError(fieldErrorText(r));
        return;
      }
      props.onSaved(r.shift);
    } catch (err) {
      setFormError(errorText(err));
    } finally {
      setBusy(false);
    }
  }

  const text = (k: 'code' | 'nameEn' | 'nameZh', label: MessageKey) => (
    <Field name={k} label={t(label)} value={d[k]} onValue={(v) => set(k, v)} error={errors[k] || null} disabled={k === 'code' && props.editing} />
  );
  return (
    <form class="form att-shift-form" noValidate onSubmit={submit}>
      {text('code', 'att.shift.code')}
      {text('nameZh', 'att.shift.nameZh')}
      {text('nameEn', 'att.shift.nameEn')}
      <div class="two-col">
        <Field type="time" name="startTime" label={t('att.shift.start')} value={d.startTime} onValue={(v) => set('startTime', v)} error={errors.startTime || null} />
        <Field type="time" name="endTime" label={t('att.shift.end')} value={d.endTime} onValue={(v) => set('endTime', v)} error={errors.endTime || null} hint={t('att.shift.endHint')} />
      </div>
      <div class="two-col">
        {NUMBERS.map((k) => (
          <Field key={k} type="number" name={k} min={0} inputMode="numeric" label={t(`att.shift.${k}` as MessageKey)} value={d[k]} onValue={(v) => set(k, v)} error={errors[k] || null} />
        ))}
      </div>
      <fieldset class={`att-weekdays${errors.workDays ? ' field-invalid' : ''}`}>
        <legend>{t('att.shift.workDays')}</legend>
        {[1, 2, 3, 4, 5, 6, 7].map((n) => (
          <label key={n} class="chip">
            <input
              type="checkbox"
              name="workDays"
              value={String(n)}
              checked={d.workDays.includes(n)}
              onChange={(e) => set('workDays', e.currentTarget.checked ? [...d.workDays, n].sort() : d.workDays.filter((x) => x !== n))}
            />
            {new Intl.DateTimeFormat(locale(), { weekday: 'short', timeZone: 'UTC' }).format(new Date(Date.UTC(2024, 0, n)))}
          </label>
        ))}
        {errors.workDays ? <p class="field-error">{errors.workDays}</p> : null}
      </fieldset>
      <Toggle name="flexibleOption" label={t('att.shift.flexible')} checked={d.flexibleOption} onChange={(v) => set('flexibleOption', v)} hint={t('att.shift.flexibleHint')} />
      <Toggle name="active" label={t('att.shift.active')} checked={d.active} onChange={(v) => set('active', v)} />
      <Status text={formError} tone="error" />
      <div class="actions">
        <button type="submit" class="btn btn-primary save-shift" disabled={busy || props.disabled} aria-busy={busy}>
          {t('app.save')}
        </button>
        <button type="button" class="btn btn-secondary" onClick={props.onCancel}>
          {t('app.cancel')}
        </button>
      </div>
    </form>
  );
}
