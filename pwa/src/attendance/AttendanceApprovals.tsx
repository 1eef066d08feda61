/** The approvals inbox's attendance part: pending requests of people below me, oldest first. Approve is
 * one tap and takes effect at once; decline asks for a note they will read. A decided row leaves at once;
 * a failure puts it back with the reason. */
import type { JSX } from 'preact';
import { useEffect, useState } from 'preact/hooks';
import { gql } from '../api/client';
import { errorText } from '../api/errors';
import { AttendanceApprovalsDocument, DecideAttendanceRequestDocument, type AttendanceRequestFieldsFragment } from '../gql/graphql';
import { t } from '../i18n';
import { useQuery } from '../lib/useQuery';
import { ErrorNote, Loading, Status, TextArea } from '../ui/kit';
import { kindText } from './labels';
import { requestErrorText } from './errors';
import { RequestRow } from './RequestRow';
import './attendance.css';

type Req = AttendanceRequestFieldsFragment;

export function AttendanceApprovals(props: { zone: string; offline: boolean }): JSX.Element {
  const { data, error, loading, reload } = useQuery(AttendanceApprovalsDocument, {});
  const [rows, setRows] = useState<Req[]>([]);
  const [declining, setDeclining] = useState<string | null>(null);
  const [status, setStatus] = useState<{ text: string; tone: 'ok' | 'error' } | null>(null);
  useEffect(() => setRows(data?.attendanceApprovals ?? []), [data]);

  async function decide(req: Req, approve: boolean, note: string): Promise<void> {
    const index = rows.findIndex((r) => r.id === req.id);
    setRows((list) => list.filter((r) => r.id !== req.id));
    setDeclining(null);
    setStatus({ text: t('approvals.sending'), tone: 'ok' });
    let why: string | null = null;
    try {
      const r = (await gql(DecideAttendanceRequestDocument, { id: req.id, approve, note })).decideAttendanceRequest;
      if (r.__typename === 'UserError') why = requestErrorText(r);
    } catch (err) {
      why = errorText(err);
    }
    const params = { name: req.employee.name, kind: kindText(req.kind) };
    if (why === null) {
      setStatus({ text: t(approve ? 'att.approvals.approved' : 'att.approvals.declined', params), tone: 'ok' });
      return;
    }
    setRows((list) => (list.some((r) => r.id === req.id) ? list : [...list.slice(0, Math.max(0, index)), req, ...list.slice(Math.max(0, index))]));
    setStatus({ text: t('approvals.failed', { name: req.employee.name, why }), tone: 'error' });
  }

  return (
    <section class="att-approvals" aria-labelledby="att-approvals-title">
      <h2 id="att-approvals-title" class="section-title">
        {t('att.approvals.title')}
      </h2>
      <p class="muted list-caption" aria-live="polite">
        {data ? (rows.length ? t('approvals.count', { count: rows.length }) : t('att.approvals.none')) : ''}
      </p>
      <Status text={status?.text ?? null} tone={status?.tone ?? 'ok'} />
      {error ? (
        <ErrorNote error={error} onRetry={reload} />
      ) : loading && !data ? (
        <Loading lines={2} />
      ) : (
        <ul class="att-request-list">
          {rows.map((req) => {
            const params = { name: req.employee.name, kind: kindText(req.kind) };
            return (
              <RequestRow key={req.id} request={req} zone={props.zone}>
                {declining === req.id ? (
                  <DeclineNote name={req.employee.name} disabled={props.offline} onDecline={(note) => void decide(req, false, note)} onCancel={() => setDeclining(null)} />
                ) : (
                  <>
                    <button
                      type="button"
                      class="btn btn-primary approve-attendance"
                      aria-label={t('att.approvals.approveLabel', params)}
                      disabled={props.offline || !req.canDecide}
                      onClick={() => void decide(req, true, '')}
                    >
                      {t('approvals.approve')}
                    </button>
                    <button
                      type="button"
                      class="btn btn-secondary decline-attendance"
                      aria-label={t('att.approvals.declineLabel', params)}
                      disabled={props.offline || !req.canDecide}
                      onClick={() => setDeclining(req.id)}
                    >
                      {t('approvals.decline')}
                    </button>
                  </>
                )}
              </RequestRow>
            );
          })}
        </ul>
      )}
    </section>
  );
}

function DeclineNote(props: { name: string; disabled: boolean; onDecline: (note: string) => void; onCancel: () => void }): JSX.Element {
  const [note, setNote] = useState('');
  const [error, setError] = useState<string | null>(null);
  return (
    <form
      class="form decline-form"
      noValidate
      onSubmit={(e) => {
        e.preventDefault();
        if (!note.trim()) {
          setError(t('approvals.reasonRequired'));
          return;
        }
        props.onDecline(note.trim());
      }}
    >
      <TextArea
        label={t('att.approvals.note', { name: props.name })}
        name="note"
        value={note}
        onValue={(v) => {
          setError(null);
          setNote(v);
        }}
        maxLength={500}
        rows={2}
        required
        error={error}
      />
      <div class="actions">
        <button type="submit" class="btn btn-danger confirm-decline-attendance" disabled={props.disabled}>
          {t('approvals.declineConfirm')}
        </button>
        <button type="button" class="btn btn-secondary" onClick={props.onCancel}>
          {t('app.cancel')}
        </button>
      </div>
    </form>
  );
}
