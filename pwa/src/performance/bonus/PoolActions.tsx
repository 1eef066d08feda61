/** The pool's next step. Preview (draft/previewed), edit, approve — disabled with the reason while flags are open,
 * the cycle is open or you created the pool — lock after a confirm step, then the payroll exports. */
import type { JSX } from 'preact';
import { useState } from 'preact/hooks';
import { gql } from '../../api/client';
import { errorText, userErrorText } from '../../api/errors';
import type { PerfPoolFragment } from '../../gql/graphql';
import { t } from '../../i18n';
import { formatMoney } from '../../lib/money';
import type { Session } from '../../shell/session';
import { Card, Status } from '../../ui/kit';
import { Icon } from '../../ui/icons';
import { PoolForm } from './PoolForm';
import { ApproveBonusPoolDocument, LockBonusPoolDocument, PreviewBonusPoolDocument } from '../../gql/graphql';

type Cycle = { id: string; nameEn: string; nameZh: string; status: string };

/** Why approving is not possible yet, in the order HR can fix them; empty when it is. */
export function approveBlockers(pool: PerfPoolFragment, myEmployeeId: string | null): string[] {
  if (pool.status !== 'PREVIEWED') return pool.status === 'DRAFT' ? [t('perf.pool.whyPreview')] : [];
  const why: string[] = [];
  if (pool.openFlagCount > 0) why.push(t('perf.pool.whyFlags', { count: pool.openFlagCount }));
  if (pool.cycle.status === 'OPEN') why.push(t('perf.pool.whyCycle'));
  if (pool.createdBy && pool.createdBy.id === myEmployeeId) why.push(t('perf.pool.whyCreator'));
  return why;
}

export function PoolActions(props: {
  session: Session;
  pool: PerfPoolFragment;
  cycles: Cycle[];
  departments: { id: string; name: string }[];
  onChanged: (pool: PerfPoolFragment) => void;
}): JSX.Element {
  const { pool } = props;
  const [editing, setEditing] = useState(false);
  const [confirmLock, setConfirmLock] = useState(false);
  const [busy, setBusy] = useState<string | null>(null);
  const [status, setStatus] = useState<{ text: string; tone: 'ok' | 'error' } | null>(null);
  const blockers = approveBlockers(pool, props.session.me.employee?.id ?? null);

  async function run(what: string, call: () => Promise<{ __typename: 'BonusPoolSaved'; pool: PerfPoolFragment } | { __typename: 'UserError'; code: string; message: string; field?: string | null }>, ok: (p: PerfPoolFragment) => string): Promise<void> {
    setBusy(what);
    setStatus(null);
    try {
      const r = await call();
      if (r.__typename === 'UserError') setStatus({ text: userErrorText(r), tone: 'error' });
      else {
        props.onChanged(r.pool);
        setStatus({ text: ok(r.pool), tone: 'ok' });
      }
    } catch (err) {
      setStatus({ text: errorText(err), tone: 'error' });
    } finally {
      setBusy(null);
    }
  }

  const preview = () =>
    run('preview', async () => (await gql(PreviewBonusPoolDocument, { id: pool.id })).previewBonusPool, (p) =>
      t('perf.pool.previewed', { amount: formatMoney(p.allocatedMinor, p.currency), flags: p.openFlagCount }),
    );
  const approve = () => run('approve', async () => (await gql(ApproveBonusPoolDocument, { id: pool.id })).approveBonusPool, () => t('perf.pool.approvedOk'));
  const lock = () =>
    run('lock', async () => (await gql(LockBonusPoolDocument, { id: pool.id })).lockBonusPool, () => {
      setConfirmLock(false);
      return t('perf.pool.lockedOk');
    });

  if (editing) {
    return (
      <PoolForm
        pool={pool}
        cycles={props.cycles}
        departments={props.departments}
        currency={pool.currency}
        onSaved={(p) => {
          setEditing(false);
          props.onChanged(p);
          setStatus({ text: t('app.saved'), tone: 'ok' });
        }}
        onCancel={() => setEditing(false)}
      />
    );
  }
  const editable = pool.status === 'DRAFT' || pool.status === 'PREVIEWED';
  return (
    <Card title={t('perf.pool.steps')}>
      <Status text={status?.text ?? null} tone={status?.tone ?? 'ok'} />
      {editable ? (
        <div class="actions">
          <button type="button" class="btn btn-primary preview-pool" disabled={busy !== null} aria-busy={busy === 'preview'} onClick={() => void preview()}>
            {pool.status === 'DRAFT' ? t('perf.pool.preview') : t('perf.pool.repreview')}
          </button>
          <button type="button" class="btn btn-secondary edit-pool" disabled={busy !== null} onClick={() => setEditing(true)}>
            {t('perf.pool.edit')}
          </button>
        </div>
      ) : null}
      {pool.status === 'DRAFT' || pool.status === 'PREVIEWED' ? (
        <>
          <button
            type="button"
            class="btn btn-primary btn-block approve-pool"
            disabled={blockers.length > 0 || busy !== null}
            aria-busy={busy === 'approve'}
            aria-describedby="approve-why"
            onClick={() => void approve()}
          >
            <Icon name="check" size={20} /> {t('perf.pool.approve')}
          </button>
          <ul id="approve-why" class="why-disabled reasons">
            {blockers.map((why) => (
              <li key={why}>{why}</li>
            ))}
          </ul>
        </>
      ) : null}
      {pool.status === 'APPROVED' ? (
        confirmLock ? (
          <div class="confirm-box">
            <h3>{t('perf.pool.lockTitle', { amount: formatMoney(pool.allocatedMinor, pool.currency) })}</h3>
            <p>{t('perf.pool.lockText')}</p>
            <div class="actions">
              <button type="button" class="btn btn-danger confirm-lock" disabled={busy !== null} aria-busy={busy === 'lock'} onClick={() => void lock()}>
                {t('perf.pool.lockConfirm')}
              </button>
              <button type="button" class="btn btn-secondary" onClick={() => setConfirmLock(false)}>
                {t('app.cancel')}
              </button>
            </div>
          </div>
        ) : (
          <button type="button" class="btn btn-primary btn-block lock-pool" onClick={() => setConfirmLock(true)}>
            {t('perf.pool.lock')}
          </button>
        )
      ) : null}
      {pool.status === 'LOCKED' ? (
        <>
          <p>{t('perf.pool.lockedNote')}</p>
          <p class="export-links">
            {pool.exportCsvUrl ? (
              <a class="btn btn-secondary export-csv" href={pool.exportCsvUrl} download>
                <Icon name="download" size={20} /> {t('perf.pool.exportCsv')}
              </a>
            ) : null}
            {pool.exportXlsxUrl ? (
              <a class="btn btn-secondary export-xlsx" href={pool.exportXlsxUrl} download>
                <Icon name="download" size={20} /> {t('perf.pool.exportXlsx')}
              </a>
            ) : null}
          </p>
        </>
      ) : null}
    </Card>
  );
}
