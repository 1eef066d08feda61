/** Recognise a colleague: pick them (search or "My team"; `?to=<id>` preselects), then kudos, feedback or a badge.
 * Feedback needs a team or recognition:give_anyone; badges need badge:grant. Success links to their wall. */
import type { JSX } from 'preact';
import { useEffect, useId, useRef, useState } from 'preact/hooks';
import { can } from '../api/me';
import type { FeedbackKind } from '../gql/graphql';
import { t, type MessageKey } from '../i18n';
import { useSearchParams } from '../lib/router';
import { useQuery } from '../lib/useQuery';
import type { Session } from '../shell/session';
import { Avatar, Card, ErrorNote, Loading, Page } from '../ui/kit';
import { BadgeForm } from './BadgeForm';
import { ColleaguePicker } from './ColleaguePicker';
import { FeedbackForm } from './FeedbackForm';
import { KudosForm } from './KudosForm';
import { RecognizeOptionsDocument, RecognizeTargetDocument } from '../gql/graphql';

type Mode = 'kudos' | 'feedback' | 'badge';
const modeLabel: Record<Mode, MessageKey> = { kudos: 'recognize.kudos', feedback: 'recognize.feedback', badge: 'recognize.badgeTab' };

export function Recognize({ session }: { session: Session }): JSX.Element {
  const to = useSearchParams().get('to');
  const me = session.me;
  if (!me.employee || !can(me, 'recognition:give')) {
    return (
      <Page title={t('recognize.title')} back="/">
        <p>{me.employee ? t('error.FORBIDDEN') : t('home.noEmployee')}</p>
      </Page>
    );
  }
  if (!to || to === me.employee.id) {
    return (
      <Page title={t('recognize.title')} back="/">
        {to ? (
          <p class="note note-error" role="alert">
            {t('recognize.err.self')}
          </p>
        ) : null}
        <ColleaguePicker session={session} />
      </Page>
    );
  }
  return <RecognizeSomeone key={to} session={session} id={to} />;
}

function RecognizeSomeone({ session, id }: { session: Session; id: string }): JSX.Element {
  const target = useQuery(RecognizeTargetDocument, { id });
  const options = useQuery(RecognizeOptionsDocument, {});
  const [mode, setMode] = useState<Mode>('kudos');
  const [done, setDone] = useState<string | null>(null);
  const group = useId();
  const me = session.me;
  const person = target.data?.employee ?? null;

  const modes: Mode[] = ['kudos'];
  if ((me.employee?.reports.length ?? 0) > 0 || can(me, 'recognition:give_anyone')) modes.push('feedback');
  if (can(me, 'badge:grant')) modes.push('badge');

  if (!person) {
    return (
      <Page title={t('recognize.title')} back="/recognize">
        {target.loading ? (
          <Loading lines={4} />
        ) : target.error ? (
          <ErrorNote error={target.error} onRetry={target.reload} />
        ) : (
          <p class="note note-error" role="alert">
            {t('error.NOT_FOUND')}
          </p>
        )}
      </Page>
    );
  }

  const wallHref = `/community/${encodeURIComponent(person.id)}/wall`;
  const finish = (text: string) => {
    setDone(text);
    options.reload();
  };
  return (
    <Page title={t('recognize.titleFor', { name: person.name })} back="/recognize">
      <Card class="recipient">
        <div class="hero-row">
          <Avatar name={person.name} />
          <div class="person-text">
            <p class="person-name">{person.name}</p>
            <p class="muted">
              {person.jobTitle}
              {person.department ? ` · ${person.department.name}` : ''}
            </p>
          </div>
          <a class="btn btn-small btn-secondary" href="/recognize">
            {t('recognize.change')}
          </a>
        </div>
      </Card>
      {person.status === 'LEFT' ? (
        <p class="note note-error" role="alert">
          {t('recognize.err.left', { name: person.name })}
        </p>
      ) : done ? (
        <Done text={done} name={person.name} wallHref={wallHref} onAgain={() => setDone(null)} />
      ) : (
        <>
          {modes.length > 1 ? (
            <fieldset class={`segmented segmented-${modes.length}`}>
              <legend class="visually-hidden">{t('recognize.how')}</legend>
              {modes.map((m) => (
                <label key={m} class={m === mode ? 'on' : ''}>
                  <input type="radio" name={`mode-${group}`} value={m} checked={m === mode} onChange={() => setMode(m)} />
                  {t(modeLabel[m])}
                </label>
              ))}
            </fieldset>
          ) : null}
          <section class="card" aria-label={t(modeLabel[mode])}>
            {mode === 'badge' ? (
              <BadgeForm
                receiverId={person.id}
                receiverName={person.name}
                hrBadges={can(me, 'recognition:configure')}
                disabled={session.offline}
                onDone={(badge) => finish(t('recognize.doneBadge', { name: person.name, badge }))}
              />
            ) : options.error ? (
              <ErrorNote error={options.error} onRetry={options.reload} />
            ) : !options.data ? (
              <Loading lines={4} />
            ) : mode === 'feedback' ? (
              <FeedbackForm
                receiverId={person.id}
                receiverName={person.name}
                values={options.data.companyValues}
                disabled={session.offline}
                onDone={(kind: FeedbackKind, isPublic) =>
                  finish(
                    kind === 'COACHING'
                      ? t('recognize.doneCoaching', { name: person.name })
                      : t(isPublic ? 'recognize.donePraisePublic' : 'recognize.donePraisePrivate', { name: person.name }),
                  )
                }
              />
            ) : (
              <KudosForm
                receiverId={person.id}
                budget={options.data.givingBudget}
                values={options.data.companyValues}
                disabled={session.offline}
                onDone={(points) =>
                  finish(points > 0 ? t('recognize.doneKudosPoints', { name: person.name, count: points }) : t('recognize.doneKudos', { name: person.name }))
                }
              />
            )}
          </section>
        </>
      )}
    </Page>
  );
}

function Done(props: { text: string; name: string; wallHref: string; onAgain: () => void }): JSX.Element {
  const heading = useRef<HTMLHeadingElement>(null);
  useEffect(() => heading.current?.focus(), []);
  return (
    <section class="card done" aria-labelledby="done-title">
      <h2 id="done-title" tabIndex={-1} ref={heading}>
        {t('recognize.doneTitle')}
      </h2>
      <p role="status">{props.text}</p>
      <div class="actions">
        <a class="btn btn-primary" href={props.wallHref}>
          {t('recognize.seeWall', { name: props.name })}
        </a>
        <button type="button" class="btn btn-secondary" onClick={props.onAgain}>
          {t('recognize.again', { name: props.name })}
        </button>
        <a class="btn btn-secondary" href="/recognize">
          {t('recognize.someoneElse')}
        </a>
      </div>
    </section>
  );
}
