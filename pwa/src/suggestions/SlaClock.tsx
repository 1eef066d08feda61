/** The 24-hour answer clock of a suggestion: while it waits for an answer, a countdown ticking every second (from
 * the server's secondsLeft, so a wrong phone clock does not matter), red once overdue; afterwards, whether it was
 * answered in time. */
import type { JSX } from 'preact';
import { useEffect, useRef, useState } from 'preact/hooks';
import { t } from '../i18n';
import { spanText } from '../feed/labels';
import type { SuggestionFieldsFragment } from '../gql/graphql';

function hms(seconds: number): string {
  const s = Math.max(0, Math.floor(seconds));
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${pad(Math.floor(s / 3600))}:${pad(Math.floor((s % 3600) / 60))}:${pad(s % 60)}`;
}

export function SlaClock({ s }: { s: SuggestionFieldsFragment }): JSX.Element {
  const waiting = s.status === 'RECEIVED';
  // The deadline on this phone's clock: now + what the server said was left when it answered.
  const deadline = useRef(s.secondsLeft !== null && s.secondsLeft !== undefined ? Date.now() + s.secondsLeft * 1000 : new Date(s.dueAt).getTime());
  const [now, setNow] = useState(Date.now());
  useEffect(() => {
    deadline.current = s.secondsLeft !== null && s.secondsLeft !== undefined ? Date.now() + s.secondsLeft * 1000 : new Date(s.dueAt).getTime();
  }, [s.secondsLeft, s.dueAt]);
  useEffect(() => {
    if (!waiting) return;
    const id = window.setInterval(() => setNow(Date.now()), 1000);
    return () => window.clearInterval(id);
  }, [waiting]);

  if (!waiting) {
    const late = s.answeredAt ? new Date(s.answeredAt).getTime() > new Date(s.dueAt).getTime() : s.overdue;
    const took = s.answeredAt ? (new Date(s.answeredAt).getTime() - new Date(s.createdAt).getTime()) / 1000 : null;
    return (
      <p class={`sla-clock is-answered${late ? ' is-late' : ''}`} data-state={late ? 'late' : 'on-time'}>
        <span aria-hidden="true">⏱</span> {took !== null ? t(late ? 'suggestions.clock.answeredLate' : 'suggestions.clock.answeredIn', { span: spanText(took) }) : t('suggestions.clock.done')}
      </p>
    );
  }
  const left = (deadline.current - now) / 1000;
  const overdue = s.overdue || left <= 0;
  return (
    <p class={`sla-clock${overdue ? ' is-overdue' : ''}`} data-state={overdue ? 'overdue' : 'running'} role="timer" aria-live="off">
      <span aria-hidden="true">⏱</span>{' '}
      {overdue ? (
        t('suggestions.clock.overdue', { span: spanText(-left) })
      ) : (
        <>
          {t('suggestions.clock.left')} <strong class="sla-time">{hms(left)}</strong>
        </>
      )}
      {s.escalatedTo ? <span class="muted"> · {t('suggestions.clock.escalated', { name: s.escalatedTo.name })}</span> : null}
    </p>
  );
}
