/** File an appeal against a cycle's score (the whole scorecard or one dimension) with a reason and evidence links.
 * One idempotency key per attempt: a retry after a network error cannot file twice. */
import type { JSX } from 'preact';
import { useState } from 'preact/hooks';
import { gql } from '../../api/client';
import { errorText, userErrorText } from '../../api/errors';
import type { PerfAppealFragment } from '../../gql/graphql';
import { t } from '../../i18n';
import { newClientKey } from '../../lib/clientKey';
import { errorFor, formLevel, type FormError } from '../../recognition/formError';
import { Select, Status, TextArea } from '../../ui/kit';
import { FileAppealDocument } from '../../gql/graphql';

const MAX_REASON = 2000;
const FIELDS = ['reason', 'evidence', 'dimensionCode'] as const;

/** Evidence is one link per line; only http(s) links are accepted. */
export function readLinks(text: string): { links: string[]; bad: string | null } {
  const links = text.split(/\s*\n\s*/).map((l) => l.trim()).filter(Boolean);
  const bad = links.find((l) => !/^https?:\/\/\S+$/i.test(l)) ?? null;
  return { links, bad };
}

export function AppealForm(props: {
  cycleId: string;
  dimensions: { code: string; name: string }[];
  disabled: boolean;
  onFiled: (appeal: PerfAppealFragment) => void;
}): JSX.Element {
  const [dimension, setDimension] = useState('');
  const [reason, setReason] = useState('');
  const [evidence, setEvidence] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<FormError | null>(null);
  const [done, setDone] = useState<string | null>(null);
  const [clientKey, setClientKey] = useState(newClientKey);

  async function submit(e: Event): Promise<void> {
    e.preventDefault();
    setDone(null);
    const text = reason.trim();
    if (!text) return setError({ field: 'reason', text: t('perf.appeal.reasonRequired') });
    const { links, bad } = readLinks(evidence);
    if (bad) return setError({ field: 'evidence', text: t('perf.appeal.badLink', { link: bad }) });
    setBusy(true);
    setError(null);
    try {
      const r = (await gql(FileAppealDocument, { input: { cycleId: props.cycleId, dimensionCode: dimension || null, reason: text, evidence: links, clientKey } })).fileAppeal;
      if (r.__typename === 'UserError') {
        setError({ field: r.field ?? null, text: userErrorText(r) });
        return;
      }
      props.onFiled(r.appeal);
      setReason('');
      setEvidence('');
      setDimension('');
      setClientKey(newClientKey());
      setDone(t('perf.appeal.filedOk', { reviewer: r.appeal.reviewer?.name ?? t('perf.appeal.noReviewer') }));
    } catch (err) {
      setError({ field: null, text: errorText(err) });
    } finally {
      setBusy(false);
    }
  }

  return (
    <form class="form appeal-form" onSubmit={submit} noValidate>
      <Select
        label={t('perf.appeal.what')}
        name="dimensionCode"
        value={dimension}
        onValue={setDimension}
        options={[{ value: '', label: t('perf.appeal.whole') }, ...props.dimensions.map((d) => ({ value: d.code, label: d.name }))]}
        error={errorFor(error, 'dimensionCode')}
      />
      <TextArea
        label={t('perf.appeal.reason')}
        name="reason"
        value={reason}
        onValue={(v) => {
          setReason(v);
          setError(null);
        }}
        maxLength={MAX_REASON}
        rows={4}
        required
        hint={t('perf.appeal.reasonHint')}
        error={errorFor(error, 'reason')}
      />
      <TextArea
        label={t('perf.appeal.evidence')}
        name="evidence"
        value={evidence}
        onValue={(v) => {
          setEvidence(v);
          setError(null);
        }}
        rows={2}
        hint={t('perf.appeal.evidenceHint')}
        error={errorFor(error, 'evidence')}
      />
      <p class="form-error" role="alert">
        {formLevel(error, FIELDS)}
      </p>
      <button type="submit" class="btn btn-primary file-appeal" disabled={busy || props.disabled} aria-busy={busy}>
        {t('perf.appeal.file')}
      </button>
      <Status text={done} />
    </form>
  );
}
