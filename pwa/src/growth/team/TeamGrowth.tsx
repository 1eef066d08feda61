/** Team growth (/growth/team, managers): the people below me, sorted by the server by what needs attention —
 * claims waiting for my confirmation, nearest to completing a level, stale records — each opening their map. */
import '../growth.css';
import type { JSX } from 'preact';
import { t } from '../../i18n';
import { formatCivil, parseCivil } from '../../lib/dates';
import { useQuery } from '../../lib/useQuery';
import type { Session } from '../../shell/session';
import { Avatar, ErrorNote, Loading, Page } from '../../ui/kit';
import { Icon } from '../../ui/icons';
import { named, percentText } from '../labels';
import { TeamGrowthDocument } from '../../gql/graphql';

export function TeamGrowth({ session }: { session: Session }): JSX.Element {
  const { data, error, reload } = useQuery(TeamGrowthDocument, {}, { skip: session.offline });
  const members = data?.teamGrowth ?? [];
  const pending = members.reduce((n, m) => n + m.pendingConfirmations, 0);
  let body: JSX.Element;
  if (session.offline) body = <p class="muted">{t('growth.needsConnection')}</p>;
  else if (error) body = <ErrorNote error={error} onRetry={reload} />;
  else if (!data) body = <Loading lines={6} />;
  else if (members.length === 0) body = <p class="muted">{t('growth.team.none')}</p>;
  else
    body = (
      <ul class="team-growth">
        {members.map((m) => (
          <li key={m.employee.id} class="team-member" data-id={m.employee.id}>
            <a class="member-link" href={`/growth/people/${encodeURIComponent(m.employee.id)}`}>
              <Avatar name={m.employee.name} />
              <span class="member-text">
                <span class="person-name">{m.employee.name}</span>
                <span class="muted">
                  {m.track ? named(m.track) : t('growth.team.noTrack')}
                  {m.currentLevel ? ` · ${named(m.currentLevel)}` : ''}
                </span>
                {m.nextLevel ? (
                  <span class="member-next">
                    <span>{t('growth.team.next', { level: named(m.nextLevel), pct: percentText(m.nextLevelPercent) })}</span>
                    <progress class="progress" max={100} value={m.nextLevelPercent} aria-label={t('growth.team.nextProgress', { name: m.employee.name, level: named(m.nextLevel) })} />
                  </span>
                ) : null}
                <span class="member-flags">
                  {m.pendingConfirmations > 0 ? <span class="tag tag-pending">{t('growth.team.pending', { count: m.pendingConfirmations })}</span> : null}
                  {m.staleSince ? <span class="tag tag-quiet">{t('growth.team.stale', { date: formatCivil(parseCivil(m.staleSince), 'medium') })}</span> : null}
                </span>
              </span>
              <Icon name="chevron" size={20} />
            </a>
          </li>
        ))}
      </ul>
    );
  return (
    <Page title={t('growth.team.title')} back="/growth">
      <div class="team-shortcuts actions">
        <a class="btn btn-secondary to-inbox" href="/growth/inbox">
          <Icon name="inbox" size={20} /> {t('growth.inbox.title')}
          {pending > 0 ? <span class="tag">{pending}</span> : null}
        </a>
        <a class="btn btn-secondary to-scan" href="/growth/scan">
          <Icon name="check" size={20} /> {t('growth.scan.title')}
        </a>
      </div>
      {body}
    </Page>
  );
}
