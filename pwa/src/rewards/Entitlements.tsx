/** The days of remote work and extra leave a person holds (from redemptions and bonus conversions). */
import type { JSX } from 'preact';
import { t } from '../i18n';
import { formatCivil, formatInstantDate, parseCivil } from '../lib/dates';
import { useQuery } from '../lib/useQuery';
import { orgZone, type Session } from '../shell/session';
import { Card, ErrorNote, Loading } from '../ui/kit';
import { MyEntitlementsDocument } from '../gql/graphql';

export function Entitlements({ session }: { session: Session }): JSX.Element {
  const { data, error, loading, reload } = useQuery(MyEntitlementsDocument, {});
  const zone = orgZone(session);
  const rows = data?.myEntitlements ?? [];
  return (
    <Card title={t('entitlements.title')} class="entitlements">
      {error ? (
        <ErrorNote error={error} onRetry={reload} />
      ) : loading && !data ? (
        <Loading lines={1} />
      ) : rows.length === 0 ? (
        <p class="muted">{t('entitlements.empty')}</p>
      ) : (
        <ul class="celebrations">
          {rows.map((e) => (
            <li key={e.id} class={`entitlement entitlement-${e.kind.toLowerCase()}`}>
              <div>
                <p class="tl-title">
                  {e.kind === 'REMOTE_DAYS' ? t('entitlements.remote', { count: e.days }) : t('entitlements.leave', { count: e.days })}
                </p>
                <p class="muted">
                  {t('entitlements.granted', { date: formatInstantDate(e.createdAt, zone) })}
                  {e.validUntil ? ` · ${t('entitlements.validUntil', { date: formatCivil(parseCivil(e.validUntil)) })}` : ''}
                </p>
              </div>
              <span class="countdown-badge">{t('entitlements.left', { count: Math.max(0, e.days - e.usedDays) })}</span>
            </li>
          ))}
        </ul>
      )}
    </Card>
  );
}
