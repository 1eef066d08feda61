/** Kudos: a thank-you with 0..min(max per kudos, allowance left) points, a message and optionally a value.
 * The client key is made once per submission and reused when the same submission is retried. */
import type { JSX } from 'preact';
import { useId, useRef, useState } from 'preact/hooks';
import { gql } from '../api/client';
import { errorText, userErrorText, type UserErrorShape } from '../api/errors';
import type { RecognizeOptionsQuery } from '../gql/graphql';
import { t } from '../i18n';
import { newClientKey } from '../lib/clientKey';
import { Icon } from '../ui/icons';
import { TextArea } from '../ui/kit';
import { errorFor, formLevel, type FormError } from './formError';
import { ValueChips } from './ValueChips';
import { GiveKudosDocument } from '../gql/graphql';

type Budget = RecognizeOptionsQuery['givingBudget'];
const FIELDS = ['points', 'message', 'valueId'] as const;
const MAX_MESSAGE = 500;

export function KudosForm(props: {
  receiverId: string;
  budget: Budget;
  values: RecognizeOptionsQuery['companyValues'];
  disabled: boolean;
  onDone: (points: number) => void;
}): JSX.Element {
  const { budget } = props;
  const max = Math.max(0, Math.min(budget.maxPointsPerKudos, budget.left));
  const [points, setPoints] = useState(Math.min(10, max));
  const [message, setMessage] = useState('');
  const [valueId, setValueId] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<FormError | null>(null);
  const key = useRef<string | null>(null);
  const id = useId();

  function edit<T>(set: (v: T) => void): (v: T) => void {
    return (v) => {
      key.current = null; // a changed form is a new submission
      set(v);
    };
  }
  const clamp = (n: number) => Math.max(0, Math.min(max, Number.isFinite(n) ? Math.round(n) : 0));
  const setPts = edit((n: number) => setPoints(clamp(n)));

  function describe(r: UserErrorShape): FormError {
    if (r.code === 'INSUFFICIENT_POINTS') return { field: 'points', text: t('error.INSUFFICIENT_POINTS') };
    if (r.code === 'LIMIT_EXCEEDED') return { field: 'points', text: t('recognize.err.pointsLimit', { max: budget.maxPointsPerKudos, pair: budget.pairMonthlyCap }) };
    if (r.code === 'VALIDATION' && r.field === 'message') return { field: 'message', text: t('recognize.err.message', { max: MAX_MESSAGE }) };
    return { field: r.field ?? null, text: userErrorText(r) };
  }

  async function submit(e: Event): Promise<void> {
    e.preventDefault();
    if (!message.trim()) {
      setError({ field: 'message', text: t('recognize.err.message', { max: MAX_MESSAGE }) });
      return;
    }
    key.current ??= newClientKey();
    setBusy(true);
    setError(null);
    try {
      const res = await gql(GiveKudosDocument, {
        input: { receiverId: props.receiverId, message: message.trim(), points, valueId: valueId || null, clientKey: key.current },
      });
      const r = res.giveKudos;
      if (r.__typename === 'UserError') {
        key.current = null;
        setError(describe(r));
      } else {
        key.current = null;
        props.onDone(r.kudos.points);
      }
    } catch (err) {
      setError({ field: null, text: errorText(err) }); // keep the key: a retry must not send twice
    } finally {
      setBusy(false);
    }
  }

  const pointsErr = errorFor(error, 'points');
  return (
    <form class="form" onSubmit={submit} noValidate>
      <fieldset class={`stepper-field${pointsErr ? ' field-invalid' : ''}`} aria-describedby={`${id}-budget`}>
        <legend>{t('recognize.points')}</legend>
        <div class="stepper">
          <button type="button" class="btn btn-secondary" aria-label={t('recognize.fewer')} onClick={() => setPts(points - 1)} disabled={points <= 0 || max === 0}>
            <Icon name="minus" size={20} />
          </button>
          <label class="visually-hidden" for={`${id}-points`}>
            {t('recognize.points')}
          </label>
          <input
            id={`${id}-points`}
            name="points"
            type="number"
            inputMode="numeric"
            min={0}
            max={max}
            step={1}
            value={points}
            disabled={max === 0}
            aria-invalid={pointsErr ? true : undefined}
            onInput={(e) => setPts(Number(e.currentTarget.value))}
          />
          <button type="button" class="btn btn-secondary" aria-label={t('recognize.more')} onClick={() => setPts(points + 1)} disabled={points >= max}>
            <Icon name="plus" size={20} />
          </button>
        </div>
        {max > 0 ? (
          <input
            class="slider"
            type="range"
            min={0}
            max={max}
            step={1}
            value={points}
            aria-label={t('recognize.pointsSlider')}
            aria-valuetext={t('recognize.pointsValue', { count: points })}
            onInput={(e) => setPts(Number(e.currentTarget.value))}
          />
        ) : null}
        <p class="hint" id={`${id}-budget`}>
          {max === 0
            ? t('recognize.noAllowance')
            : t('recognize.allowance', { left: budget.left, allowance: budget.allowance, max: budget.maxPointsPerKudos })}
        </p>
        {pointsErr ? <p class="field-error">{pointsErr}</p> : null}
      </fieldset>
      <TextArea
        label={t('recognize.kudosMessage')}
        name="message"
        value={message}
        onValue={edit(setMessage)}
        maxLength={MAX_MESSAGE}
        rows={3}
        required
        error={errorFor(error, 'message')}
      />
      {props.values.length > 0 ? <ValueChips values={props.values} value={valueId} onValue={edit(setValueId)} error={errorFor(error, 'valueId')} /> : null}
      <p class="form-error" role="alert">
        {formLevel(error, FIELDS)}
      </p>
      <button type="submit" class="btn btn-primary btn-block" disabled={busy || props.disabled} aria-busy={busy}>
        <Icon name="send" size={20} /> {busy ? t('recognize.sending') : points > 0 ? t('recognize.sendKudosPoints', { count: points }) : t('recognize.sendKudos')}
      </button>
    </form>
  );
}
