/** A requirement's detail: where it stands, how to get it, the evidence counted (records with their status), resources
 * (links open in a new tab), upcoming sessions with Enrol, and one action: claim a record of its kind. */
import '../growth.css';
import type { JSX } from 'preact';
import { localized, t } from '../../i18n';
import { formatCivil, parseCivil } from '../../lib/dates';
import { useQuery } from '../../lib/useQuery';
import { orgZone, type Session } from '../../shell/session';
import { Card, ErrorNote, Loading, Page } from '../../ui/kit';
import { Icon } from '../../ui/icons';
import { CLAIMABLE, amountText, kindLabel, named, num, recordStatusLabel, remainingText, reqStatusLabel, resourceKindLabel, titled } from '../labels';
import { SessionList } from './SessionList';
import { GrowthMapDocument } from '../../gql/graphql';

export function RequirementDetail({ session, id, employeeId }: { session: Session; id: string; employeeId?: string | null }): JSX.Element {
  const own = !employeeId || employeeId === session.me.employee?.id;
  const { data, error, reload } = useQuery(GrowthMapDocument, { employeeId: own ? null : (employeeId ?? null) }, { skip: session.offline });
  const back = own ? '/growth' : `/growth/people/${encodeURIComponent(employeeId ?? '')}`;
  const zone = orgZone(session);
  const level = data?.growthMap.levels.find((l) => l.requirements.some((r) => r.requirement.id === id)) ?? null;
  const item = level?.requirements.find((r) => r.requirement.id === id) ?? null;
  const title = item ? named(item.requirement) : t('growth.req.title');

  if (session.offline) {
    return (
      <Page title={title} back={back}>
        <p class="muted">{t('growth.needsConnection')}</p>
      </Page>
    );
  }
  if (error || !data) {
    return (
      <Page title={title} back={back}>
        {error ? <ErrorNote error={error} onRetry={reload} /> : <Loading lines={6} />}
      </Page>
    );
  }
  if (!level || !item) {
    return (
      <Page title={title} back={back}>
        <p class="muted">{t('growth.req.notFound')}</p>
      </Page>
    );
  }
  const r = item.requirement;
  const howTo = localized(r.howToEn, r.howToZh);
  const resources = level.level.resources.filter((x) => x.requirementId === r.id || !x.requirementId);
  const mine = level.level.upcomingSessions.filter((s) => s.requirementId === r.id);
  const sessions = mine.length > 0 ? mine : level.level.upcomingSessions.filter((s) => !s.requirementId);
  const next = data.growthMap.nextStep;
  const remaining = next && next.requirement.id === r.id ? next.remaining : Math.max(0, item.target - item.current);
  const claimable = own && r.evidenceKind && CLAIMABLE.includes(r.evidenceKind) && item.status !== 'DONE';
  const fill = item.target > 0 ? Math.min(100, Math.round((item.current / item.target) * 100)) : item.status === 'DONE' ? 100 : 0;

  return (
    <Page title={title} back={back}>
      <p class="muted">{t('growth.req.ofLevel', { level: named(level.level) })}</p>
      <Card class={`req-summary req-${item.status.toLowerCase()}`}>
        <p class="req-state" data-status={item.status}>
          <strong>{reqStatusLabel(item.status)}</strong> · {amountText(item.current, item.target, r.aggregate, r.measureField)}
        </p>
        <progress class="progress" max={100} value={fill} aria-label={t('growth.req.progress', { name: title })} aria-valuetext={amountText(item.current, item.target, r.aggregate, r.measureField)} />
        {item.status !== 'DONE' ? <p class="muted">{remainingText(remaining, r.aggregate, r.measureField)}</p> : null}
        {claimable ? (
          <a class="btn btn-primary btn-block claim-for" href={`/growth/claim?kind=${r.evidenceKind}&requirement=${encodeURIComponent(r.id)}`}>
            <Icon name="plus" size={20} /> {t('growth.req.claim', { kind: kindLabel(r.evidenceKind!) })}
          </a>
        ) : null}
      </Card>
      <Card title={t('growth.req.howTo')}>
        <p class="how-to">{howTo || t('growth.req.noHowTo')}</p>
      </Card>
      <Card title={t('growth.req.evidence')}>
        {item.records.length === 0 ? (
          <p class="muted">{t('growth.req.noEvidence')}</p>
        ) : (
          <ul class="evidence-list">
            {item.records.map((rec) => (
              <li key={rec.id} class="evidence" data-id={rec.id}>
                <span class="evidence-text">
                  <span class="evidence-title">{rec.title}</span>
                  <span class="muted">
                    {kindLabel(rec.kind)} · {formatCivil(parseCivil(rec.occurredOn), 'medium')}
                    {rec.quantity ? ` · ${t('growth.hours', { n: num(rec.quantity) })}` : ''}
                  </span>
                </span>
                <span class={`tag rec-status rec-${rec.status.toLowerCase()}`}>{recordStatusLabel(rec.status)}</span>
              </li>
            ))}
          </ul>
        )}
        {own ? (
          <p class="card-link">
            <a href="/growth/records">
              {t('growth.records.allMine')} <Icon name="chevron" size={16} />
            </a>
          </p>
        ) : null}
      </Card>
      {resources.length > 0 ? (
        <Card title={t('growth.req.resources')}>
          <ul class="resource-list">
            {resources.map((x) => (
              <li key={x.id}>
                {x.url ? (
                  <a href={x.url} target="_blank" rel="noopener noreferrer" class="resource-link">
                    <span class="resource-text">
                      <span>{titled(x)}</span>
                      <span class="muted">
                        {resourceKindLabel(x.kind)}
                        {x.provider ? ` · ${x.provider}` : ''}
                      </span>
                    </span>
                    <Icon name="external" size={18} />
                    <span class="visually-hidden">{t('growth.newTab')}</span>
                  </a>
                ) : (
                  <span class="resource-text">
                    <span>{titled(x)}</span>
                    <span class="muted">{resourceKindLabel(x.kind)}</span>
                  </span>
                )}
              </li>
            ))}
          </ul>
        </Card>
      ) : null}
      <Card title={t('growth.req.sessions')}>
        <SessionList sessions={sessions} zone={zone} canEnrol={own} />
      </Card>
    </Page>
  );
}
