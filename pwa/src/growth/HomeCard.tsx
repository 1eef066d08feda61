/** Home's "next step" card: the next missing requirement on the person's path, how much is left, when it should be
 * done (date and basis) and one action — enrol in the session that gives it, claim a record, or open its detail.
 * Renders nothing for people without a track. */
import './growth.css';
import type { JSX } from 'preact';
import { useState } from 'preact/hooks';
import { gql } from '../api/client';
import { errorText, userErrorText } from '../api/errors';
import { t } from '../i18n';
import { formatCivil, formatInstant, parseCivil } from '../lib/dates';
import { useQuery } from '../lib/useQuery';
import { Card, ErrorNote, Status } from '../ui/kit';
import { Icon } from '../ui/icons';
import { CLAIMABLE, basisText, kindLabel, named, remainingText, titled } from './labels';
import { requirementHref } from './map/types';
import { EnrolInSessionDocument, GrowthHomeDocument } from '../gql/graphql';

export function HomeCard({ zone }: { zone: string }): JSX.Element | null {
  const { data, error, reload } = useQuery(GrowthHomeDocument, {});
  const [busy, setBusy] = useState(false);
  const [status, setStatus] = useState<{ text: string; tone: 'ok' | 'error' } | null>(null);
  if (error) {
    return (
      <Card title={t('growth.next.title')} class="growth-next-card">
        <ErrorNote error={error} onRetry={reload} />
      </Card>
    );
  }
  if (!data?.growthMap.track) return null;
  const next = data.growthMap.nextStep;
  if (!next) {
    return (
      <Card title={t('growth.next.title')} class="growth-next-card">
        <p class="muted">{t('growth.map.allDone')}</p>
        <p class="card-link">
          <a href="/growth">
            {t('growth.next.openMap')} <Icon name="chevron" size={16} />
          </a>
        </p>
      </Card>
    );
  }
  const req = next.requirement;
  const session = next.sessions.find((s) => s.status === 'SCHEDULED' && s.myEnrolment !== 'ATTENDED') ?? null;
  const enrolled = session?.myEnrolment === 'ENROLLED';
  const basis = basisText(next.estimateBasis);

  async function enrol(id: string): Promise<void> {
    setBusy(true);
    setStatus(null);
    try {
      const r = (await gql(EnrolInSessionDocument, { id })).enrolInSession;
      if (r.__typename === 'UserError') setStatus({ text: userErrorText(r), tone: 'error' });
      else {
        setStatus({ text: t('growth.sessions.enrolled'), tone: 'ok' });
        reload();
      }
    } catch (err) {
      setStatus({ text: errorText(err), tone: 'error' });
    } finally {
      setBusy(false);
    }
  }

  let action: JSX.Element;
  if (session && !enrolled && session.enrolled < session.capacity)
    action = (
      <button type="button" class="btn btn-primary btn-block next-enrol" disabled={busy} aria-busy={busy} onClick={() => void enrol(session.id)}>
        {t('growth.next.enrol', { title: titled(session) })}
      </button>
    );
  else if (req.evidenceKind && CLAIMABLE.includes(req.evidenceKind))
    action = (
      <a class="btn btn-primary btn-block next-claim" href={`/growth/claim?kind=${req.evidenceKind}&requirement=${encodeURIComponent(req.id)}`}>
        {t('growth.req.claim', { kind: kindLabel(req.evidenceKind) })}
      </a>
    );
  else
    action = (
      <a class="btn btn-secondary btn-block next-open" href={requirementHref(req.id)}>
        {t('growth.next.open')}
      </a>
    );

  return (
    <Card title={t('growth.next.title')} class="growth-next-card">
      <p class="next-req">
        <a href={requirementHref(req.id)}>{named(req)}</a>
      </p>
      <p class="muted">
        {t('growth.next.forLevel', { level: named(next.level) })} · <strong class="next-remaining">{remainingText(next.remaining, req.aggregate, req.measureField)}</strong>
      </p>
      {next.estimatedOn ? (
        <p class="next-estimate">
          {t('growth.next.estimate', { date: formatCivil(parseCivil(next.estimatedOn)) })}
          {basis ? <span class="muted"> · {basis}</span> : null}
        </p>
      ) : null}
      {session && enrolled ? <p class="status-ok">{t('growth.next.enrolledIn', { title: titled(session), when: formatInstant(session.startsAt, zone) })}</p> : null}
      {action}
      <Status text={status?.text ?? null} tone={status?.tone ?? 'ok'} />
    </Card>
  );
}
