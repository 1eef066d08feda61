/** Create a review cycle: names in both languages, kind, dates, appeal window; tier policy and anomaly
 * thresholds as JSON for those who tune them (empty = the documented defaults). */
import type { JSX } from 'preact';
import { useState } from 'preact/hooks';
import { gql } from '../../api/client';
import { errorText, userErrorText } from '../../api/errors';
import type { CycleKind } from '../../gql/graphql';
import { t } from '../../i18n';
import { errorFor, formLevel, type FormError } from '../../recognition/formError';
import { Field, Select, TextArea } from '../../ui/kit';
import { cycleKindLabel, cycleName, CYCLE_KINDS } from '../labels';
import { CreateReviewCycleDocument } from '../../gql/graphql';

const FIELDS = ['nameEn', 'nameZh', 'kind', 'startsOn', 'endsOn', 'appealDays', 'tierPolicy', 'anomalyThresholds'] as const;

/** Empty → null (server defaults); otherwise a JSON object or an error for that field. */
function readJson(text: string, field: string): { value: unknown } | FormError {
  if (!text.trim()) return { value: null };
  try {
    const value: unknown = JSON.parse(text);
    if (value && typeof value === 'object' && !Array.isArray(value)) return { value };
  } catch {
    /* reported below */
  }
  return { field, text: t('perf.cycles.badJson') };
}

export function CycleForm(props: { onSaved: (name: string) => void; onCancel: () => void }): JSX.Element {
  const [nameEn, setNameEn] = useState('');
  const [nameZh, setNameZh] = useState('');
  const [kind, setKind] = useState<CycleKind>('MONTHLY');
  const [startsOn, setStartsOn] = useState('');
  const [endsOn, setEndsOn] = useState('');
  const [appealDays, setAppealDays] = useState('5');
  const [tierPolicy, setTierPolicy] = useState('');
  const [thresholds, setThresholds] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<FormError | null>(null);

  async function submit(e: Event): Promise<void> {
    e.preventDefault();
    if (!nameEn.trim()) return setError({ field: 'nameEn', text: t('perf.required') });
    if (!nameZh.trim()) return setError({ field: 'nameZh', text: t('perf.required') });
    if (!startsOn) return setError({ field: 'startsOn', text: t('perf.required') });
    if (!endsOn || endsOn < startsOn) return setError({ field: 'endsOn', text: t('perf.cycles.badDates') });
    const days = Number(appealDays);
    if (!Number.isInteger(days) || days < 0) return setError({ field: 'appealDays', text: t('perf.cycles.badDays') });
    const policy = readJson(tierPolicy, 'tierPolicy');
    if ('text' in policy) return setError(policy);
    const limits = readJson(thresholds, 'anomalyThresholds');
    if ('text' in limits) return setError(limits);
    setBusy(true);
    setError(null);
    try {
      const input = { nameEn: nameEn.trim(), nameZh: nameZh.trim(), kind, startsOn, endsOn, appealDays: days, tierPolicy: policy.value, anomalyThresholds: limits.value };
      const r = (await gql(CreateReviewCycleDocument, { input })).createReviewCycle;
      if (r.__typename === 'UserError') setError({ field: r.field ?? null, text: userErrorText(r) });
      else props.onSaved(cycleName(r.cycle));
    } catch (err) {
      setError({ field: null, text: errorText(err) });
    } finally {
      setBusy(false);
    }
  }

  const edit = (set: (v: string) => void) => (v: string) => {
    set(v);
    setError(null);
  };
  return (
    <form class="form panel cycle-form" onSubmit={submit} noValidate>
      <h3>{t('perf.cycles.new')}</h3>
      <div class="two-col">
        <Field label={t('perf.nameZh')} name="nameZh" value={nameZh} onValue={edit(setNameZh)} required error={errorFor(error, 'nameZh')} />
        <Field label={t('perf.nameEn')} name="nameEn" value={nameEn} onValue={edit(setNameEn)} required error={errorFor(error, 'nameEn')} />
      </div>
      <Select label={t('perf.cycles.kind')} name="kind" value={kind} onValue={(v) => setKind(v as CycleKind)} options={CYCLE_KINDS.map((k) => ({ value: k, label: cycleKindLabel(k) }))} />
      <div class="two-col">
        <Field label={t('perf.cycles.startsOn')} type="date" name="startsOn" value={startsOn} onValue={edit(setStartsOn)} required error={errorFor(error, 'startsOn')} />
        <Field label={t('perf.cycles.endsOn')} type="date" name="endsOn" value={endsOn} onValue={edit(setEndsOn)} required error={errorFor(error, 'endsOn')} />
      </div>
      <Field label={t('perf.cycles.appealWindow')} type="number" inputMode="numeric" min={0} name="appealDays" value={appealDays} onValue={edit(setAppealDays)} hint={t('perf.cycles.appealHint')} error={errorFor(error, 'appealDays')} />
      <details>
        <summary>{t('perf.cycles.advanced')}</summary>
        <TextArea label={t('perf.cycles.tierPolicy')} name="tierPolicy" value={tierPolicy} onValue={edit(setTierPolicy)} rows={3} hint={t('perf.cycles.tierPolicyHint')} error={errorFor(error, 'tierPolicy')} />
        <TextArea label={t('perf.cycles.thresholds')} name="anomalyThresholds" value={thresholds} onValue={edit(setThresholds)} rows={3} hint={t('perf.cycles.thresholdsHint')} error={errorFor(error, 'anomalyThresholds')} />
      </details>
      <p class="form-error" role="alert">
        {formLevel(error, FIELDS)}
      </p>
      <div class="actions">
        <button type="submit" class="btn btn-primary" disabled={busy} aria-busy={busy}>
          {t('perf.cycles.create')}
        </button>
        <button type="button" class="btn btn-secondary" onClick={props.onCancel}>
          {t('app.cancel')}
        </button>
      </div>
    </form>
  );
}
