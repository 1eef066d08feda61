/** Me → My badge: the QR code a kiosk scans to check the person in, to show on the phone or print (print CSS keeps
 * only the badge on the page). The token is kept on this device so the badge also shows offline. */
import './badge.css';
import type { JSX } from 'preact';
import { useEffect } from 'preact/hooks';
import { t } from '../i18n';
import { useQuery } from '../lib/useQuery';
import { QrCode } from '../growth/records/QrCode';
import { Card } from '../ui/kit';
import { MyBadgeDocument, type MyBadgeQuery } from '../gql/graphql';

const KEY = 'seen.badge.v1';
type Badge = MyBadgeQuery['myBadge'];

function saved(): Badge | null {
  try {
    return JSON.parse(localStorage.getItem(KEY) ?? 'null') as Badge | null;
  } catch {
    return null;
  }
}

export function BadgeCard(props: { offline: boolean; organization: string }): JSX.Element | null {
  const fetched = useQuery(MyBadgeDocument, {}, { skip: props.offline });
  const badge = fetched.data?.myBadge ?? saved();
  useEffect(() => {
    if (fetched.data) localStorage.setItem(KEY, JSON.stringify(fetched.data.myBadge));
  }, [fetched.data]);
  if (!badge) return null;
  return (
    <Card title={t('badge.title')} class="badge-card">
      <div class="badge-print" data-token={badge.token}>
        <p class="badge-org">{props.organization}</p>
        <div class="badge-qr">
          <QrCode value={badge.token} label={t('badge.qrLabel', { name: badge.name })} size={220} />
        </div>
        <p class="badge-name">{badge.name}</p>
        <p class="badge-number">{badge.employeeNumber}</p>
      </div>
      <p class="muted badge-hint">{t('badge.hint')}</p>
      <button type="button" class="btn btn-secondary btn-block badge-print-btn" onClick={() => window.print()}>
        {t('badge.print')}
      </button>
    </Card>
  );
}
