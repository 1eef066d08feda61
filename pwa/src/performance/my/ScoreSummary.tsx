/** The top of My performance: the ring, the total, ranks, change against the previous cycle, tiers, what is missing. */
import type { JSX } from 'preact';
import type { PerfCycleFragment, PerfScorecardFragment } from '../../gql/graphql';
import { t } from '../../i18n';
import { formatCivil, formatInstant, parseCivil } from '../../lib/dates';
import { Card, Facts } from '../../ui/kit';
import { changeText, cycleName, rankText, scoreText, tierLabel } from '../labels';
import { ScoreRing } from '../ScoreRing';

export function ScoreSummary(props: { scorecard: PerfScorecardFragment; cycle: PerfCycleFragment; zone: string }): JSX.Element {
  const s = props.scorecard;
  const c = props.cycle;
  const change = s.change;
  return (
    <Card class="perf-summary">
      <div class="hero-row">
        <ScoreRing total={s.total} completion={s.completion} />
        <div class="perf-summary-text">
          <p>
            <span class="muted">{t('perf.total')} </span>
            <strong class="big perf-total">{scoreText(s.total)}</strong>
          </p>
          {change !== null && change !== undefined ? (
            <p class={change > 0 ? 'perf-change-up' : change < 0 ? 'perf-change-down' : 'muted'}>
              {t('perf.changeVs', { change: changeText(change), previous: scoreText(s.previousTotal ?? 0) })}
            </p>
          ) : null}
          {s.tiers.length ? (
            <p class="tiers">
              {s.tiers.map((tier) => (
                <span class="tag tag-tier" key={tier}>
                  {tierLabel(tier)}
                </span>
              ))}
            </p>
          ) : null}
        </div>
      </div>
      <Facts
        rows={[
          [t('perf.cycle'), `${cycleName(c)} · ${formatCivil(parseCivil(c.startsOn), 'medium')} – ${formatCivil(parseCivil(c.endsOn), 'medium')}`],
          [t('perf.rankDepartment'), rankText(s.rankDepartment, null, s.percentileDepartment)],
          [t('perf.rankOrganization'), rankText(s.rankOrganization, null, s.percentileOrganization)],
          [t('perf.missing'), s.missing > 0 ? <span class="dim-missing">{t('perf.missingCount', { count: s.missing })}</span> : t('perf.missingNone')],
          [c.status === 'OPEN' ? t('perf.live') : t('perf.final'), t('perf.computedAt', { when: formatInstant(s.computedAt, props.zone) })],
        ]}
      />
    </Card>
  );
}
