/** HR: every attendance request, filterable by state; an approved one can be revoked (with a note), which
 * undoes its effect and refunds a reward-pool day. */
import type { JSX } from 'preact';
import { useEffect, useState } from 'preact/hooks';
import { gql } from '../../api/client';
import { errorText } from '../../api/errors';
import { AllAttendanceRequestsDocument, RevokeAttendanceRequestDocument, type AttendanceRequestFieldsFragment, type RequestStatus } from '../../gql/graphql';
import { t } from '../../i18n';
import { useQuery } from '../../lib/useQuery';
import { orgZone, type Session } from '../../shell/session';
import { ErrorNote, Loading, Select, Status, TextArea } from '../../ui/kit';
import { requestStatusText } from '../labels';
import { requestErrorText } from '../errors';
import { RequestRow } from '../RequestRow';

const STATES: RequestStatus[] = ['PENDING', 'APPROVED', 'DECLINED', 'CANCELLED', 'REVOKED'];

export function AllRequests({ session }: { session: Session }): JSX.Element {
  const [state, setState] = useState<RequestStatus | ''>('');
  const { data, error, loading, reload } = useQuery(AllAttendanceRequestsDocument, { status: state || null });
  const [rows, setRows] = useState<AttendanceRequestFieldsFragment[]>([]);
  const [revoking, setRevoking] = useState<string | null>(null);
  const [status, setStatus] = useState<{ text: string; tone: 'ok' | 'error' } | null>(null);
  useEffect(() => setRows(data?.attendanceRequests ?? []), [data]);

  async function revoke(r: AttendanceRequestFieldsFragment, note: string): Promise<void> {
    setStatus(null);
    try {
      const res = (await gql(RevokeAttendanceRequestDocument, { id: r.id, note })).revokeAttendanceRequest;
      if (res.__typename === 'UserError') {
        setStatus({ text: requestErrorText(res), tone: 'error' });
        return;
      }
      setRows((list) => list.map((x) => (x.id === r.id ? { ...x, ...res.request } : x)));
      setRevoking(null);
      setStatus({ text: t('att.hr.revoked', { name: r.employee.name }), tone: 'ok' });
    } catch (err) {
      setStatus({ text: errorText(err), tone: 'error' });
    }
  }

  return (
    <>
      <Select
        label={t('att.hr.state')}
        name="state"
        value={state}
        onValue={(v) => setState(v as RequestStatus | '')}
        options={[{ value: '', label: t('att.hr.allStates') }, ...STATES.map((s) => ({ value: s, label: requestStatusText(s) }))]}
      />
      <Status text={status?.text ?? null} tone={status?.tone ?? 'ok'} />
      {error ? (
        <ErrorNote error={error} onRetry={reload} />
      ) : loading && !data ? (
        <Loading lines={3} />
      ) : rows.length === 0 ? (
        <p class="muted">{t('att.requests.none')}</p>
      ) : (
        <ul class="att-request-list">
          {rows.map((r) => (
            <RequestRow key={r.id} request={r} zone={orgZone(session)}>
              {r.canRevoke ? (
                revoking === r.id ? (
                  <RevokeNote disabled={session.offline} onRevoke={(note) => void revoke(r, note)} onCancel={() => setRevoking(null)} />
                ) : (
                  <button type="button" class="btn btn-small btn-danger-quiet revoke-request" disabled={session.offline} onClick={() => setRevoking(r.id)}>
                    {t('att.hr.revoke')}
                  </button>
                )
              ) : null}
            </RequestRow>
          ))}
        </ul>
      )}
    </>
  );
}

function RevokeNote(props: { disabled: boolean; onRevoke: (note: string) => void; onCancel: () => void }): JSX.Element {
  const [note, setNote] = useState('');
  const [error, setError] = useState<string | null>(null);
  return (
    <form
      class="form"
      noValidate
      onSubmit={(e) => {
        e.preventDefault();
        if (!note.trim()) setError(t('att.hr.revokeNoteRequired'));
        else props.onRevoke(note.trim());
      }}
    >
      <TextArea label={t('att.hr.revokeNote')} name="revokeNote" value={note} onValue={(v) => { setError(null); setNote(v); }} maxLength={500} rows={2} error={error} />
      <div class="actions">
        <button type="submit" class="btn btn-danger confirm-revoke" disabled={props.disabled}>
          {t('att.hr.revoke')}
        </button>
        <button type="button" class="btn btn-secondary" onClick={props.onCancel}>
          {t('app.cancel')}
        </button>
      </div>
    </form>
  );
}
