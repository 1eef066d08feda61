/** Ask for flexible hours, a shift change, a remote day or a correction. A server error naming a field is
 * shown under that field (in the reader's language); anything else above the submit button. */
import type { JSX } from 'preact';
import { useState } from 'preact/hooks';
import { gql } from '../api/client';
import { errorText } from '../api/errors';
import { RequestAttendanceChangeDocument, type AttendanceRequestFieldsFragment, type AttendanceShiftFieldsFragment, type RequestKind } from '../gql/graphql';
import { t } from '../i18n';
import { zonedIso } from '../lib/zoned';
import { Chips, Field, Select, Status, TextArea, Toggle } from '../ui/kit';
import { FIELDS, requestErrorText, type FieldName } from './errors';
import { kindText, shiftName } from './labels';

const KINDS: RequestKind[] = ['REMOTE_DAY', 'FLEXIBLE_HOURS', 'SHIFT_CHANGE', 'CORRECTION'];

export function RequestForm(props: {
  zone: string;
  initialKind: RequestKind;
  initialDay: string;
  flexibleOptions: AttendanceShiftFieldsFragment[];
  shifts: AttendanceShiftFieldsFragment[];
  remoteDaysLeft: number;
  disabled: boolean;
  onSent: (r: AttendanceRequestFieldsFragment) => void;
}): JSX.Element {
  const [kind, setKind] = useState<RequestKind>(props.initialKind);
  const [startsOn, setStartsOn] = useState(props.initialDay);
  const [endsOn, setEndsOn] = useState('');
  const [shiftId, setShiftId] = useState('');
  const [time, setTime] = useState('');
  const [direction, setDirection] = useState('out');
  const [reason, setReason] = useState('');
  const [useEntitlement, setUseEntitlement] = useState(false);
  const [errors, setErrors] = useState<Partial<Record<FieldName, string>>>({});
  const [formError, setFormError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  const choices = kind === 'FLEXIBLE_HOURS' ? props.flexibleOptions : props.shifts.filter((s) => s.active);
  const clear = (f: FieldName) => setErrors((e) => ({ ...e, [f]: undefined }));

  async function submit(e: Event): Promise<void> {
    e.preventDefault();
    const local: Partial<Record<FieldName, string>> = {};
    if (!startsOn) local.startsOn = t('att.err.startsOn');
    if ((kind === 'FLEXIBLE_HOURS' || kind === 'SHIFT_CHANGE') && !shiftId) local.shiftId = t('att.err.shiftId');
    if (kind === 'SHIFT_CHANGE' && !endsOn) local.endsOn = t('att.err.endsOn');
    if (kind === 'CORRECTION' && !time) local.punchAt = t('att.err.punchAt');
    if (kind === 'CORRECTION' && !reason.trim()) local.reason = t('att.err.reasonRequired');
    setErrors(local);
    setFormError(null);
    if (Object.keys(local).length) return;
    setBusy(true);
    try {
      const input = {
        kind,
        startsOn,
        endsOn: kind === 'SHIFT_CHANGE' || kind === 'REMOTE_DAY' ? endsOn || null : null,
        shiftId: kind === 'FLEXIBLE_HOURS' || kind === 'SHIFT_CHANGE' ? shiftId : null,
        punchAt: kind === 'CORRECTION' ? zonedIso(startsOn, time, props.zone) : null,
        punchDirection: kind === 'CORRECTION' ? direction : null,
        reason: reason.trim(),
        useEntitlement: kind === 'REMOTE_DAY' && useEntitlement,
      };
      const r = (await gql(RequestAttendanceChangeDocument, { input })).requestAttendanceChange;
      if (r.__typename === 'UserError') {
        const text = requestErrorText(r);
        if (r.field && (FIELDS as readonly string[]).includes(r.field)) setErrors({ [r.field as FieldName]: text });
        else setFormError(text);
        return;
      }
      setReason('');
      setTime('');
      props.onSent(r.request);
    } catch (err) {
      setFormError(errorText(err));
    } finally {
      setBusy(false);
    }
  }

  return (
    <form class="form att-request-form" noValidate onSubmit={submit}>
      <Chips
        legend={t('att.form.kind')}
        name="kind"
        value={kind}
        onValue={(v) => {
          setKind(v as RequestKind);
          setErrors({});
          setShiftId('');
        }}
        options={KINDS.map((k) => ({ value: k, label: kindText(k) }))}
        error={errors.kind ?? null}
      />
      {kind === 'FLEXIBLE_HOURS' || kind === 'SHIFT_CHANGE' ? (
        <Select
          label={kind === 'FLEXIBLE_HOURS' ? t('att.form.option') : t('att.form.shift')}
          name="shiftId"
          value={shiftId}
          onValue={(v) => {
            clear('shiftId');
            setShiftId(v);
          }}
          options={[{ value: '', label: t('att.form.choose') }, ...choices.map((s) => ({ value: s.id, label: shiftName(s) }))]}
          error={errors.shiftId ?? null}
          hint={kind === 'FLEXIBLE_HOURS' ? t('att.form.optionHint') : undefined}
        />
      ) : null}
      <Field
        type="date"
        name="startsOn"
        label={kind === 'CORRECTION' ? t('att.form.day') : kind === 'FLEXIBLE_HOURS' ? t('att.form.from') : t('att.form.first')}
        value={startsOn}
        onValue={(v) => {
          clear('startsOn');
          setStartsOn(v);
        }}
        error={errors.startsOn ?? null}
      />
      {kind === 'SHIFT_CHANGE' || kind === 'REMOTE_DAY' ? (
        <Field
          type="date"
          name="endsOn"
          label={kind === 'REMOTE_DAY' ? t('att.form.lastOptional') : t('att.form.last')}
          value={endsOn}
          onValue={(v) => {
            clear('endsOn');
            setEndsOn(v);
          }}
          error={errors.endsOn ?? null}
        />
      ) : null}
      {kind === 'CORRECTION' ? (
        <>
          <Field
            type="time"
            name="punchTime"
            label={t('att.form.time')}
            value={time}
            onValue={(v) => {
              clear('punchAt');
              setTime(v);
            }}
            hint={t('att.form.timeHint')}
            error={errors.punchAt ?? null}
          />
          <Chips
            legend={t('att.form.direction')}
            name="punchDirection"
            value={direction}
            onValue={(v) => {
              clear('punchDirection');
              setDirection(v);
            }}
            options={[
              { value: 'in', label: t('att.dir.IN') },
              { value: 'out', label: t('att.dir.OUT') },
            ]}
            error={errors.punchDirection ?? null}
          />
        </>
      ) : null}
      {kind === 'REMOTE_DAY' ? (
        <>
          <Toggle
            name="useEntitlement"
            label={t('att.form.useEntitlement', { count: props.remoteDaysLeft })}
            checked={useEntitlement}
            disabled={props.remoteDaysLeft < 1}
            onChange={(on) => {
              clear('useEntitlement');
              setUseEntitlement(on);
            }}
            hint={props.remoteDaysLeft < 1 ? t('att.form.noEntitlement') : undefined}
          />
          {errors.useEntitlement ? <p class="field-error">{errors.useEntitlement}</p> : null}
        </>
      ) : null}
      <TextArea
        label={kind === 'CORRECTION' ? t('att.form.reasonRequired') : t('att.form.reason')}
        name="reason"
        value={reason}
        onValue={(v) => {
          clear('reason');
          setReason(v);
        }}
        maxLength={500}
        rows={2}
        error={errors.reason ?? null}
      />
      <Status text={formError} tone="error" />
      <button type="submit" class="btn btn-primary btn-block send-request" disabled={busy || props.disabled} aria-busy={busy}>
        {t('att.form.submit')}
      </button>
    </form>
  );
}
