/** Rewards tab: the reward pool (奖励池) with kind filters and the wallet, then upcoming celebrations. */
import type { JSX } from 'preact';
import { useState } from 'preact/hooks';
import { can } from '../api/me';
import type { RewardCardFragment, RewardKind } from '../gql/graphql';
import { locale, t } from '../i18n';
import { useQuery } from '../lib/useQuery';
import type { Session } from '../shell/session';
import { Chips, ErrorNote, Loading, Page } from '../ui/kit';
import { Icon } from '../ui/icons';
import { Celebrations } from './Celebrations';
import { KindIcon } from './KindIcon';
import { givesText, itemName, kindLabel, KINDS, pointsText } from './labels';
import { RewardPoolDocument } from '../gql/graphql';

export function Rewards({ session }: { session: Session }): JSX.Element {
  const { me } = session;
  const { data, error, loading, reload } = useQuery(RewardPoolDocument, {});
  const [kind, setKind] = useState<RewardKind | 'ALL'>('ALL');
  if (!me.employee) {
    return (
      <Page title={t('rewards.title')}>
        <p>{t('home.noEmployee')}</p>
      </Page>
    );
  }
  const wallet = data?.pointsBalance.wallet ?? null;
  const held = data?.pointsBalance.held ?? 0;
  const items = (data?.rewards ?? []).filter((i) => kind === 'ALL' || i.kind === kind);
  const fmt = new Intl.NumberFormat(locale());

  return (
    <Page title={t('rewards.title')}>
      <div class="wallet-line" aria-live="polite">
        <p>
          {wallet === null ? (
            <span class="muted">{t('rewards.walletLoading')}</span>
          ) : (
            <>
              {t('rewards.wallet')} <strong class="big">{fmt.format(wallet)}</strong>
              {held ? <span class="muted"> · {t('home.held', { count: held })}</span> : null}
            </>
          )}
        </p>
      </div>
      <ul class="menu rewards-links">
        <li>
          <a href="/rewards/redemptions">
            <Icon name="ticket" />
            <span class="menu-text">
              <span>{t('redemptions.title')}</span>
            </span>
            <Icon name="chevron" size={20} />
          </a>
        </li>
        {can(me, 'rewards:approve') ? (
          <li>
            <a href="/approvals">
              <Icon name="check" />
              <span class="menu-text">
                <span>{t('approvals.title')}</span>
              </span>
              <Icon name="chevron" size={20} />
            </a>
          </li>
        ) : null}
      </ul>
      <section aria-labelledby="pool-title">
        <h2 id="pool-title" class="section-title">
          {t('rewards.pool')}
        </h2>
        <Chips
          legend={t('rewards.filter')}
          name="kind"
          value={kind}
          onValue={(v) => setKind(v as RewardKind | 'ALL')}
          options={[{ value: 'ALL', label: t('rewards.all') }, ...KINDS.map((k) => ({ value: k, label: kindLabel(k) }))]}
        />
        <p class="muted list-caption" aria-live="polite">
          {data ? t('rewards.count', { count: items.length }) : ''}
        </p>
        {error ? (
          <ErrorNote error={error} onRetry={reload} />
        ) : loading && !data ? (
          <Loading lines={5} />
        ) : items.length === 0 ? (
          <p class="muted">{kind === 'ALL' ? t('rewards.empty') : t('rewards.emptyKind')}</p>
        ) : (
          <ul class="reward-list">
            {items.map((item) => (
              <RewardCard key={item.id} item={item} wallet={wallet} currency={me.organization.currency} />
            ))}
          </ul>
        )}
      </section>
      {data || error ? <Celebrations session={session} /> : null}
    </Page>
  );
}

function RewardCard(props: { item: RewardCardFragment; wallet: number | null; currency: string }): JSX.Element {
  const { item, wallet } = props;
  const name = itemName(item);
  const missing = wallet === null ? 0 : Math.max(0, item.costPoints - wallet);
  const out = item.stock === 0;
  return (
    <li>
      <a class="reward-card" href={`/rewards/${encodeURIComponent(item.id)}`}>
        {item.imageUrl ? (
          <img class="reward-thumb" src={item.imageUrl} alt="" width={64} height={64} loading="lazy" decoding="async" />
        ) : (
          <KindIcon kind={item.kind} />
        )}
        <span class="reward-text">
          <span class="reward-name">{name}</span>
          <span class="muted">{givesText(item, props.currency)}</span>
          <span class="reward-meta">
            <span class="cost">{pointsText(item.costPoints)}</span>
            {out ? (
              <span class="tag tag-disabled">{t('rewards.outOfStock')}</span>
            ) : item.stock !== null ? (
              <span class="muted">{t('rewards.stockLeft', { count: item.stock })}</span>
            ) : null}
            {item.requiresApproval ? <span class="tag tag-quiet">{t('rewards.needsApproval')}</span> : null}
          </span>
          {missing > 0 ? <span class="muted">{t('rewards.toGo', { count: missing })}</span> : null}
        </span>
        <Icon name="chevron" size={20} />
      </a>
    </li>
  );
}
