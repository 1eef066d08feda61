/** One item on the wall: what it is, who gave it, when, what came with it; on your own wall, its visibility and proof. */
import type { JSX } from 'preact';
import type { WallItemFragment } from '../gql/graphql';
import { localized, t } from '../i18n';
import { formatInstantDate } from '../lib/dates';
import { formatMoney } from '../lib/money';
import { Icon } from '../ui/icons';
import { Toggle } from '../ui/kit';
import { AchievementIcon } from './AchievementIcon';

export function WallEntry(props: {
  item: WallItemFragment;
  zone: string;
  currency: string;
  highlighted: boolean;
  owner: boolean;
  isPublic: boolean;
  busy: boolean;
  onVisibility: (isPublic: boolean) => void;
}): JSX.Element {
  const { item } = props;
  const title = localized(item.titleEn, item.titleZh);
  return (
    <li
      id={`achievement-${item.id}`}
      class={`wall-item${props.highlighted ? ' is-highlighted' : ''}`}
      tabIndex={props.highlighted ? -1 : undefined}
      aria-current={props.highlighted ? 'true' : undefined}
    >
      <AchievementIcon kind={item.kind} emoji={item.badge?.icon} />
      <div class="wall-body">
        <p class="wall-title">
          <span class="visually-hidden">{t(`wall.kind.${item.kind}`)}: </span>
          {title}
          {!props.owner && !props.isPublic ? <span class="tag tag-quiet">{t('wall.private')}</span> : null}
        </p>
        {item.detail ? <p class="wall-detail">{item.detail}</p> : null}
        <p class="muted wall-meta">
          {item.givenBy ? (
            <>
              {t('wall.from')} <a href={`/community/${encodeURIComponent(item.givenBy.id)}`}>{item.givenBy.name}</a> ·{' '}
            </>
          ) : (
            <>{t('wall.automatic')} · </>
          )}
          <time dateTime={item.earnedAt}>{formatInstantDate(item.earnedAt, props.zone)}</time>
        </p>
        {item.points || item.amountMinor ? (
          <p class="wall-gains">
            {item.points ? <span class="gain">{t('wall.points', { count: item.points })}</span> : null}
            {item.amountMinor ? <span class="gain">{formatMoney(item.amountMinor, props.currency)}</span> : null}
          </p>
        ) : null}
        {props.owner ? (
          <div class="wall-owner">
            <Toggle
              label={t('wall.public')}
              ariaLabel={t('wall.publicFor', { title })}
              checked={props.isPublic}
              disabled={props.busy}
              onChange={props.onVisibility}
            />
            <a class="verify" href={item.openBadgeUrl} target="_blank" rel="noopener">
              {t('wall.verify')}
              <span class="visually-hidden"> ({title}, {t('app.newWindow')})</span>
              <Icon name="external" size={16} />
            </a>
          </div>
        ) : null}
      </div>
    </li>
  );
}
