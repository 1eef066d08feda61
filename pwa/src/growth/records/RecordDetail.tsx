/** One of my records (/growth/records/:id). While it awaits confirmation it shows a QR code of its confirmation code
 * (and the code as text) for a supervisor to scan or type; the screen checks every few seconds and updates when they
 * confirm. Rejected or revoked records can be disputed here. */
import '../growth.css';
import type { JSX } from 'preact';
import { useEffect, useState } from 'preact/hooks';
import { t } from '../../i18n';
import { useSearchParams } from '../../lib/router';
import { useQuery } from '../../lib/useQuery';
import { orgZone, type Session } from '../../shell/session';
import { Card, ErrorNote, Loading, Page, Status } from '../../ui/kit';
import { QrCode } from './QrCode';
import { RecordActions } from './RecordActions';
import { RecordCard, type RecordItem } from './RecordCard';
import { GrowthRecordsDocument } from '../../gql/graphql';

const POLL_MS = 5000;

/** What the QR code holds: a link to the scan screen with the code, so a phone's own camera app opens it too. */
export function scanLink(code: string): string {
  return `${location.origin}/growth/scan?code=${encodeURIComponent(code)}`;
}

export function RecordDetail({ session, id }: { session: Session; id: string }): JSX.Element {
  const claimed = useSearchParams().get('claimed') === '1';
  const { data, error, reload } = useQuery(GrowthRecordsDocument, { employeeId: null, status: null }, { skip: session.offline });
  const [changed, setChanged] = useState<RecordItem | null>(null);
  const found = data?.growthRecords.find((r) => r.id === id) ?? null;
  const record = changed && changed.id === id && (!found || changed.status !== 'CLAIMED') ? changed : found;
  const waiting = record?.status === 'CLAIMED';

  const [sawWaiting, setSawWaiting] = useState(false);
  useEffect(() => {
    if (!waiting) return;
    setSawWaiting(true);
    const timer = setInterval(() => {
      if (document.visibilityState === 'visible') reload();
    }, POLL_MS);
    return () => clearInterval(timer);
  }, [waiting, reload]);

  const title = record?.title ?? t('growth.records.title');
  let body: JSX.Element;
  if (session.offline) body = <p class="muted">{t('growth.needsConnection')}</p>;
  else if (error && !data) body = <ErrorNote error={error} onRetry={reload} />;
  else if (!data) body = <Loading lines={8} />;
  else if (!record) body = <p class="muted">{t('growth.records.notFound')}</p>;
  else
    body = (
      <>
        {waiting && record.confirmationCode ? (
          <Card class="code-card">
            <p class="awaiting">
              <span class="tag rec-status rec-claimed">{t('growth.records.awaiting')}</span>
            </p>
            <p class="muted">{t('growth.records.codeHint')}</p>
            <div class="qr-box">
              <QrCode value={scanLink(record.confirmationCode)} label={t('growth.records.qrLabel', { code: record.confirmationCode.split('').join(' ') })} />
            </div>
            <p class="code-text">
              <span class="visually-hidden">{t('growth.records.code')}: </span>
              <span class="mono confirmation-code">{record.confirmationCode}</span>
            </p>
          </Card>
        ) : null}
        <RecordCard record={record} zone={orgZone(session)}>
          <RecordActions record={record} onChanged={setChanged} />
        </RecordCard>
      </>
    );
  return (
    <Page title={title} back="/growth/records">
      {claimed && waiting ? <Status text={t('growth.records.claimed')} /> : null}
      {record && sawWaiting && record.status !== 'CLAIMED' ? <Status text={t(record.status === 'CONFIRMED' ? 'growth.records.nowConfirmed' : 'growth.records.nowDecided')} /> : null}
      {body}
    </Page>
  );
}
