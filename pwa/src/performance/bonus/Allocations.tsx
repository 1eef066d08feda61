/** Every person's amount in the pool with tier and score; while previewed HR can move fen from one person to another
 * (the sum stays exact) with a reason — how a flag is resolved by adjustment. */
import type { JSX } from 'preact';
import { useState } from 'preact/hooks';
import { gql } from '../../api/client';
import { errorText, userErrorText } from '../../api/errors';
import type { PerfPoolFragment } from '../../gql/graphql';
import { t } from '../../i18n';
import { formatMoney, formatMoneyShort, parseMajor } from '../../lib/money';
import type { Session } from '../../shell/session';
import { Card, Field, Select, Status, TextArea } from '../../ui/kit';
import { scoreText, tierLabel } from '../labels';
import { AdjustBonusAllocationDocument } from '../../gql/graphql';

export function Allocations(props: { session: Session; pool: PerfPoolFragment; onChanged: (p: PerfPoolFragment) => void }): JSX.Element {
  const { pool } = props;
  const people = pool.allocations.filter((a) => a.employee);
  const [from, setFrom] = useState('');
  const [to, setTo] = useState('');
  const [amount, setAmount] = useState('');
  const [reason, setReason] = useState('');
  const [busy, setBusy] = useState(false);
  const [status, setStatus] = useState<{ text: string; tone: 'ok' | 'error' } | null>(null);
  const total = pool.allocations.reduce((s, a) => s + a.amountMinor, 0);

  async function adjust(e: Event): Promise<void> {
    e.preventDefault();
    const minor = parseMajor(amount);
    if (!from || !to || from === to) return setStatus({ text: t('perf.adjust.twoPeople'), tone: 'error' });
    if (minor === null || minor <= 0 || !Number.isSafeInteger(minor)) return setStatus({ text: t('perf.pool.badAmount'), tone: 'error' });
    if (!reason.trim()) return setStatus({ text: t('perf.adjust.reasonRequired'), tone: 'error' });
    setBusy(true);
    setStatus(null);
    try {
      const r = (await gql(AdjustBonusAllocationDocument, { poolId: pool.id, employeeId: to, fromEmployeeId: from, amountMinor: minor, reason: reason.trim() })).adjustBonusAllocation;
      if (r.__typename === 'UserError') setStatus({ text: userErrorText(r), tone: 'error' });
      else {
        props.onChanged(r.pool);
        setAmount('');
        setReason('');
        setStatus({ text: t('perf.adjust.done', { amount: formatMoney(minor, pool.currency) }), tone: 'ok' });
      }
    } catch (err) {
      setStatus({ text: errorText(err), tone: 'error' });
    } finally {
      setBusy(false);
    }
  }

  const options = [{ value: '', label: t('perf.adjust.choose') }, ...people.map((a) => ({ value: a.employee?.id ?? '', label: `${a.employee?.name ?? ''} · ${formatMoney(a.amountMinor, pool.currency)}` }))];
  return (
    <Card title={t('perf.pool.allocations')}>
      <div class="table-scroll" tabIndex={0} role="region" aria-label={t('perf.pool.allocations')}>
        <table class="data-table allocations">
          <thead>
            <tr>
              <th scope="col">{t('perf.pool.person')}</th>
              <th scope="col" class="num">
                {t('perf.total')}
              </th>
              <th scope="col" class="num">
                {t('perf.pool.amountShort')}
              </th>
            </tr>
          </thead>
          <tbody>
            {pool.allocations.map((a, i) => (
              <tr key={a.employee?.id ?? i} data-id={a.employee?.id}>
                <th scope="row">
                  {a.employee?.name ?? '—'}
                  <br />
                  <span class="muted">{[a.department?.name, a.tier ? tierLabel(a.tier) : null].filter(Boolean).join(' · ')}</span>
                </th>
                <td class="num">{scoreText(a.score)}</td>
                <td class="num">
                  {formatMoneyShort(a.amountMinor, pool.currency)}
                  {a.adjusted ? <span class="muted"> *</span> : null}
                </td>
              </tr>
            ))}
          </tbody>
          <tfoot>
            <tr>
              <td colSpan={2}>{t('perf.total')}</td>
              <td class="num allocations-total">{formatMoneyShort(total, pool.currency)}</td>
            </tr>
          </tfoot>
        </table>
      </div>
      {pool.allocations.some((a) => a.adjusted) ? <p class="hint">{t('perf.adjust.marked')}</p> : null}
      {pool.status === 'PREVIEWED' ? (
        <details class="adjust">
          <summary>{t('perf.adjust.title')}</summary>
          <form class="form" onSubmit={adjust} noValidate>
            <Select label={t('perf.adjust.from')} name="fromEmployeeId" value={from} onValue={setFrom} options={options} />
            <Select label={t('perf.adjust.to')} name="employeeId" value={to} onValue={setTo} options={options} />
            <Field label={t('perf.pool.amount', { currency: pool.currency })} name="adjustAmount" inputMode="decimal" value={amount} onValue={setAmount} />
            <TextArea label={t('perf.adjust.reason')} name="adjustReason" value={reason} onValue={setReason} rows={2} maxLength={500} required />
            <button type="submit" class="btn btn-secondary" disabled={busy || props.session.offline} aria-busy={busy}>
              {t('perf.adjust.submit')}
            </button>
            <Status text={status?.text ?? null} tone={status?.tone ?? 'ok'} />
          </form>
        </details>
      ) : null}
    </Card>
  );
}
