/** Upcoming internal sessions with Enrol / Cancel enrolment (capacity shown; a full session cannot be joined). */
import type { JSX } from 'preact';
import { useState } from 'preact/hooks';
import { gql } from '../../api/client';
import { errorText, userErrorText } from '../../api/errors';
import { t } from '../../i18n';
import { formatInstant } from '../../lib/dates';
import { Status } from '../../ui/kit';
import { num, titled } from '../labels';
import type { SessionItem } from './types';
import { CancelEnrolmentDocument, EnrolInSessionDocument } from '../../gql/graphql';

export function SessionList(props: { sessions: SessionItem[]; zone: string; canEnrol: boolean }): JSX.Element {
  const [changed, setChanged] = useState<Record<string, SessionItem>>({});
  if (props.sessions.length === 0) return <p class="muted">{t('growth.sessions.none')}</p>;
  return (
    <ul class="session-list">
      {props.sessions.map((s0) => {
        const s = changed[s0.id] ?? s0;
        return <SessionRow key={s.id} session={s} zone={props.zone} canEnrol={props.canEnrol} onChanged={(n) => setChanged((c) => ({ ...c, [n.id]: n }))} />;
      })}
    </ul>
  );
}

function SessionRow(props: { session: SessionItem; zone: string; canEnrol: boolean; onChanged: (s: SessionItem) => void }): JSX.Element {
  const s = props.session;
  const [busy, setBusy] = useState(false);
  const [status, setStatus] = useState<{ text: string; tone: 'ok' | 'error' } | null>(null);
  const enrolled = s.myEnrolment === 'ENROLLED';
  const full = s.enrolled >= s.capacity;
  const title = titled(s);

  async function act(): Promise<void> {
    setBusy(true);
    setStatus(null);
    try {
      const r = enrolled ? (await gql(CancelEnrolmentDocument, { id: s.id })).cancelEnrolment : (await gql(EnrolInSessionDocument, { id: s.id })).enrolInSession;
      if (r.__typename === 'UserError') setStatus({ text: userErrorText(r), tone: 'error' });
      else {
        props.onChanged(r.session);
        setStatus({ text: enrolled ? t('growth.sessions.cancelled') : t('growth.sessions.enrolled'), tone: 'ok' });
      }
    } catch (err) {
      setStatus({ text: errorText(err), tone: 'error' });
    } finally {
      setBusy(false);
    }
  }

  return (
    <li class="session" data-id={s.id} data-enrolment={s.myEnrolment ?? ''}>
      <p class="session-title">{title}</p>
      <p class="muted">
        <time dateTime={s.startsAt}>{formatInstant(s.startsAt, props.zone)}</time>
        {s.location ? ` · ${s.location}` : ''}
        {s.hours > 0 ? ` · ${t('growth.hours', { n: num(s.hours) })}` : ''}
      </p>
      <p class="muted">
        {s.trainer ? `${t('growth.sessions.trainer', { name: s.trainer.name })} · ` : ''}
        {t('growth.sessions.seats', { enrolled: s.enrolled, capacity: s.capacity })}
      </p>
      {s.myEnrolment === 'ATTENDED' ? <p class="status-ok">{t('growth.sessions.attended')}</p> : null}
      {props.canEnrol && s.status === 'SCHEDULED' && s.myEnrolment !== 'ATTENDED' ? (
        <button
          type="button"
          class={`btn btn-small ${enrolled ? 'btn-secondary cancel-enrolment' : 'btn-primary enrol'}`}
          disabled={busy || (!enrolled && full)}
          aria-busy={busy}
          aria-label={enrolled ? t('growth.sessions.cancelNamed', { title }) : t('growth.sessions.enrolNamed', { title })}
          onClick={() => void act()}
        >
          {enrolled ? t('growth.sessions.cancel') : full ? t('growth.sessions.full') : t('growth.sessions.enrol')}
        </button>
      ) : null}
      <Status text={status?.text ?? null} tone={status?.tone ?? 'ok'} />
    </li>
  );
}
