/** A poll on its post: choose (one, or up to maxChoices) and vote once; results as bars when the poll shows them
 * (after voting or after close, as configured); a ticking countdown to the close; participation for HR and the
 * creator; their close button. */
import type { JSX } from 'preact';
import { useEffect, useState } from 'preact/hooks';
import { gql } from '../api/client';
import { errorText, userErrorText } from '../api/errors';
import { ClosePollDocument, VoteDocument, type PollFieldsFragment } from '../gql/graphql';
import { locale, t } from '../i18n';
import { fullTime, spanText } from '../feed/labels';
import type { Session } from '../shell/session';
import { Status } from '../ui/kit';

/** Seconds until `iso`, re-read every `everyMs` so countdowns tick. */
export function useSecondsUntil(iso: string, everyMs = 1000): number {
  const [now, setNow] = useState(Date.now());
  useEffect(() => {
    const id = window.setInterval(() => setNow(Date.now()), everyMs);
    return () => window.clearInterval(id);
  }, [everyMs]);
  return (new Date(iso).getTime() - now) / 1000;
}

export function PollCard({ session, poll, onChanged }: { session: Session; poll: PollFieldsFragment; onChanged: (p: PollFieldsFragment) => void }): JSX.Element {
  const [picked, setPicked] = useState<string[]>([]);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const left = useSecondsUntil(poll.closesAt, 1000);
  const closed = poll.closed || left <= 0;
  const voted = poll.myChoice !== null && poll.myChoice !== undefined;
  const canVote = !closed && !voted && !!session.me.employee && !session.offline;
  const limit = poll.multiple ? Math.max(1, poll.maxChoices) : 1;
  const pct = new Intl.NumberFormat(locale(), { style: 'percent', maximumFractionDigits: 0 });
  const total = poll.options.reduce((n, o) => n + (o.votes ?? 0), 0);

  function toggle(id: string, on: boolean): void {
    if (!poll.multiple) return setPicked(on ? [id] : []);
    setPicked((p) => (on ? (p.length >= limit ? p : [...p, id]) : p.filter((x) => x !== id)));
  }

  async function run(action: 'vote' | 'close'): Promise<void> {
    setBusy(true);
    setError(null);
    try {
      const r = action === 'vote' ? (await gql(VoteDocument, { pollId: poll.id, optionIds: picked })).vote : (await gql(ClosePollDocument, { pollId: poll.id })).closePoll;
      if (r.__typename === 'UserError') setError(userErrorText(r));
      else onChanged(r.poll);
    } catch (err) {
      setError(errorText(err));
    } finally {
      setBusy(false);
    }
  }

  return (
    <section class="poll" data-id={poll.id} data-closed={String(closed)} aria-label={poll.question}>
      <h3 class="poll-question">{poll.question}</h3>
      <p class="muted poll-meta">
        {[
          poll.multiple ? t('poll.chooseUpTo', { count: limit }) : t('poll.chooseOne'),
          poll.anonymous ? t('poll.anonymous') : t('poll.named'),
          t('poll.ballots', { count: poll.ballotCount }),
        ].join(' · ')}
      </p>
      {canVote ? (
        <fieldset class="poll-options">
          <legend class="visually-hidden">{poll.question}</legend>
          {poll.options.map((o) => (
            <label key={o.id} class={`poll-choice${picked.includes(o.id) ? ' on' : ''}`}>
              <input
                type={poll.multiple ? 'checkbox' : 'radio'}
                name={`poll-${poll.id}`}
                value={o.id}
                checked={picked.includes(o.id)}
                disabled={poll.multiple && !picked.includes(o.id) && picked.length >= limit}
                onChange={(e) => toggle(o.id, e.currentTarget.checked)}
              />
              {o.label}
            </label>
          ))}
          <button type="button" class="btn btn-primary btn-small vote" disabled={busy || picked.length === 0} aria-busy={busy} onClick={() => void run('vote')}>
            {t('poll.vote')}
          </button>
        </fieldset>
      ) : poll.resultsVisible ? (
        <ul class="poll-results">
          {poll.options.map((o) => {
            const share = total > 0 ? (o.votes ?? 0) / total : 0;
            const mine = poll.myChoice?.includes(o.id);
            return (
              <li key={o.id} class={`poll-result${mine ? ' mine' : ''}`} data-label={o.label} data-votes={o.votes ?? 0}>
                <span class="poll-label">
                  {o.label}
                  {mine ? <span class="tag tag-quiet">{t('poll.yourChoice')}</span> : null}
                </span>
                <span class="poll-bar" aria-hidden="true">
                  <span style={{ width: `${Math.round(share * 100)}%` }} />
                </span>
                <span class="poll-count">
                  {t('poll.votes', { count: o.votes ?? 0 })} · {pct.format(share)}
                </span>
                {o.voters?.length ? <span class="muted poll-voters">{o.voters.map((v) => v.name).join('、')}</span> : null}
              </li>
            );
          })}
        </ul>
      ) : (
        <>
          <ul class="poll-results poll-hidden">
            {poll.options.map((o) => (
              <li key={o.id} class={`poll-result${poll.myChoice?.includes(o.id) ? ' mine' : ''}`}>
                {o.label}
                {poll.myChoice?.includes(o.id) ? <span class="tag tag-quiet">{t('poll.yourChoice')}</span> : null}
              </li>
            ))}
          </ul>
          <p class="muted">{closed ? t('poll.resultsSoon') : voted ? t('poll.afterClose') : t('poll.voteToSee')}</p>
        </>
      )}
      <p class={`poll-clock${closed ? ' is-closed' : ''}`}>
        {closed ? (
          <span class="poll-closed">{t('poll.closed')}</span>
        ) : (
          <span title={fullTime(poll.closesAt)}>{t('poll.closesIn', { span: spanText(left) })}</span>
        )}
        {poll.participationRate !== null && poll.participationRate !== undefined ? <span class="poll-participation"> · {t('poll.participation', { pct: pct.format(poll.participationRate) })}</span> : null}
      </p>
      {poll.canClose && !poll.closed ? (
        <button type="button" class="btn btn-secondary btn-small close-poll" disabled={busy} onClick={() => window.confirm(t('poll.confirmClose')) && void run('close')}>
          {t('poll.close')}
        </button>
      ) : null}
      <Status text={error} tone="error" />
    </section>
  );
}
