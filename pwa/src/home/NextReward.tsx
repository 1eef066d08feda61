/** Home card: the reward closest to the wallet, with a progress bar and how many points are still missing. */
import type { JSX } from 'preact';
import { locale, t } from '../i18n';
import { useQuery } from '../lib/useQuery';
import { itemName, pointsText } from '../rewards/labels';
import { Card, ErrorNote } from '../ui/kit';
import { Icon } from '../ui/icons';
import { NextRewardDocument } from '../gql/graphql';

export function NextReward(): JSX.Element {
  const { data, error, reload } = useQuery(NextRewardDocument, {});
  const next = data?.nextRewardWithinReach ?? null;
  const fmt = new Intl.NumberFormat(locale());
  let body: JSX.Element;
  if (error) {
    body = <ErrorNote error={error} onRetry={reload} />;
  } else if (!data) {
    body = <div class="next-reward-placeholder" aria-busy="true" />;
  } else if (!next) {
    body = <p class="muted next-reward-empty">{t('home.nextRewardNone')}</p>;
  } else {
    const cost = next.item.costPoints;
    const have = Math.min(next.wallet, cost);
    const name = itemName(next.item);
    body = (
      <div class="next-reward">
        <p class="next-reward-name">
          <a href={`/rewards/${encodeURIComponent(next.item.id)}`}>{name}</a> <span class="muted">· {pointsText(cost)}</span>
        </p>
        <progress
          class="progress"
          max={cost}
          value={have}
          aria-label={t('home.nextRewardProgress', { name })}
          aria-valuetext={t('home.nextRewardValue', { have: fmt.format(have), cost: fmt.format(cost) })}
        />
        <p class={next.missing > 0 ? 'muted' : 'status-ok next-ready'}>
          {next.missing > 0 ? t('home.nextRewardToGo', { count: next.missing }) : t('home.nextRewardReady')}
        </p>
      </div>
    );
  }
  return (
    <Card title={t('home.nextReward')} class="next-reward-card">
      {body}
      <p class="card-link">
        <a href="/rewards">
          {t('home.toPool')} <Icon name="chevron" size={16} />
        </a>
      </p>
    </Card>
  );
}
