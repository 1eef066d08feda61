/** My redemptions, newest first, with status filters; a pending request can be withdrawn (points come back).
 * Below: the days of remote work and extra leave the person holds. */
import type { JSX } from 'preact';
import { useState } from 'preact/hooks';
import { locale, t } from '../i18n';
import type { RedemptionRowFragment, RedemptionStatus } from '../gql/graphql';
import { formatInstantDate } from '../lib/dates';
import { usePagedQuery } from '../lib/usePagedQuery';
import { orgZone, type Session } from '../shell/session';
import { Chips, ErrorNote, LoadMore, Loading, Page, Status } from '../ui/kit';
import { Icon } from '../ui/icons';
import { CancelButton } from './CancelButton';
import { ConvertBonus } from './ConvertBonus';
import { Entitlements } from './Entitlements';
import { itemName, pointsText, statusLabel, STATUSES } from './labels';
import { MyRedemptionsDocument } from '../gql/graphql';

const PAGE = 20;

export function Redemptions({ session }: { session: Session }): JSX.Element {
  const { data, error, loading, reload, rows, setRows, hasMore, loadMore, loadingMore, moreError } = usePagedQuery(
    MyRedemptionsDocument,
    { first: PAGE, after: null },
    (r) => r.myRedemptions,
  );
  const [filter, setFilter] = useState<RedemptionStatus | 'ALL'>('ALL');
  const [status, setStatus] = useState<string | null>(null);
  const [wallet, setWallet] = useState<{ wallet: number; held: number } | null>(null);
  const [daysVersion, setDaysVersion] = useState(0);
  const zone = orgZone(session);
  const balance = wallet ?? data?.pointsBalance ?? null;
  const shown = rows.filter((r) => filter === 'ALL' || r.status === filter);
  const fmt = new Intl.NumberFormat(locale());

  function cancelled(r: RedemptionRowFragment): void {
    setRows((list) => list.map((x) => (x.id === r.id ? r : x)));
    if (balance) setWallet({ wallet: balance.wallet + r.points, held: Math.max(0, balance.held - r.points) });
    setStatus(t('redemptions.cancelled', { name: itemName(r.item) }));
  }

  return (
    <Page title={t('redemptions.title')} back="/rewards">
      <p class="wallet-line" aria-live="polite">
        {balance ? (
          <>
            {t('rewards.wallet')} <strong class="big">{fmt.format(balance.wallet)}</strong>
            {balance.held ? <span class="muted"> · {t('home.held', { count: balance.held })}</span> : null}
          </>
        ) : (
          <span class="muted">{t('rewards.walletLoading')}</span>
        )}
      </p>
      <Chips
        legend={t('redemptions.filter')}
        name="status"
        value={filter}
        onValue={(v) => setFilter(v as RedemptionStatus | 'ALL')}
        options={[{ value: 'ALL', label: t('rewards.all') }, ...STATUSES.map((s) => ({ value: s, label: statusLabel(s) }))]}
      />
      <Status text={status} />
      {error ? (
        <ErrorNote error={error} onRetry={reload} />
      ) : loading && !data ? (
        <Loading lines={4} />
      ) : shown.length === 0 ? (
        <p class="muted list-gap">{rows.length === 0 ? t('redemptions.empty') : t('redemptions.emptyFilter')}</p>
      ) : (
        <ul class="redemption-list">
          {shown.map((r) => (
            <li key={r.id} class={`redemption-row status-${r.status.toLowerCase()}`} data-id={r.id}>
              <a href={`/rewards/redemptions/${encodeURIComponent(r.id)}`}>
                <span class="reward-text">
                  <span class="reward-name">{itemName(r.item)}</span>
                  <span class="reward-meta">
                    <span class={`tag redemption-status tag-${r.status.toLowerCase()}`}>{statusLabel(r.status)}</span>
                    <span>{r.status === 'PENDING' ? t('redemptions.held', { count: r.points }) : pointsText(r.points)}</span>
                  </span>
                  <span class="muted">{t('redemptions.requested', { date: formatInstantDate(r.requestedAt, zone) })}</span>
                </span>
                <Icon name="chevron" size={20} />
              </a>
              {r.status === 'PENDING' ? <CancelButton redemption={r} disabled={session.offline} onCancelled={cancelled} /> : null}
            </li>
          ))}
        </ul>
      )}
      <LoadMore error={moreError} hasMore={hasMore} loading={loadingMore} onMore={loadMore} />
      <Entitlements key={daysVersion} session={session} />
      <ConvertBonus currency={session.me.organization.currency} disabled={session.offline} onConverted={() => setDaysVersion((v) => v + 1)} />
    </Page>
  );
}
