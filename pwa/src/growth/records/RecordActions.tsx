/** What the viewer may do with a record, as the server says (canConfirm, canRevoke, canDispute, canResolve): Confirm
 * at once; Reject, Revoke, Dispute and Resolve (reinstate or uphold) ask for a reason first. */
import type { JSX } from 'preact';
import { useId, useState } from 'preact/hooks';
import { gql } from '../../api/client';
import { errorText, userErrorText } from '../../api/errors';
import { t } from '../../i18n';
import { Status, TextArea } from '../../ui/kit';
import type { RecordItem } from './RecordCard';
import {
  ConfirmGrowthRecordByCodeDocument,
  ConfirmGrowthRecordDocument,
  DisputeGrowthRecordDocument,
  RejectGrowthRecordDocument,
  ResolveGrowthDisputeDocument,
  RevokeGrowthRecordDocument,
} from '../../gql/graphql';

type Asking = 'reject' | 'revoke' | 'dispute' | 'reinstate' | 'uphold' | null;
type Outcome = { __typename: 'GrowthRecordDecided'; record: RecordItem } | { __typename: 'UserError'; code: string; message: string; field?: string | null };

/** `byCode`: confirm with the scanned confirmation code (the scan screen) rather than by id. */
export function RecordActions(props: { record: RecordItem; byCode?: string; onChanged: (r: RecordItem) => void }): JSX.Element | null {
  const r = props.record;
  const id = useId();
  const [asking, setAsking] = useState<Asking>(null);
  const [reason, setReason] = useState('');
  const [busy, setBusy] = useState(false);
  const [status, setStatus] = useState<{ text: string; tone: 'ok' | 'error' } | null>(null);
  const resolvable = r.canResolve;
  if (!r.canConfirm && !r.canRevoke && !r.canDispute && !resolvable && !status) return null;

  async function run(what: Exclude<Asking, null> | 'confirm'): Promise<void> {
    if (what !== 'confirm' && !reason.trim()) return setStatus({ text: t('growth.actions.needReason'), tone: 'error' });
    setBusy(true);
    setStatus(null);
    try {
      const why = reason.trim();
      let out: Outcome;
      if (what === 'confirm' && props.byCode) out = (await gql(ConfirmGrowthRecordByCodeDocument, { code: props.byCode })).confirmGrowthRecordByCode;
      else if (what === 'confirm') out = (await gql(ConfirmGrowthRecordDocument, { id: r.id })).confirmGrowthRecord;
      else if (what === 'reject') out = (await gql(RejectGrowthRecordDocument, { id: r.id, reason: why })).rejectGrowthRecord;
      else if (what === 'revoke') out = (await gql(RevokeGrowthRecordDocument, { id: r.id, reason: why })).revokeGrowthRecord;
      else if (what === 'dispute') out = (await gql(DisputeGrowthRecordDocument, { id: r.id, reason: why })).disputeGrowthRecord;
      else out = (await gql(ResolveGrowthDisputeDocument, { id: r.id, reinstate: what === 'reinstate', reason: why })).resolveGrowthDispute;
      if (out.__typename === 'UserError') setStatus({ text: userErrorText(out), tone: 'error' });
      else {
        setAsking(null);
        setReason('');
        setStatus({ text: t(`growth.actions.done.${what}`), tone: 'ok' });
        props.onChanged(out.record);
      }
    } catch (err) {
      setStatus({ text: errorText(err), tone: 'error' });
    } finally {
      setBusy(false);
    }
  }

  const ask = (what: Asking) => () => {
    setAsking(what);
    setReason('');
    setStatus(null);
  };
  return (
    <div class="record-actions">
      {asking ? (
        <form
          class="reason-form"
          onSubmit={(e) => {
            e.preventDefault();
            void run(asking);
          }}
        >
          <TextArea label={t(`growth.actions.reason.${asking}`)} name="reason" value={reason} onValue={setReason} rows={2} maxLength={500} required />
          <div class="actions">
            <button type="submit" class={`btn ${asking === 'reinstate' ? 'btn-primary' : 'btn-danger'} btn-small submit-${asking}`} disabled={busy} aria-busy={busy}>
              {t(`growth.actions.${asking}`)}
            </button>
            <button type="button" class="btn btn-secondary btn-small" onClick={ask(null)} disabled={busy}>
              {t('app.cancel')}
            </button>
          </div>
        </form>
      ) : (
        <div class="actions" id={id}>
          {r.canConfirm ? (
            <button type="button" class="btn btn-primary btn-small confirm-record" disabled={busy} aria-busy={busy} onClick={() => void run('confirm')} aria-label={t('growth.actions.confirmNamed', { title: r.title })}>
              {t('growth.actions.confirm')}
            </button>
          ) : null}
          {r.canConfirm ? (
            <button type="button" class="btn btn-danger-quiet btn-small reject-record" onClick={ask('reject')} aria-label={t('growth.actions.rejectNamed', { title: r.title })}>
              {t('growth.actions.reject')}
            </button>
          ) : null}
          {r.canRevoke ? (
            <button type="button" class="btn btn-danger-quiet btn-small revoke-record" onClick={ask('revoke')}>
              {t('growth.actions.revoke')}
            </button>
          ) : null}
          {r.canDispute ? (
            <button type="button" class="btn btn-secondary btn-small dispute-record" onClick={ask('dispute')}>
              {t('growth.actions.dispute')}
            </button>
          ) : null}
          {resolvable ? (
            <>
              <button type="button" class="btn btn-primary btn-small reinstate-record" onClick={ask('reinstate')}>
                {t('growth.actions.reinstate')}
              </button>
              <button type="button" class="btn btn-danger-quiet btn-small uphold-record" onClick={ask('uphold')}>
                {t('growth.actions.uphold')}
              </button>
            </>
          ) : null}
        </div>
      )}
      <Status text={status?.text ?? null} tone={status?.tone ?? 'ok'} />
    </div>
  );
}
