/** My attendance requests: the form (pre-filled from ?kind=&day=, e.g. a correction from the calendar) and
 * the list with each request's state; a pending one can be cancelled. */
import type { JSX } from 'preact';
import { useEffect, useState } from 'preact/hooks';
import { gql } from '../api/client';
import { errorText } from '../api/errors';
import { CancelAttendanceRequestDocument, MyAttendanceRequestsDocument, type AttendanceRequestFieldsFragment, type RequestKind } from '../gql/graphql';
import { t } from '../i18n';
import { toIso, todayIn } from '../lib/dates';
import { useSearchParams } from '../lib/router';
import { useQuery } from '../lib/useQuery';
import { orgZone, type Session } from '../shell/session';
import { Card, ErrorNote, Loading, Page, Status } from '../ui/kit';
import { RequestRow } from './RequestRow';
import { requestErrorText } from './errors';
import { RequestForm } from './RequestForm';
import './attendance.css';

const KINDS = ['FLEXIBLE_HOURS', 'SHIFT_CHANGE', 'REMOTE_DAY', 'CORRECTION'];

export function Requests({ session }: { session: Session }): JSX.Element {
  const params = useSearchParams();
  const zone = orgZone(session);
  const { data, error, loading, reload } = useQuery(MyAttendanceRequestsDocument, {});
  const [rows, setRows] = useState<AttendanceRequestFieldsFragment[]>([]);
  const [status, setStatus] = useState<{ text: string; tone: 'ok' | 'error' } | null>(null);
  useEffect(() => setRows(data?.myAttendanceRequests ?? []), [data]);

  const kindParam = params.get('kind') ?? '';
  const initialKind = (KINDS.includes(kindParam) ? kindParam : 'REMOTE_DAY') as RequestKind;
  const dayParam = params.get('day') ?? '';
  const initialDay = /^\d{4}-\d{2}-\d{2}$/.test(dayParam) ? dayParam : toIso(todayIn(zone));

  async function cancel(r: AttendanceRequestFieldsFragment): Promise<void> {
    setStatus(null);
    try {
      const res = (await gql(CancelAttendanceRequestDocument, { id: r.id })).cancelAttendanceRequest;
      if (res.__typename === 'UserError') {
        setStatus({ text: requestErrorText(res), tone: 'error' });
        return;
      }
      setRows((list) => list.map((x) => (x.id === r.id ? { ...x, ...res.request } : x)));
      setStatus({ text: t('att.requests.cancelled'), tone: 'ok' });
    } catch (err) {
      setStatus({ text: errorText(err), tone: 'error' });
    }
  }

  return (
    <Page title={t('att.requests.title')} back="/attendance">
      {error ? (
        <ErrorNote error={error} onRetry={reload} />
      ) : loading && !data ? (
        <Loading lines={4} />
      ) : data ? (
        <>
          <Card title={t('att.requests.new')}>
            <RequestForm
              key={`${initialKind}-${initialDay}`}
              zone={zone}
              initialKind={initialKind}
              initialDay={initialDay}
              flexibleOptions={data.flexibleOptions}
              shifts={data.shifts}
              remoteDaysLeft={data.myRemoteDayEntitlements}
              disabled={session.offline}
              onSent={(r) => {
                setRows((list) => [r, ...list.filter((x) => x.id !== r.id)]);
                setStatus({ text: t('att.requests.sent'), tone: 'ok' });
              }}
            />
          </Card>
          <Status text={status?.text ?? null} tone={status?.tone ?? 'ok'} />
          <h2 class="section-title">{t('att.requests.mine')}</h2>
          {rows.length ? (
            <ul class="att-request-list">
              {rows.map((r) => (
                <RequestRow key={r.id} request={r} zone={zone} mine>
                  {r.canCancel ? (
                    <button type="button" class="btn btn-small btn-secondary cancel-request" disabled={session.offline} onClick={() => void cancel(r)}>
                      {t('att.requests.cancel')}
                    </button>
                  ) : null}
                </RequestRow>
              ))}
            </ul>
          ) : (
            <p class="muted">{t('att.requests.none')}</p>
          )}
        </>
      ) : null}
    </Page>
  );
}
