/** Managers and HR: pending attendance requests (attendance/AttendanceApprovals), then reward requests, oldest
 * first. Approve is one tap; decline asks for a reason.
 * A decided request leaves the list at once; a failure puts it back with the reason. */
import type { JSX } from 'preact';
import { useEffect, useRef, useState } from 'preact/hooks';
import { gql } from '../api/client';
import { errorText, userErrorText } from '../api/errors';
import { can } from '../api/me';
import { AttendanceApprovals } from '../attendance/AttendanceApprovals';
import type { RewardApprovalsQuery } from '../gql/graphql';
import { t } from '../i18n';
import { formatInstant } from '../lib/dates';
import { usePagedQuery } from '../lib/usePagedQuery';
import { givesText, itemName, pointsText } from '../rewards/labels';
import { orgZone, type Session } from '../shell/session';
import { Avatar, ErrorNote, LoadMore, Loading, Page, Status, TextArea } from '../ui/kit';
import { ApproveRedemptionDocument, DeclineRedemptionDocument, RewardApprovalsDocument } from '../gql/graphql';

type Request = RewardApprovalsQuery['rewardApprovals']['edges'][number]['node'];
const PAGE = 20;
const MAX_REASON = 500;

export function Approvals({ session }: { session: Session }): JSX.Element {
  const { data, error, loading, reload, rows, setRows, hasMore, loadMore, loadingMore, moreError } = usePagedQuery(
    RewardApprovalsDocument,
    { first: PAGE, after: null },
    (r) => r.rewardApprovals,
  );
  const [status, setStatus] = useState<{ text: string; tone: 'ok' | 'error' } | null>(null);
  const [declining, setDeclining] = useState<string | null>(null);
  const zone = orgZone(session);
  const currency = session.me.organization.currency;

  /** Take the row out now; on failure put it back where it was and say why. */
  async function decide(req: Request, run: () => Promise<{ ok: true } | { ok: false; text: string }>, done: string): Promise<void> {
    const index = rows.findIndex((r) => r.id === req.id);
    setRows((list) => list.filter((r) => r.id !== req.id));
    setDeclining(null);
    setTimeout(() => keepFocus(index), 0);
    setStatus({ text: t('approvals.sending'), tone: 'ok' });
    let outcome: { ok: true } | { ok: false; text: string };
    try {
      outcome = await run();
    } catch (err) {
      outcome = { ok: false, text: errorText(err) };
    }
    if (outcome.ok) {
      setStatus({ text: done, tone: 'ok' });
      return;
    }
    const why = outcome.text;
    setRows((list) => (list.some((r) => r.id === req.id) ? list : [...list.slice(0, Math.max(0, index)), req, ...list.slice(Math.max(0, index))]));
    setStatus({ text: t('approvals.failed', { name: req.employee?.name ?? '', why }), tone: 'error' });
  }

  function approve(req: Request): void {
    void decide(
      req,
      async () => {
        const r = (await gql(ApproveRedemptionDocument, { id: req.id })).approveRedemption;
        return r.__typename === 'UserError' ? { ok: false, text: userErrorText(r) } : { ok: true };
      },
      t('approvals.approved', { name: req.employee?.name ?? '', item: itemName(req.item) }),
    );
  }

  function decline(req: Request, reason: string): void {
    void decide(
      req,
      async () => {
        const r = (await gql(DeclineRedemptionDocument, { id: req.id, reason })).declineRedemption;
        return r.__typename === 'UserError' ? { ok: false, text: userErrorText(r) } : { ok: true };
      },
      t('approvals.declined', { name: req.employee?.name ?? '', item: itemName(req.item) }),
    );
  }

  return (
    <Page title={t('approvals.title')}>
      {can(session.me, 'attendance:approve') ? <AttendanceApprovals zone={zone} offline={session.offline} /> : null}
      <h2 class="section-title">{t('approvals.rewardsTitle')}</h2>
      <p class="muted list-caption" aria-live="polite">
        {data ? (rows.length ? t('approvals.count', { count: rows.length }) : t('approvals.none')) : ''}
      </p>
      <Status text={status?.text ?? null} tone={status?.tone ?? 'ok'} />
      {error ? (
        <ErrorNote error={error} onRetry={reload} />
      ) : loading && !data ? (
        <Loading lines={4} />
      ) : rows.length === 0 ? (
        <p class="muted">{t('approvals.empty')}</p>
      ) : (
        <ul class="approval-list">
          {rows.map((req) => {
            const who = req.employee?.name ?? '';
            const name = itemName(req.item);
            return (
              <li key={req.id} class="card approval" data-id={req.id}>
                <div class="hero-row">
                  <Avatar name={who || '?'} />
                  <div class="person-text">
                    <p class="approval-title" id={`ap-${req.id}`}>
                      {t('approvals.asks', { name: who, item: name })}
                    </p>
                    <p class="muted">
                      {req.employee?.jobTitle ? `${req.employee.jobTitle} · ` : ''}
                      {formatInstant(req.requestedAt, zone)}
                    </p>
                  </div>
                </div>
                <p class="reward-meta">
                  <span class="cost">{pointsText(req.points)}</span>
                  {req.item ? <span class="muted">{givesText(req.item, currency)}</span> : null}
                </p>
                {req.note ? <p class="feedback-message approval-note">{t('approvals.note', { note: req.note })}</p> : null}
                {declining === req.id ? (
                  <DeclineForm name={who} item={name} disabled={session.offline} onDecline={(reason) => decline(req, reason)} onCancel={() => setDeclining(null)} />
                ) : (
                  <div class="actions">
                    <button
                      type="button"
                      class="btn btn-primary approve"
                      aria-label={t('approvals.approveLabel', { name: who, item: name })}
                      onClick={() => approve(req)}
                      disabled={session.offline}
                    >
                      {t('approvals.approve')}
                    </button>
                    <button
                      type="button"
                      class="btn btn-secondary decline"
                      aria-label={t('approvals.declineLabel', { name: who, item: name })}
                      onClick={() => setDeclining(req.id)}
                      disabled={session.offline}
                    >
                      {t('approvals.decline')}
                    </button>
                  </div>
                )}
              </li>
            );
          })}
        </ul>
      )}
      <LoadMore error={moreError} hasMore={hasMore} loading={loadingMore} onMore={loadMore} />
    </Page>
  );
}

