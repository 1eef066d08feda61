/** HR: monthly giving allowances per role and the kudos caps. Changes apply from the next monthly grant. */
import type { JSX } from 'preact';
import { useEffect, useState } from 'preact/hooks';
import { gql } from '../api/client';
import { errorText, userErrorText } from '../api/errors';
import { t, type MessageKey } from '../i18n';
import { useQuery } from '../lib/useQuery';
import { Card, ErrorNote, Field, Loading, Status } from '../ui/kit';
import { RecognitionPolicySettingsDocument, UpdateRecognitionPolicyDocument } from '../gql/graphql';

const KEYS = ['allowanceEmployee', 'allowanceManager', 'allowanceHrAdmin', 'allowanceOwner', 'maxPointsPerKudos', 'pairMonthlyCap'] as const;
type Key = (typeof KEYS)[number];
const LABELS: Record<Key, MessageKey> = {
  allowanceEmployee: 'policy.allowanceEmployee',
  allowanceManager: 'policy.allowanceManager',
  allowanceHrAdmin: 'policy.allowanceHrAdmin',
  allowanceOwner: 'policy.allowanceOwner',
  maxPointsPerKudos: 'policy.maxPointsPerKudos',
  pairMonthlyCap: 'policy.pairMonthlyCap',
};

export function PolicyForm(props: { disabled: boolean }): JSX.Element {
  const { data, error: loadError, loading, reload } = useQuery(RecognitionPolicySettingsDocument, {});
  const [values, setValues] = useState<Record<Key, string> | null>(null);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<{ field: string | null; text: string } | null>(null);
  const [status, setStatus] = useState<string | null>(null);

  useEffect(() => {
    const p = data?.recognitionPolicy;
    if (p) setValues(Object.fromEntries(KEYS.map((k) => [k, String(p[k])])) as Record<Key, string>);
  }, [data]);

  async function submit(e: Event): Promise<void> {
    e.preventDefault();
    if (!values) return;
    const bad = KEYS.find((k) => !/^\d{1,6}$/.test(values[k].trim()));
    if (bad) {
      setError({ field: bad, text: t('policy.err.number') });
      return;
    }
    setBusy(true);
    setError(null);
    setStatus(null);
    try {
      const input = Object.fromEntries(KEYS.map((k) => [k, Number(values[k].trim())])) as Record<Key, number>;
      const r = (await gql(UpdateRecognitionPolicyDocument, { input })).updateRecognitionPolicy;
      if (r.__typename === 'UserError') setError({ field: r.field ?? null, text: userErrorText(r) });
      else setStatus(t('policy.saved'));
    } catch (err) {
      setError({ field: null, text: errorText(err) });
    } finally {
      setBusy(false);
    }
  }

  if (loadError) return <ErrorNote error={loadError} onRetry={reload} />;
  if (loading || !values) return <Loading lines={3} />;
  return (
    <Card title={t('policy.title')}>
      <form class="form" onSubmit={submit} noValidate>
        <p class="muted">{t('policy.hint')}</p>
        {KEYS.map((k) => (
          <Field
            key={k}
            label={t(LABELS[k])}
            name={k}
            inputMode="numeric"
            value={values[k]}
            onValue={(v) => setValues((old) => (old ? { ...old, [k]: v } : old))}
            error={error?.field === k ? error.text : null}
          />
        ))}
        <p class="form-error" role="alert">
          {error && !KEYS.includes(error.field as Key) ? error.text : ''}
        </p>
        <Status text={status} />
        <div class="actions">
          <button type="submit" class="btn btn-primary" disabled={busy || props.disabled} aria-busy={busy}>
            {t('app.save')}
          </button>
        </div>
      </form>
    </Card>
  );
}
