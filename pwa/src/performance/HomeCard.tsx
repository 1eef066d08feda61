/** Home's "my performance" card: the current cycle's ring, total and what is missing, linking to My performance.
 * Loaded as its own chunk after Home renders; its placeholder has the card's height, so nothing shifts. */
import './performance.css';
import type { JSX } from 'preact';
import { t } from '../i18n';
import { useQuery } from '../lib/useQuery';
import { Card, ErrorNote } from '../ui/kit';
import { Icon } from '../ui/icons';
import { changeText, cycleName, scoreText } from './labels';
import { ScoreRing } from './ScoreRing';
import { HomePerformanceDocument } from '../gql/graphql';

export function HomeCard(): JSX.Element {
  const { data, error, reload } = useQuery(HomePerformanceDocument, {});
  const cycle = data?.currentReviewCycle ?? null;
  const card = data?.scorecard ?? null;
  let body: JSX.Element;
  if (error) body = <ErrorNote error={error} onRetry={reload} />;
  else if (!data) body = <div class="perf-card-placeholder" aria-busy="true" />;
  else if (!cycle) body = <p class="muted perf-card-body">{t('perf.home.noCycle')}</p>;
  else if (!card) body = <p class="muted perf-card-body">{t('perf.home.noScore', { cycle: cycleName(cycle) })}</p>;
  else
    body = (
      <div class="hero-row perf-card-body">
        <ScoreRing total={card.total} completion={card.completion} small />
        <p class="perf-summary-text">
          <span>
            {cycleName(cycle)} · <strong class="home-perf-total">{scoreText(card.total)}</strong>
          </span>
          {card.change !== null && card.change !== undefined ? <span class="muted">{t('perf.home.change', { change: changeText(card.change) })}</span> : null}
          <span class={card.missing > 0 ? 'dim-missing' : 'muted'}>{card.missing > 0 ? t('perf.missingCount', { count: card.missing }) : t('perf.missingNone')}</span>
        </p>
      </div>
    );
  return (
    <Card title={t('perf.my.title')} class="perf-card">
      {body}
      <p class="card-link">
        <a href="/performance" class="to-performance">
          {t('perf.home.open')} <Icon name="chevron" size={16} />
        </a>
      </p>
    </Card>
  );
}
