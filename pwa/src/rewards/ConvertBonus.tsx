/** Trade pending bonus money for remote-work or leave days at HR's rate, in whole multiples of the rate.
 * Shown only when a rate exists and the pending bonus covers at least one step. */
import type { JSX } from 'preact';
import { useRef, useState } from 'preact/hooks';
import { gql } from '../api/client';
import { errorText, userErrorText } from '../api/errors';
import type { ConvertOptionsQuery } from '../gql/graphql';
import { t } from '../i18n';
import { newClientKey } from '../lib/clientKey';
import { formatMoneyShort } from '../lib/money';
import { useQuery } from '../lib/useQuery';
import { Card, Chips, Status } from '../ui/kit';
import { Icon } from '../ui/icons';
import { ConvertBonusDocument, ConvertOptionsDocument } from '../gql/graphql';

type Rule = ConvertOptionsQuery['conversionRules'][number];

function daysText(rule: Rule, steps: number): string {
  const days = rule.toAmount * steps;
  return rule.toUnit === 'LEAVE_DAYS' ? t('rewards.gives.leave', { count: days }) : t('rewards.gives.remote', { count: days });
}

export function ConvertBonus(props: { currency: string; disabled: boolean; onConverted: () => void }): JSX.Element | null {
  const { data, reload } = useQuery(ConvertOptionsDocument, {});
  const [ruleId, setRuleId] = useState('');
  const [steps, setSteps] = useState(1);
  const [busy, setBusy] = useState(false);
  const [note, setNote] = useState<{ text: string; tone: 'ok' | 'error' } | null>(null);
  const key = useRef<string | null>(null);
  if (!data) return null;
  const pending = data.myPendingBonus;
  const rules = data.conversionRules.filter(
    (r) => r.active && r.fromUnit === 'BONUS_MINOR' && (r.toUnit === 'REMOTE_DAYS' || r.toUnit === 'LEAVE_DAYS') && r.fromAmount <= pending,
  );
  const rule = rules.find((r) => r.id === ruleId) ?? rules[0];
  if (!rule && !note) return null;

  const money = (minor: number) => formatMoneyShort(minor, props.currency);
  const max = rule ? Math.max(1, Math.floor(pending / rule.fromAmount)) : 1;
  const n = Math.min(Math.max(1, steps), max);
  const change = (fn: () => void) => {
    key.current = null; // a different conversion is a new submission
    setNote(null);
    fn();
  };

  async function convert(): Promise<void> {
    if (!rule) return;
    key.current ??= newClientKey();
    setBusy(true);
    setNote(null);
    try {
      const r = (await gql(ConvertBonusDocument, { ruleId: rule.id, amountMinor: rule.fromAmount * n, clientKey: key.current })).convertBonus;
      key.current = null;
      if (r.__typename === 'UserError') {
        setNote({ text: userErrorText(r), tone: 'error' });
      } else {
        setNote({ text: t('convert.done', { money: money(r.amountMinor), days: daysText(rule, n) }), tone: 'ok' });
        setSteps(1);
        reload();
        props.onConverted();
      }
    } catch (err) {
      setNote({ text: errorText(err), tone: 'error' }); // keep the key: a retry must not convert twice
    } finally {
      setBusy(false);
    }
  }

  return (
    <Card title={t('convert.title')} class="convert-bonus">
      <p>{t('convert.pending', { money: money(pending) })}</p>
      {rule ? (
        <>
          {rules.length > 1 ? (
            <Chips
              legend={t('convert.rate')}
              name="ruleId"
              value={rule.id}
              onValue={(v) => change(() => setRuleId(v))}
              options={rules.map((r) => ({ value: r.id, label: `${money(r.fromAmount)} → ${daysText(r, 1)}` }))}
            />
          ) : (
            <p class="muted">{t('convert.rateIs', { money: money(rule.fromAmount), days: daysText(rule, 1) })}</p>
          )}
          <div class="stepper" role="group" aria-label={t('convert.amount')}>
            <button type="button" class="btn btn-secondary" aria-label={t('convert.less')} onClick={() => change(() => setSteps(n - 1))} disabled={n <= 1}>
              <Icon name="minus" size={20} />
            </button>
            <output class="convert-amount" aria-live="polite">
              {money(rule.fromAmount * n)}
            </output>
            <button type="button" class="btn btn-secondary" aria-label={t('convert.more')} onClick={() => change(() => setSteps(n + 1))} disabled={n >= max}>
              <Icon name="plus" size={20} />
            </button>
          </div>
          <button type="button" class="btn btn-primary btn-block" onClick={convert} disabled={busy || props.disabled} aria-busy={busy}>
            {t('convert.go', { money: money(rule.fromAmount * n), days: daysText(rule, n) })}
          </button>
        </>
      ) : null}
      <Status text={note?.text ?? null} tone={note?.tone ?? 'ok'} />
    </Card>
  );
}
