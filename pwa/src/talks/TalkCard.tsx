/** A talk in the list: topic, speaker, when and where, seats; sign up or cancel in place. */
import type { JSX } from 'preact';
import { useState } from 'preact/hooks';
import { CancelTalkSignupDocument, SignUpForTalkDocument, type TalkStatus } from '../gql/graphql';
import { t, type MessageKey } from '../i18n';
import { Status } from '../ui/kit';
import { gql, seatsText, talkAction, whenText, type Talk } from './labels';

export function statusText(s: TalkStatus): string {
  return t(`talks.status.${s}` as MessageKey);
}

export function SignUpButton({ talk, meId, onChanged }: { talk: Talk; meId: string | null; onChanged: (t: Talk) => void }): JSX.Element | null {
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  // The speaker gives the talk: no seat for them.
  if (talk.status !== 'SCHEDULED' || talk.mySignup === 'ATTENDED' || !meId || talk.speaker.id === meId) return null;
  const signedUp = talk.mySignup === 'SIGNED_UP';
  const full = talk.seatsTaken >= talk.capacity;

  async function run(): Promise<void> {
    setBusy(true);
    setError(null);
    const r = await talkAction(async () =>
      signedUp ? (await gql(CancelTalkSignupDocument, { id: talk.id })).cancelTalkSignup : (await gql(SignUpForTalkDocument, { id: talk.id })).signUpForTalk,
    );
    setBusy(false);
    if ('error' in r) setError(r.error);
    else onChanged(r.talk);
  }

  return (
    <>
      <button type="button" class={`btn btn-small ${signedUp ? 'btn-secondary cancel-signup' : 'btn-primary sign-up'}`} disabled={busy || (!signedUp && full)} aria-busy={busy} onClick={() => void run()}>
        {signedUp ? t('talks.cancelSignup') : full ? t('talks.full') : t('talks.signUp')}
      </button>
      <Status text={error} tone="error" />
    </>
  );
}

export function TalkCard({ talk, meId, onChanged }: { talk: Talk; meId: string | null; onChanged: (t: Talk) => void }): JSX.Element {
  return (
    <article class="card talk" data-id={talk.id} data-status={talk.status} data-signup={talk.mySignup ?? ''}>
      <h3>
        <a href={`/community/talks/${encodeURIComponent(talk.id)}`}>{talk.topic}</a>
      </h3>
      <p class="muted">
        {talk.speaker.name} · {whenText(talk)}
      </p>
      <p class="muted">{[talk.location, talk.link ? t('talks.online') : null].filter(Boolean).join(' · ')}</p>
      <p class="talk-seats">
        <span class="seats">{seatsText(talk)}</span>
        {talk.status !== 'SCHEDULED' ? <span class="tag tag-quiet">{statusText(talk.status)}</span> : null}
        {talk.mySignup === 'SIGNED_UP' ? <span class="tag">{t('talks.youreIn')}</span> : null}
        {talk.mySignup === 'ATTENDED' ? <span class="tag">{t('talks.attended')}</span> : null}
      </p>
      <SignUpButton talk={talk} meId={meId} onChanged={onChanged} />
    </article>
  );
}
