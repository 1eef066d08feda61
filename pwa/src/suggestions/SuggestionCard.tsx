/** One suggestion: title, text, status, who (or "anonymous"), the answer clock, the answer and outcome; for its
 * owner the next step (answer, accept/decline, implemented + reward points). */
import type { JSX } from 'preact';
import { useState } from 'preact/hooks';
import { gql } from '../api/client';
import { errorText, userErrorText } from '../api/errors';
import { AnswerSuggestionDocument, DecideSuggestionDocument, ImplementSuggestionDocument, type SuggestionFieldsFragment, type SuggestionStatus } from '../gql/graphql';
import { t, type MessageKey } from '../i18n';
import { formatInstant } from '../lib/dates';
import { Field, Status, TextArea } from '../ui/kit';
import { SlaClock } from './SlaClock';

export function statusLabel(s: SuggestionStatus): string {
  return t(`suggestions.status.${s}` as MessageKey);
}

type Result = { suggestion: SuggestionFieldsFragment } | { code: string; message: string };

export function SuggestionCard({ s, zone, onChanged, highlight }: { s: SuggestionFieldsFragment; zone: string; onChanged: (s: SuggestionFieldsFragment) => void; highlight?: boolean }): JSX.Element {
  const [text, setText] = useState('');
  const [points, setPoints] = useState('0');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);

  async function run(call: () => Promise<Result>): Promise<void> {
    setBusy(true);
    setError(null);
    try {
      const r = await call();
      if ('code' in r) setError(userErrorText(r));
      else {
        setText('');
        onChanged(r.suggestion);
      }
    } catch (err) {
      setError(errorText(err));
    } finally {
      setBusy(false);
    }
  }
  const answer = () => run(async () => unwrap((await gql(AnswerSuggestionDocument, { id: s.id, answer: text.trim() })).answerSuggestion));
  const decide = (accept: boolean) => run(async () => unwrap((await gql(DecideSuggestionDocument, { id: s.id, accept, note: text.trim() })).decideSuggestion));
  const implement = () => run(async () => unwrap((await gql(ImplementSuggestionDocument, { id: s.id, outcome: text.trim(), rewardPoints: Math.max(0, Math.floor(Number(points) || 0)) })).implementSuggestion));

  const who = s.anonymous ? t('suggestions.anonymousAuthor') : s.submitter?.name ?? '';
  return (
    <article class={`card suggestion${highlight ? ' is-highlighted' : ''}`} id={`suggestion-${s.id}`} data-id={s.id} data-status={s.status} tabIndex={-1}>
      <header class="suggestion-head">
        <h3>{s.title}</h3>
        <span class={`tag tag-status-${s.status.toLowerCase()}`}>{statusLabel(s.status)}</span>
      </header>
      <p class="muted">
        {[s.mine ? t('suggestions.byYou') : who, s.department?.name, formatInstant(s.createdAt, zone)].filter(Boolean).join(' · ')}
        {s.mine && s.anonymous ? <span class="tag tag-quiet">{t('suggestions.anonymousTag')}</span> : null}
      </p>
      <p class="suggestion-body">{s.body}</p>
      <SlaClock s={s} />
      {s.owner ? <p class="muted">{t('suggestions.owner', { name: s.owner.name })}</p> : null}
      {s.answer ? (
        <div class="panel suggestion-answer">
          <strong>{t('suggestions.answer')}</strong>
          <p>{s.answer}</p>
        </div>
      ) : null}
      {s.outcome ? (
        <div class="panel suggestion-outcome">
          <strong>{t('suggestions.weDid')}</strong>
          <p>{s.outcome}</p>
          {s.rewardPoints > 0 ? <p class="gain">{t('suggestions.rewarded', { count: s.rewardPoints })}</p> : null}
        </div>
      ) : null}
      {s.canAnswer && s.status === 'RECEIVED' ? (
        <form class="form answer-form" onSubmit={(e) => { e.preventDefault(); void answer(); }}>
          <TextArea label={t('suggestions.answerLabel')} name="answer" value={text} onValue={setText} maxLength={2000} rows={3} />
          <button type="submit" class="btn btn-primary btn-small send-answer" disabled={busy || !text.trim()} aria-busy={busy}>
            {t('suggestions.sendAnswer')}
          </button>
        </form>
      ) : null}
      {s.canDecide && s.status === 'ANSWERED' ? (
        <div class="form decide-form">
          <TextArea label={t('suggestions.noteLabel')} name="note" value={text} onValue={setText} maxLength={1000} rows={2} />
          <div class="actions">
            <button type="button" class="btn btn-primary btn-small accept" disabled={busy} onClick={() => void decide(true)}>
              {t('suggestions.accept')}
            </button>
            <button type="button" class="btn btn-secondary btn-small decline" disabled={busy} onClick={() => void decide(false)}>
              {t('suggestions.decline')}
            </button>
          </div>
        </div>
      ) : null}
      {s.canDecide && s.status === 'ACCEPTED' ? (
        <form class="form implement-form" onSubmit={(e) => { e.preventDefault(); void implement(); }}>
          <TextArea label={t('suggestions.outcomeLabel')} name="outcome" value={text} onValue={setText} maxLength={2000} rows={3} hint={t('suggestions.outcomeHint')} />
          <Field label={t('suggestions.rewardLabel')} name="rewardPoints" type="number" inputMode="numeric" min={0} step={1} value={points} onValue={setPoints} hint={t('suggestions.rewardHint')} />
          <button type="submit" class="btn btn-primary btn-small implement" disabled={busy || !text.trim()} aria-busy={busy}>
            {t('suggestions.implement')}
          </button>
        </form>
      ) : null}
      <Status text={error} tone="error" />
    </article>
  );
}

function unwrap(r: { __typename: 'SuggestionChanged'; suggestion: SuggestionFieldsFragment } | { __typename: 'UserError'; code: string; message: string }): Result {
  return r.__typename === 'UserError' ? { code: r.code, message: r.message } : { suggestion: r.suggestion };
}
