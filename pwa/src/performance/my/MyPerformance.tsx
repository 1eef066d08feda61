/** My performance (and, with an employee id, a report's, for their manager or HR): the cycle's live score — ring,
 * per-dimension bars, radar, trend over the last cycles — the statement, and appeals. */
import '../performance.css';
import type { JSX } from 'preact';
import { t } from '../../i18n';
import { useQuery } from '../../lib/useQuery';
import { orgZone, type Session } from '../../shell/session';
import { Card, ErrorNote, Loading, Page } from '../../ui/kit';
import { RadarChart } from '../charts/RadarChart';
import { TrendChart } from '../charts/TrendChart';
import { CyclePicker } from '../CyclePicker';
import { DimensionBars } from '../DimensionBars';
import { cycleName } from '../labels';
import { Statement } from '../Statement';
import { useCycles } from '../useCycles';
import { MyAppeals } from './MyAppeals';
import { ScoreSummary } from './ScoreSummary';
import { PerformancePersonDocument, PerformanceScorecardDocument, PerformanceStatementDocument, ScoreHistoryDocument } from '../../gql/graphql';

const TREND_CYCLES = 6;

export function MyPerformance({ session, employeeId }: { session: Session; employeeId?: string }): JSX.Element {
  const own = !employeeId || employeeId === session.me.employee?.id;
  const zone = orgZone(session);
  const choice = useCycles();
  const cycle = choice.selected;
  const vars = { cycleId: cycle?.id ?? '', employeeId: own ? null : (employeeId ?? null) };
  const card = useQuery(PerformanceScorecardDocument, vars, { skip: !cycle });
  const statement = useQuery(PerformanceStatementDocument, vars, { skip: !cycle });
  const history = useQuery(ScoreHistoryDocument, { employeeId: vars.employeeId, last: TREND_CYCLES });
  const person = useQuery(PerformancePersonDocument, { id: employeeId ?? '' }, { skip: own });

  const title = own ? t('perf.my.title') : (person.data?.employee?.name ?? t('perf.person.title'));
  if (own && !session.me.employee) {
    return (
      <Page title={title}>
        <p>{t('home.noEmployee')}</p>
      </Page>
    );
  }
  if (session.offline) {
    return (
      <Page title={title} back={own ? undefined : '/performance/team'}>
        <p class="muted">{t('perf.needsConnection')}</p>
      </Page>
    );
  }

  const scorecard = card.data?.scorecard ?? null;
  const names = new Map(choice.cycles.map((c) => [c.id, cycleName(c)]));
  const trend = (history.data?.myScoreHistory ?? []).map((s) => ({ label: names.get(s.cycleId) ?? '', total: s.total }));
  const lines = statement.data?.scorecardStatement.lines ?? [];

  let body: JSX.Element;
  if (choice.error) body = <ErrorNote error={choice.error} onRetry={choice.reload} />;
  else if (choice.loading && !choice.data) body = <Loading lines={5} />;
  else if (!cycle) body = <p class="muted perf-empty">{t('perf.noCycles')}</p>;
  else if (card.error) body = <ErrorNote error={card.error} onRetry={card.reload} />;
  else if (card.loading && !card.data) body = <Loading lines={5} />;
  else if (!scorecard) body = <p class="muted perf-empty">{cycle.status === 'OPEN' ? t('perf.notComputedOpen') : t('perf.notComputed')}</p>;
  else
    body = (
      <>
        <ScoreSummary scorecard={scorecard} cycle={cycle} zone={zone} />
        <Card title={t('perf.dimensions')}>
          <DimensionBars dimensions={scorecard.dimensions} />
        </Card>
        <Card title={t('perf.radar')}>
          <RadarChart dimensions={scorecard.dimensions} />
        </Card>
        <Card title={t('perf.statement')}>
          {statement.error ? (
            <ErrorNote error={statement.error} onRetry={statement.reload} />
          ) : statement.data ? (
            <Statement statement={statement.data.scorecardStatement} zone={zone} />
          ) : (
            <Loading lines={4} />
          )}
        </Card>
      </>
    );

  return (
    <Page title={title} back={own ? undefined : '/performance/team'}>
      {!own && person.data?.employee?.jobTitle ? <p class="muted">{person.data.employee.jobTitle}</p> : null}
      <CyclePicker choice={choice} />
      {body}
      {trend.length > 0 ? (
        <Card title={t('perf.trend')}>
          {trend.length > 1 ? <TrendChart points={trend} /> : <p class="muted">{t('perf.trendOne')}</p>}
        </Card>
      ) : null}
      {own && cycle ? (
        <MyAppeals
          session={session}
          cycleId={cycle.id}
          appealOpen={statement.data?.scorecardStatement.appealOpen ?? false}
          hasScore={scorecard !== null}
          dimensions={lines.map((l) => ({ code: l.code, nameEn: l.nameEn, nameZh: l.nameZh }))}
        />
      ) : null}
    </Page>
  );
}
