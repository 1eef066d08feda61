/** One team member (manager's view): their score so far, quick rating entry for the rating tasks I have for them,
 * quick metric value entry, and a link to their full statement. */
import '../performance.css';
import type { JSX } from 'preact';
import { t } from '../../i18n';
import { useQuery } from '../../lib/useQuery';
import type { Session } from '../../shell/session';
import { Card, ErrorNote, Loading, Page } from '../../ui/kit';
import { Icon } from '../../ui/icons';
import { CyclePicker } from '../CyclePicker';
import { DimensionBars } from '../DimensionBars';
import { ScoreRing } from '../ScoreRing';
import { scoreText } from '../labels';
import { useCycles } from '../useCycles';
import { MetricEntry } from './MetricEntry';
import { RatingEntry } from './RatingEntry';
import { PerformancePersonDocument, PerformanceScorecardDocument, RatingTasksDocument } from '../../gql/graphql';

const RECOMPUTE_WAIT_MS = 4000;

export function Member({ session, id }: { session: Session; id: string }): JSX.Element {
  const choice = useCycles();
  const cycle = choice.selected;
  const person = useQuery(PerformancePersonDocument, { id });
  const card = useQuery(PerformanceScorecardDocument, { cycleId: cycle?.id ?? '', employeeId: id }, { skip: !cycle });
  const tasks = useQuery(RatingTasksDocument, { cycleId: cycle?.id ?? '' }, { skip: !cycle });
  const name = person.data?.employee?.name ?? '';
  const mine = (tasks.data?.ratingTasks ?? []).filter((task) => task.employee?.id === id);
  const scorecard = card.data?.scorecard ?? null;
  // The server recomputes a few seconds after a change (debounced): read the score now and once more after that.
  const refresh = () => {
    card.reload();
    setTimeout(card.reload, RECOMPUTE_WAIT_MS);
  };
  const statementHref = `/performance/people/${encodeURIComponent(id)}${cycle ? `?cycle=${encodeURIComponent(cycle.id)}` : ''}`;

  if (session.offline) {
    return (
      <Page title={name || t('perf.person.title')} back="/performance/team">
        <p class="muted">{t('perf.needsConnection')}</p>
      </Page>
    );
  }
  return (
    <Page title={name || t('perf.person.title')} back={`/performance/team${cycle ? `?cycle=${encodeURIComponent(cycle.id)}` : ''}`}>
      {person.error ? <ErrorNote error={person.error} onRetry={person.reload} /> : null}
      {person.data?.employee?.jobTitle ? <p class="muted">{person.data.employee.jobTitle}</p> : null}
      <CyclePicker choice={choice} />
      <Card class="perf-summary">
        {card.error ? (
          <ErrorNote error={card.error} onRetry={card.reload} />
        ) : card.loading && !card.data ? (
          <Loading lines={2} />
        ) : scorecard ? (
          <>
            <div class="hero-row">
              <ScoreRing total={scorecard.total} completion={scorecard.completion} small />
              <p class="perf-summary-text">
                <span>
                  {t('perf.total')} <strong class="big member-total">{scoreText(scorecard.total)}</strong>
                </span>
                <span class="muted">{scorecard.missing > 0 ? t('perf.missingCount', { count: scorecard.missing }) : t('perf.missingNone')}</span>
              </p>
            </div>
            <details class="chart-data">
              <summary>{t('perf.dimensions')}</summary>
              <DimensionBars dimensions={scorecard.dimensions} />
            </details>
          </>
        ) : (
          <p class="muted">{t('perf.notComputedOpen')}</p>
        )}
        <p class="card-link">
          <a href={statementHref} class="to-statement">
            {t('perf.team.statement', { name })} <Icon name="chevron" size={16} />
          </a>
        </p>
      </Card>
      <section aria-labelledby="rating-tasks">
        <h2 id="rating-tasks" class="section-title">
          {t('perf.rate.title')}
        </h2>
        {tasks.error ? (
          <ErrorNote error={tasks.error} onRetry={tasks.reload} />
        ) : !tasks.data ? (
          <Loading lines={3} />
        ) : mine.length === 0 ? (
          <p class="muted">{t('perf.rate.none', { name })}</p>
        ) : (
          <ul class="perf-list rating-tasks">
            {mine.map((task) => (
              <RatingEntry key={`${task.dimensionCode}-${task.relation}`} cycleId={cycle?.id ?? ''} task={task} disabled={session.offline} onSaved={refresh} />
            ))}
          </ul>
        )}
      </section>
      {cycle?.status === 'OPEN' ? <MetricEntry cycleId={cycle.id} employeeId={id} session={session} onSaved={refresh} /> : null}
    </Page>
  );
}
