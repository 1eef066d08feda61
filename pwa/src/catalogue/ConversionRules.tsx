/** HR: exchange rates between bonus money, days and points (e.g. ¥1,000 of bonus → 1 remote-work day).
 * Setting a rate for a pair replaces the active one. */
import type { JSX } from 'preact';
import { useEffect, useState } from 'preact/hooks';
import { gql } from '../api/client';
import { errorText, userErrorText } from '../api/errors';
import type { ConversionRulesQuery, ConversionUnit } from '../gql/graphql';
import { t } from '../i18n';
import { formatMoneyShort, parseMajor } from '../lib/money';
import { useQuery } from '../lib/useQuery';
import { Card, ErrorNote, Field, Loading, Select, Status } from '../ui/kit';
import { ConversionRulesDocument, SetConversionRuleDocument } from '../gql/graphql';

type Rule = ConversionRulesQuery['conversionRules'][number];
const UNITS: ConversionUnit[] = ['BONUS_MINOR', 'REMOTE_DAYS', 'LEAVE_DAYS', 'POINTS'];

export function unitAmount(unit: ConversionUnit, amount: number, currency: string): string {
  switch (unit) {
    case 'BONUS_MINOR':
      return t('conversion.money', { amount: formatMoneyShort(amount, currency) });
    case 'REMOTE_DAYS':
      return t('rewards.gives.remote', { count: amount });
    case 'LEAVE_DAYS':
      return t('rewards.gives.leave', { count: amount });
    case 'POINTS':
      return t('rewards.points', { count: amount });
  }
}

export function ruleText(rule: Pick<Rule, 'fromUnit' | 'fromAmount' | 'toUnit' | 'toAmount'>, currency: string): string {
  return t('conversion.rule', { from: unitAmount(rule.fromUnit, rule.fromAmount, currency), to: unitAmount(rule.toUnit, rule.toAmount, currency) });
}

function parseAmount(unit: ConversionUnit, text: string): number | null {
  if (unit === 'BONUS_MINOR') {
    const minor = parseMajor(text);
    return minor && minor > 0 ? minor : null;
  }
  return /^\d+$/.test(text.trim()) && Number(text) > 0 ? Number(text.trim()) : null;
}

export function ConversionRules(props: { currency: string; disabled: boolean }): JSX.Element {
  const { data, error: loadError, loading, reload } = useQuery(ConversionRulesDocument, {});
  const [rules, setRules] = useState<Rule[]>([]);
  const [f, setF] = useState({ fromUnit: 'BONUS_MINOR' as ConversionUnit, fromAmount: '1000', toUnit: 'REMOTE_DAYS' as ConversionUnit, toAmount: '1' });
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<{ field: string | null; text: string } | null>(null);
  const [status, setStatus] = useState<string | null>(null);

  useEffect(() => setRules(data?.conversionRules ?? []), [data]);

  const unitOptions = UNITS.map((u) => ({ value: u, label: u === 'BONUS_MINOR' ? t('conversion.unit.BONUS_MINOR', { currency: props.currency }) : t(`conversion.unit.${u}`) }));

  async function submit(e: Event): Promise<void> {
    e.preventDefault();
    const fromAmount = parseAmount(f.fromUnit, f.fromAmount);
    const toAmount = parseAmount(f.toUnit, f.toAmount);
    if (fromAmount === null) return setError({ field: 'fromAmount', text: t('conversion.err.amount') });
    if (toAmount === null) return setError({ field: 'toAmount', text: t('conversion.err.amount') });
    if (f.fromUnit === f.toUnit) return setError({ field: 'toUnit', text: t('conversion.err.same') });
    setBusy(true);
    setError(null);
    setStatus(null);
    try {
      const r = (await gql(SetConversionRuleDocument, { input: { fromUnit: f.fromUnit, fromAmount, toUnit: f.toUnit, toAmount } })).setConversionRule;
      if (r.__typename === 'UserError') {
        setError({ field: r.field ?? null, text: r.code === 'VALIDATION' ? t('conversion.err.amount') : userErrorText(r) });
      } else {
        const rule = r.rule;
        setRules((list) => [rule, ...list.filter((x) => !(x.fromUnit === rule.fromUnit && x.toUnit === rule.toUnit))]);
        setStatus(t('conversion.saved', { rule: ruleText(rule, props.currency) }));
      }
    } catch (err) {
      setError({ field: null, text: errorText(err) });
    } finally {
      setBusy(false);
    }
  }

  const errFor = (k: string) => (error?.field === k ? error.text : null);
  return (
    <Card title={t('conversion.title')} class="conversion-rules">
      <p class="muted">{t('conversion.hint')}</p>
      {loadError ? (
        <ErrorNote error={loadError} onRetry={reload} />
      ) : loading && !data ? (
        <Loading lines={1} />
      ) : rules.length === 0 ? (
        <p class="muted">{t('conversion.none')}</p>
      ) : (
        <ul class="hits">
          {rules.map((r) => (
            <li key={r.id}>
              <span>{ruleText(r, props.currency)}</span>
            </li>
          ))}
        </ul>
      )}
      <form class="form" onSubmit={submit} noValidate>
        <h3>{t('conversion.set')}</h3>
        <div class="two-col">
          <Select label={t('conversion.fromUnit')} name="fromUnit" value={f.fromUnit} onValue={(v) => setF((o) => ({ ...o, fromUnit: v as ConversionUnit }))} options={unitOptions} error={errFor('fromUnit')} />
          <Field label={t('conversion.fromAmount')} name="fromAmount" inputMode="decimal" value={f.fromAmount} onValue={(v) => setF((o) => ({ ...o, fromAmount: v }))} error={errFor('fromAmount')} />
        </div>
        <div class="two-col">
          <Select label={t('conversion.toUnit')} name="toUnit" value={f.toUnit} onValue={(v) => setF((o) => ({ ...o, toUnit: v as ConversionUnit }))} options={unitOptions} error={errFor('toUnit')} />
          <Field label={t('conversion.toAmount')} name="toAmount" inputMode="numeric" value={f.toAmount} onValue={(v) => setF((o) => ({ ...o, toAmount: v }))} error={errFor('toAmount')} />
        </div>
        <p class="hint">
          {parseAmount(f.fromUnit, f.fromAmount) && parseAmount(f.toUnit, f.toAmount) && f.fromUnit !== f.toUnit
            ? t('conversion.preview', {
                rule: ruleText({ fromUnit: f.fromUnit, fromAmount: parseAmount(f.fromUnit, f.fromAmount) ?? 0, toUnit: f.toUnit, toAmount: parseAmount(f.toUnit, f.toAmount) ?? 0 }, props.currency),
              })
            : ''}
        </p>
        <p class="form-error" role="alert">
          {error && !['fromUnit', 'fromAmount', 'toUnit', 'toAmount'].includes(error.field ?? '') ? error.text : ''}
        </p>
        <Status text={status} />
        <div class="actions">
          <button type="submit" class="btn btn-primary" disabled={busy || props.disabled} aria-busy={busy}>
            {t('conversion.save')}
          </button>
        </div>
      </form>
    </Card>
  );
}
