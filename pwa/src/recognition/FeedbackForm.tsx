/** Instant feedback from a manager (HR: to anyone): praise or coaching, tied to a value or a scorecard dimension.
 * Only praise can be public; coaching always stays between the two of them. */
import type { JSX } from 'preact';
import { useRef, useState } from 'preact/hooks';
import { gql } from '../api/client';
import { newClientKey } from '../lib/clientKey';
import { errorText, userErrorText, type UserErrorShape } from '../api/errors';
import type { FeedbackKind } from '../gql/graphql';
import { t } from '../i18n';
import { Icon } from '../ui/icons';
import { Chips, Field, TextArea, Toggle } from '../ui/kit';
import { errorFor, formLevel, type FormError } from './formError';
import { ValueChips, type Value } from './ValueChips';
import { GiveFeedbackDocument } from '../gql/graphql';

const FIELDS = ['kind', 'message', 'valueId', 'dimension', 'isPublic'] as const;
const MAX_MESSAGE = 2000;

export function FeedbackForm(props: {
  receiverId: string;
  receiverName: string;
  values: Value[];
  disabled: boolean;
  onDone: (kind: FeedbackKind, isPublic: boolean) => void;
}): JSX.Element {
  const [kind, setKind] = useState<FeedbackKind>('PRAISE');
  const [message, setMessage] = useState('');
  const [valueId, setValueId] = useState('');
  const [dimension, setDimension] = useState('');
  const [isPublic, setPublic] = useState(false);
  const [busy, setBusy] = useState(false);
  const key = useRef<string | null>(null);
  const [error, setError] = useState<FormError | null>(null);

  function describe(r: UserErrorShape): FormError {
    if (r.code === 'FORBIDDEN') return { field: null, text: t('recognize.err.notInTeam', { name: props.receiverName }) };
    if (r.code === 'VALIDATION' && r.field === 'message') return { field: 'message', text: t('recognize.err.message', { max: MAX_MESSAGE }) };
    if (r.code === 'VALIDATION' && r.field === 'dimension') return { field: 'dimension', text: t('recognize.err.dimension') };
    return { field: r.field ?? null, text: userErrorText(r) };
  }

  async function submit(e: Event): Promise<void> {
    e.preventDefault();
    if (!message.trim()) {
      setError({ field: 'message', text: t('recognize.err.message', { max: MAX_MESSAGE }) });
      return;
    }
    const publicPraise = kind === 'PRAISE' && isPublic;
    key.current ??= newClientKey();
    setBusy(true);
    setError(null);
    try {
      const res = await gql(GiveFeedbackDocument, {
        input: {
          receiverId: props.receiverId,
          kind,
          message: message.trim(),
          valueId: valueId || null,
          dimension: dimension.trim() || null,
          isPublic: publicPraise,
          clientKey: key.current,
        },
      });
      const r = res.giveFeedback;
      key.current = null;
      if (r.__typename === 'UserError') setError(describe(r));
      else props.onDone(r.feedback.kind, r.feedback.isPublic);
    } catch (err) {
      setError({ field: null, text: errorText(err) }); // keep the key: a retry must not give twice
    } finally {
      setBusy(false);
    }
  }

  return (
    <form class="form" onSubmit={submit} noValidate>
      <Chips
        legend={t('recognize.feedbackKind')}
        name="kind"
        value={kind}
        onValue={(v) => setKind(v === 'COACHING' ? 'COACHING' : 'PRAISE')}
        options={[
          { value: 'PRAISE', label: t('feedback.praise') },
          { value: 'COACHING', label: t('feedback.coaching') },
        ]}
        hint={kind === 'PRAISE' ? t('recognize.praiseHint') : t('recognize.coachingHint')}
        error={errorFor(error, 'kind')}
      />
      <TextArea
        label={kind === 'PRAISE' ? t('recognize.praiseMessage') : t('recognize.coachingMessage')}
        name="message"
        value={message}
        onValue={setMessage}
        maxLength={MAX_MESSAGE}
        rows={4}
        required
        error={errorFor(error, 'message')}
      />
      {props.values.length > 0 ? <ValueChips values={props.values} value={valueId} onValue={setValueId} error={errorFor(error, 'valueId')} /> : null}
      <Field
        label={t('recognize.dimension')}
        name="dimension"
        value={dimension}
        onValue={setDimension}
        maxLength={80}
        hint={t('recognize.dimensionHint')}
        error={errorFor(error, 'dimension')}
      />
      {kind === 'PRAISE' ? (
        <Toggle
          label={t('recognize.public')}
          name="isPublic"
          checked={isPublic}
          onChange={setPublic}
          hint={t('recognize.publicHint', { name: props.receiverName })}
        />
      ) : null}
      {errorFor(error, 'isPublic') ? <p class="field-error">{errorFor(error, 'isPublic')}</p> : null}
      <p class="form-error" role="alert">
        {formLevel(error, FIELDS)}
      </p>
      <button type="submit" class="btn btn-primary btn-block" disabled={busy || props.disabled} aria-busy={busy}>
        <Icon name="send" size={20} /> {busy ? t('recognize.sending') : kind === 'PRAISE' ? t('recognize.sendPraise') : t('recognize.sendCoaching')}
      </button>
    </form>
  );
}
