/** Resolve one flag: "justified" (why it is fine) or "adjusted" (what was changed), with a note of ≥ 10 characters. */
import type { JSX } from 'preact';
import { useState } from 'preact/hooks';
import { gql } from '../../api/client';
import { errorText, userErrorText } from '../../api/errors';
import type { PerfFlagFragment } from '../../gql/graphql';
import { t } from '../../i18n';
import { Chips, Status, TextArea } from '../../ui/kit';
import { ResolveAnomalyFlagDocument } from '../../gql/graphql';

const MIN_NOTE = 10;

export function ResolveForm(props: { flag: PerfFlagFragment; disabled: boolean; onResolved: (f: PerfFlagFragment) => void }): JSX.Element {
  const [outcome, setOutcome] = useState<'JUSTIFIED' | 'ADJUSTED'>('JUSTIFIED');
  const [note, setNote] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [formError, setFormError] = useState<string | null>(null);

  async function submit(e: Event): Promise<void> {
    e.preventDefault();
    const text = note.trim();
    if (text.length < MIN_NOTE) return setError(t('perf.flags.noteShort', { min: MIN_NOTE }));
    setBusy(true);
    setError(null);
    setFormError(null);
    try {
      const r = (await gql(ResolveAnomalyFlagDocument, { id: props.flag.id, outcome, note: text })).resolveAnomalyFlag;
      if (r.__typename === 'UserError') (r.field === 'note' ? setError : setFormError)(userErrorText(r));
      else props.onResolved(r.flag);
    } catch (err) {
      setFormError(errorText(err));
    } finally {
      setBusy(false);
    }
  }

  return (
    <form class="form resolve-form" onSubmit={submit} noValidate>
      <Chips
        legend={t('perf.flags.outcome')}
        name={`outcome-${props.flag.id}`}
        value={outcome}
        onValue={(v) => setOutcome(v === 'ADJUSTED' ? 'ADJUSTED' : 'JUSTIFIED')}
        options={[
          { value: 'JUSTIFIED', label: t('perf.flag.status.JUSTIFIED') },
          { value: 'ADJUSTED', label: t('perf.flag.status.ADJUSTED') },
        ]}
        hint={outcome === 'JUSTIFIED' ? t('perf.flags.justifiedHint') : t('perf.flags.adjustedHint')}
      />
      <TextArea
        label={outcome === 'JUSTIFIED' ? t('perf.flags.justification') : t('perf.flags.adjustmentNote')}
        name="note"
        value={note}
        onValue={(v) => {
          setNote(v);
          setError(null);
        }}
        rows={3}
        maxLength={1000}
        required
        error={error}
      />
      <button type="submit" class="btn btn-primary resolve-flag" disabled={busy || props.disabled} aria-busy={busy}>
        {t('perf.flags.resolve')}
      </button>
      <Status text={formError} tone="error" />
    </form>
  );
}
