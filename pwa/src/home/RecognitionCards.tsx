/** Home cards: your points and giving allowance, the next reward within reach, and the latest three things on your wall.
 * Fixed-height placeholders while loading. */
import type { JSX } from 'preact';
import { AchievementIcon } from '../achievements/AchievementIcon';
import { locale, localized, t } from '../i18n';
import { formatInstantDate } from '../lib/dates';
import { useQuery } from '../lib/useQuery';
import { orgZone, type Session } from '../shell/session';
import { Card, ErrorNote } from '../ui/kit';
import { Icon } from '../ui/icons';
import { HomeRecognitionDocument } from '../gql/graphql';
import { NextReward } from './NextReward';

export function RecognitionCards({ session }: { session: Session }): JSX.Element {
  const { data, error, loading, reload } = useQuery(HomeRecognitionDocument, {});
  const zone = orgZone(session);
  const recent = data?.recentAchievements ?? [];
  const dash = '—';

  return (
    <>
      <Card title={t('home.points')} class="points-card">
        {error ? (
          <ErrorNote error={error} onRetry={reload} />
        ) : (
          <div aria-busy={loading}>
            <p class="points-wallet">
              <span class="big">{data ? new Intl.NumberFormat(locale()).format(data.pointsBalance.wallet) : dash}</span>{' '}
              <span class="muted">{t('home.pointsUnit')}</span>
            </p>
            <p class="muted">
              {data ? t('home.allowanceLeft', { left: data.givingBudget.left, allowance: data.givingBudget.allowance }) : dash}
              {data?.pointsBalance.held ? ` · ${t('home.held', { count: data.pointsBalance.held })}` : ''}
            </p>
            <p class="card-link">
              <a href="/rewards">
                {t('home.toRewards')} <Icon name="chevron" size={16} />
              </a>
            </p>
          </div>
        )}
      </Card>
      {session.me.employee ? <NextReward /> : null}
      <Card title={t('home.recent')} class="recent-card">
        {error ? null : !data ? (
          <ul class="recent" aria-busy="true">
            {Array.from({ length: 3 }, (_, i) => (
              <li key={i} class="recent-placeholder" aria-hidden="true" />
            ))}
          </ul>
        ) : recent.length === 0 ? (
          <p class="muted recent-empty">{t('home.recentEmpty')}</p>
        ) : (
          <ul class="recent">
            {recent.map((item) => (
              <li key={item.id}>
                <a href={`/wall?highlight=${encodeURIComponent(item.id)}`}>
                  <AchievementIcon kind={item.kind} emoji={item.badge?.icon} />
                  <span class="recent-text">
                    <span class="recent-title">{localized(item.titleEn, item.titleZh)}</span>
                    <span class="muted">
                      {item.givenBy ? `${t('wall.from')} ${item.givenBy.name} · ` : ''}
                      {formatInstantDate(item.earnedAt, zone)}
                    </span>
                  </span>
                </a>
              </li>
            ))}
          </ul>
        )}
        <p class="card-link">
          <a href="/wall">
            {t('home.toWall')} <Icon name="chevron" size={16} />
          </a>
        </p>
      </Card>
    </>
  );
}
