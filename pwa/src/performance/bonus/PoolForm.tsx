/** Create or edit a draft pool: cycle, name, amount in yuan (sent as fen), and the formula — person split, tier
 * multipliers, department weights, minimum score. Editing a previewed pool puts it back to draft. */
import type { JSX } from 'preact';
import { useState } from 'preact/hooks';
import { gql } from '../../api/client';
import { errorText, userErrorText } from '../../api/errors';
import type { PerfPoolFragment } from '../../gql/graphql';
import { t } from '../../i18n';
import { formatMajorInput, parseMajor } from '../../lib/money';
import { errorFor, formLevel, type FormError } from '../../recognition/formError';
import { Chips, Field, Select } from '../../ui/kit';
import { cycleName, tierLabel } from '../labels';
import { formulaJson, MULTIPLIER_KEYS, readFormula, type FormulaDraft } from './formula';
import { CreateBonusPoolDocument, UpdateBonusPoolDocument } from '../../gql/graphql';

type Cycle = { id: string; nameEn: string; nameZh: string; status: string };
type Department = { id: string; name: string };
const FIELDS = ['cycleId', 'name', 'amountMinor', 'formula'] as const;

export function PoolForm(props: {
  pool: PerfPoolFragment | null;
  cycles: Cycle[];
  departments: Department[];
  currency: string;
  onSaved: (pool: PerfPoolFragment) => void;
  onCancel: () => void;
}): JSX.Element {
  const p = props.pool;
  const [cycleId, setCycleId] = useState(p?.cycle.id ?? props.cycles[0]?.id ?? '');
  const [name, setName] = useState(p?.name ?? '');
  const [amount, setAmount] = useState(p ? formatMajorInput(p.amountMinor) : '');
  const [formula, setFormula] = useState<FormulaDraft>(() => readFormula(p?.formula ?? null));
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<FormError | null>(null);

  async function submit(e: Event): Promise<void> {
    e.preventDefault();
    if (!cycleId) return setError({ field: 'cycleId', text: t('perf.required') });
    if (!name.trim()) return setError({ field: 'name', text: t('perf.required') });
    const minor = parseMajor(amount);
    if (minor === null || minor <= 0 || !Number.isSafeInteger(minor)) return setError({ field: 'amountMinor', text: t('perf.pool.badAmount') });
    const f = formulaJson(formula);
    if ('bad' in f) return setError({ field: f.bad, text: t('perf.pool.badNumber') });
    setBusy(true);
    setError(null);
    try {
      const input = { cycleId, name: name.trim(), amountMinor: minor, formula: f.json };
      const r = p ? (await gql(UpdateBonusPoolDocument, { id: p.id, input })).updateBonusPool : (await gql(CreateBonusPoolDocument, { input })).createBonusPool;
      if (r.__typename === 'UserError') setError({ field: r.field ?? null, text: userErrorText(r) });
      else props.onSaved(r.pool);
    } catch (err) {
      setError({ field: null, text: errorText(err) });
    } finally {
      setBusy(false);
    }
  }

  const setMultiplier = (k: (typeof MULTIPLIER_KEYS)[number], v: string) => setFormula((f) => ({ ...f, multipliers: { ...f.multipliers, [k]: v } }));
  return (
    <form class="form panel pool-form" onSubmit={submit} noValidate>
      <h3>{p ? t('perf.pool.edit') : t('perf.pool.new')}</h3>
      <Select label={t('perf.cycle')} name="cycleId" value={cycleId} onValue={setCycleId} options={props.cycles.map((c) => ({ value: c.id, label: cycleName(c) }))} error={errorFor(error, 'cycleId')} />
      <Field label={t('perf.pool.name')} name="poolName" value={name} onValue={setName} required error={errorFor(error, 'name')} />
      <Field label={t('perf.pool.amount', { currency: props.currency })} name="amount" inputMode="decimal" value={amount} onValue={setAmount} hint={t('perf.pool.amountHint')} error={errorFor(error, 'amountMinor')} />
      <Chips
        legend={t('perf.pool.split')}
        name="personSplit"
        value={formula.personSplit}
        onValue={(v) => setFormula((f) => ({ ...f, personSplit: v === 'SCORE_SHARE' ? 'SCORE_SHARE' : 'TIER_AMOUNTS' }))}
        options={[
          { value: 'TIER_AMOUNTS', label: t('perf.pool.split.TIER_AMOUNTS') },
          { value: 'SCORE_SHARE', label: t('perf.pool.split.SCORE_SHARE') },
        ]}
        hint={formula.personSplit === 'TIER_AMOUNTS' ? t('perf.pool.splitTierHint') : t('perf.pool.splitScoreHint')}
      />
      {formula.personSplit === 'TIER_AMOUNTS' ? (
        <fieldset>
          <legend>{t('perf.pool.multipliers')}</legend>
          <div class="two-col">
            {MULTIPLIER_KEYS.map((k) => (
              <Field
                key={k}
                label={k === 'none' ? t('perf.pool.noTier') : tierLabel(k === 'top10' ? 'TOP10' : k === 'top20' ? 'TOP20' : 'IMPROVED')}
                name={`multiplier-${k}`}
                inputMode="decimal"
                value={formula.multipliers[k]}
                onValue={(v) => setMultiplier(k, v)}
                error={errorFor(error, `multiplier-${k}`)}
              />
            ))}
          </div>
        </fieldset>
      ) : null}
      <details>
        <summary>{t('perf.pool.deptWeights')}</summary>
        <p class="hint">{t('perf.pool.deptWeightsHint')}</p>
        <div class="two-col">
          {props.departments.map((d) => (
            <Field
              key={d.id}
              label={d.name}
              name={`weight-${d.id}`}
              inputMode="decimal"
              value={formula.departmentWeights[d.id] ?? ''}
              placeholder="1"
              onValue={(v) => setFormula((f) => ({ ...f, departmentWeights: { ...f.departmentWeights, [d.id]: v } }))}
              error={errorFor(error, `weight-${d.id}`)}
            />
          ))}
        </div>
      </details>
      <Field label={t('perf.pool.minScore')} name="minScore" inputMode="decimal" value={formula.minScore} onValue={(v) => setFormula((f) => ({ ...f, minScore: v }))} hint={t('perf.pool.minScoreHint')} error={errorFor(error, 'minScore')} />
      <p class="form-error" role="alert">
        {formLevel(error, [...FIELDS.filter((f) => f !== 'formula'), 'minScore', ...MULTIPLIER_KEYS.map((k) => `multiplier-${k}`), ...props.departments.map((d) => `weight-${d.id}`)])}
      </p>
      <div class="actions">
        <button type="submit" class="btn btn-primary save-pool" disabled={busy} aria-busy={busy}>
          {p ? t('app.save') : t('perf.pool.create')}
        </button>
        <button type="button" class="btn btn-secondary" onClick={props.onCancel}>
          {t('app.cancel')}
        </button>
      </div>
    </form>
  );
}
