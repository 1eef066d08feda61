/** Uphold or reject one appeal. Upholding may correct the appealed value (a metric value or the manager rating). */
import type { JSX } from 'preact';
import { useState } from 'preact/hooks';
import { gql } from '../../api/client';
import { errorText, userErrorText } from '../../api/errors';
import type { PerfAppealFragment } from '../../gql/graphql';
import { t } from '../../i18n';
import { errorFor, formLevel, type FormError } from '../../recognition/formError';
import { Chips, Field, TextArea } from '../../ui/kit';
import { DecideAppealDocument } from '../../gql/graphql';

const FIELDS = ['decision', 'correctedValue'] as const;

export function DecideForm(props: { appeal: PerfAppealFragment; disabled: boolean; onDecided: (a: PerfAppealFragment) => void }): JSX.Element {
  const [outcome, setOutcome] = useState<'UPHELD' | 'REJECTED'>('UPHELD');
  const [decision, setDecision] = useState('');
  const [corrected, setCorrected] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<FormError | null>(null);

  async function submit(e: Event): Promise<void> {
    e.preventDefault();
    const text = decision.trim();
    if (!text) return setError({ field: 'decision', text: t('perf.decide.decisionRequired') });
    const value = outcome === 'UPHELD' && corrected.trim() !== '' ? Number(corrected) : null;
    if (value !== null && !Number.isFinite(value)) return setError({ field: 'correctedValue', text: t('perf.decide.badValue') });
    setBusy(true);
    setError(null);
    try {
      const r = (await gql(DecideAppealDocument, { id: props.appeal.id, outcome, decision: text, correctedValue: value })).decideAppeal;
      if (r.__typename === 'UserError') setError({ field: r.field ?? null, text: userErrorText(r) });
      else props.onDecided(r.appeal);
    } catch (err) {
      setError({ field: null, text: errorText(err) });
    } finally {
      setBusy(false);
    }
  }

  return (
    <form class="form decide-form" onSubmit={submit} noValidate>
      <Chips
        legend={t('perf.decide.outcome')}
        name={`outcome-${props.appeal.id}`}
        value={outcome}
        onValue={(v) => setOutcome(v === 'REJECTED' ? 'REJECTED' : 'UPHELD')}
        options={[
          { value: 'UPHELD', label: t('perf.decide.uphold') },
          { value: 'REJECTED', label: t('perf.decide.reject') },
        ]}
      />
      <TextArea
        label={t('perf.decide.decision')}
        name="decision"
        value={decision}
        onValue={(v) => {
          setDecision(v);
          setError(null);
        }}
        rows={3}
        maxLength={2000}
        required
        error={errorFor(error, 'decision')}
      />
      {outcome === 'UPHELD' && props.appeal.dimensionCode ? (
        <Field
          label={t('perf.decide.corrected')}
          name="correctedValue"
          type="text"
          inputMode="decimal"
          value={corrected}
          onValue={setCorrected}
          hint={t('perf.decide.correctedHint')}
          error={errorFor(error, 'correctedValue')}
        />
      ) : null}
      <p class="form-error" role="alert">
        {formLevel(error, FIELDS)}
      </p>
      <button type="submit" class={`btn ${outcome === 'UPHELD' ? 'btn-primary' : 'btn-danger'} decide-appeal`} disabled={busy || props.disabled} aria-busy={busy}>
        {outcome === 'UPHELD' ? t('perf.decide.upholdSubmit') : t('perf.decide.rejectSubmit')}
      </button>
    </form>
  );
}
