/** Team (managers): everyone below me for the chosen cycle, sorted by what needs attention, each with their total
 * and progress; tap a person for quick rating and metric entry. Below: appeals routed to me. */
import '../performance.css';
import type { JSX } from 'preact';
import { can } from '../../api/me';
import type { TeamPerformanceQuery } from '../../gql/graphql';
import { t } from '../../i18n';
import { useQuery } from '../../lib/useQuery';
import type { Session } from '../../shell/session';
import { Avatar, ErrorNote, Loading, Page } from '../../ui/kit';
import { Icon } from '../../ui/icons';
import { CyclePicker } from '../CyclePicker';
import { attentionLabel, percentText, scoreText } from '../labels';
import { useCycles } from '../useCycles';
import { AppealsToDecide } from './AppealsToDecide';
import { TeamPerformanceDocument } from '../../gql/graphql';

type Member = TeamPerformanceQuery['teamPerformance'][number];
type Person = NonNullable<Member['employee']>;

export function Team({ session }: { session: Session }): JSX.Element {
  const choice = useCycles();
  const cycle = choice.selected;
  const team = useQuery(TeamPerformanceDocument, { cycleId: cycle?.id ?? null }, { skip: !choice.data });
  const members = (team.data?.teamPerformance ?? []).filter((m): m is Member & { employee: Person } => m.employee !== null && m.employee !== undefined);

  if (session.offline) {
    return (
      <Page title={t('perf.team.title')}>
        <p class="muted">{t('perf.needsConnection')}</p>
      </Page>
    );
  }
  return (
    <Page title={t('perf.team.title')}>
      <CyclePicker choice={choice} />
      {can(session.me, 'bonus:manage') ? (
        <p class="card-link">
          <a href="/performance/bonus">
            {t('perf.team.toFlags')} <Icon name="chevron" size={16} />
          </a>
        </p>
      ) : null}
      <section aria-labelledby="team-members">
        <h2 id="team-members" class="section-title">
          {t('perf.team.members')}
        </h2>
        <p class="muted list-caption" aria-live="polite">
          {team.data ? t('perf.team.count', { count: members.length, attention: members.filter((m) => m.attention.length > 0).length }) : ''}
        </p>
        {choice.error || team.error ? (
          <ErrorNote error={choice.error ?? team.error} onRetry={choice.error ? choice.reload : team.reload} />
        ) : !team.data ? (
          <Loading lines={4} />
        ) : members.length === 0 ? (
          <p class="muted">{t('perf.team.empty')}</p>
        ) : (
          <ul class="perf-list team-list">
            {members.map((m) => (
              <MemberRow key={m.employee.id} member={m} cycleId={cycle?.id ?? null} />
            ))}
          </ul>
        )}
      </section>
      {can(session.me, 'appeals:decide') ? <AppealsToDecide session={session} /> : null}
    </Page>
  );
}

function MemberRow({ member, cycleId }: { member: Member & { employee: Person }; cycleId: string | null }): JSX.Element {
  const e = member.employee;
  const s = member.scorecard;
  const href = `/performance/team/${encodeURIComponent(e.id)}${cycleId ? `?cycle=${encodeURIComponent(cycleId)}` : ''}`;
  return (
    <li class="card perf-item team-member" data-id={e.id}>
      <a class="member-link" href={href}>
        <Avatar name={e.name} />
        <span class="person-text">
          <span class="person-name">{e.name}</span>
          <span class="muted">{e.jobTitle}</span>
        </span>
        <span class="member-score">
          {s ? (
            <>
              <strong>{scoreText(s.total)}</strong>
              <br />
              <span class="muted">{t('perf.ofTarget', { pct: percentText(s.completion) })}</span>
            </>
          ) : (
            <span class="muted">—</span>
          )}
        </span>
        <Icon name="chevron" size={20} />
      </a>
      {s ? <progress class="progress" max={1} value={Math.max(0, Math.min(1, s.completion))} aria-label={t('perf.team.progressOf', { name: e.name })} aria-valuetext={percentText(s.completion)} /> : null}
      {member.attention.length ? (
        <p class="badges" aria-label={t('perf.team.attention')}>
          {member.attention.map((code) => (
            <span class={`tag tag-attention attention-${code}`} key={code}>
              {attentionLabel(code)}
            </span>
          ))}
        </p>
      ) : null}
    </li>
  );
}