/** The decided row is gone: move focus to the next request's Approve (or the heading), never to the page's end. */
function keepFocus(index: number): void {
  const buttons = document.querySelectorAll<HTMLButtonElement>('.approval-list button.approve');
  const next = buttons[Math.min(index, buttons.length - 1)];
  if (next) next.focus();
  else document.getElementById('page-title')?.focus();
}

function DeclineForm(props: { name: string; item: string; disabled: boolean; onDecline: (reason: string) => void; onCancel: () => void }): JSX.Element {
  const [reason, setReason] = useState('');
  const [error, setError] = useState<string | null>(null);
  const box = useRef<HTMLFormElement>(null);
  useEffect(() => box.current?.querySelector('textarea')?.focus(), []);
  return (
    <form
      ref={box}
      class="form decline-form"
      noValidate
      onSubmit={(e) => {
        e.preventDefault();
        const text = reason.trim();
        if (!text) {
          setError(t('approvals.reasonRequired'));
          return;
        }
        props.onDecline(text);
      }}
    >
      <TextArea
        label={t('approvals.reason', { name: props.name })}
        name="reason"
        value={reason}
        onValue={(v) => {
          setError(null);
          setReason(v);
        }}
        maxLength={MAX_REASON}
        rows={2}
        required
        hint={t('approvals.reasonHint')}
        error={error}
      />
      <div class="actions">
        <button type="submit" class="btn btn-danger confirm-decline" disabled={props.disabled}>
          {t('approvals.declineConfirm')}
        </button>
        <button type="button" class="btn btn-secondary" onClick={props.onCancel}>
          {t('app.cancel')}
        </button>
      </div>
    </form>
  );
}
