/** One requirement in the track editor: names, how-to, the evidence kind, conditions as field/op/value rows (All or
 * Any; a deeper tree is kept as it is), how records add up, the window, comparator and target. */
import type { JSX } from 'preact';
import { useId } from 'preact/hooks';
import type { EvidenceKind, GrowthAggregate, GrowthComparator } from '../../gql/graphql';
import { hasKey, t } from '../../i18n';
import { Icon } from '../../ui/icons';
import { Field, Select, TextArea } from '../../ui/kit';
import { EVIDENCE_KINDS, kindLabel } from '../labels';
import { emptyRow, errorAt, type CondRow, type DraftError, type ReqDraft } from './draft';
import { ATTRIBUTES, OPS, type Op } from './vocabulary';

const AGGREGATES: GrowthAggregate[] = ['COUNT', 'SUM', 'DISTINCT', 'MONTHS_AT_PREVIOUS_LEVEL'];
const COMPARATORS: GrowthComparator[] = ['GTE', 'GT', 'EQ', 'LTE'];

export function RequirementEditor(props: { req: ReqDraft; at: string; n: number; error: DraftError | null; onChange: (r: ReqDraft) => void; onRemove: () => void }): JSX.Element {
  const r = props.req;
  const group = useId();
  const err = (field: string) => errorAt(props.error, `${props.at}.${field}`);
  const set = <K extends keyof ReqDraft>(k: K) => (v: ReqDraft[K]) => props.onChange({ ...r, [k]: v });
  const tenure = r.aggregate === 'MONTHS_AT_PREVIOUS_LEVEL';
  const attrs = r.kind ? ATTRIBUTES[r.kind] : [];
  const setRow = (k: string, patch: Partial<CondRow>) => props.onChange({ ...r, rows: r.rows.map((row) => (row.key === k ? { ...row, ...patch } : row)) });
  const condAt = `${props.at}.conditions`;
  return (
    <fieldset class="req-editor" data-index={props.n - 1}>
      <legend>{t('growth.editor.requirementN', { n: props.n })}</legend>
      <div class="two-col">
        <Field label={t('growth.editor.nameZh')} name="reqNameZh" value={r.nameZh} onValue={set('nameZh')} error={err('nameZh')} />
        <Field label={t('growth.editor.nameEn')} name="reqNameEn" value={r.nameEn} onValue={set('nameEn')} error={err('nameEn')} />
      </div>
      <div class="two-col">
        <Select
          label={t('growth.editor.aggregate')}
          name="aggregate"
          value={r.aggregate}
          onValue={(v) => props.onChange({ ...r, aggregate: v as GrowthAggregate, measureField: v === 'SUM' && !r.measureField ? 'quantity' : r.measureField })}
          options={AGGREGATES.map((a) => ({ value: a, label: t(`growth.aggregate.${a}`) }))}
          error={err('aggregate')}
        />
        {tenure ? null : (
          <Select
            label={t('growth.editor.kind')}
            name="evidenceKind"
            value={r.kind}
            onValue={(v) => props.onChange({ ...r, kind: v as EvidenceKind, rows: [], complex: null })}
            options={EVIDENCE_KINDS.map((k) => ({ value: k, label: kindLabel(k) }))}
            error={err('evidenceKind')}
          />
        )}
      </div>
      {r.aggregate === 'SUM' || r.aggregate === 'DISTINCT' ? (
        <Select
          label={t('growth.editor.measureField')}
          name="measureField"
          value={r.measureField}
          onValue={set('measureField')}
          options={[{ value: '', label: t('growth.claim.choose') }, ...(r.aggregate === 'SUM' ? ['quantity'] : []).concat(attrs).map((f) => ({ value: f, label: fieldLabel(f) }))]}
          error={err('measureField')}
        />
      ) : null}
      {tenure ? null : (
        <fieldset class="conditions">
          <legend>{t('growth.editor.conditions')}</legend>
          {r.complex !== null && r.complex !== undefined ? (
            <>
              <p class="note">{t('growth.editor.complex')}</p>
              <pre class="mono json">{JSON.stringify(r.complex, null, 2)}</pre>
              <button type="button" class="btn btn-secondary btn-small" onClick={() => props.onChange({ ...r, complex: null, rows: [] })}>
                {t('growth.editor.replaceComplex')}
              </button>
            </>
          ) : (
            <>
              {r.rows.length === 0 ? <p class="hint">{t('growth.editor.noConditions')}</p> : null}
              {r.rows.length > 1 ? (
                <fieldset class="segmented">
                  <legend class="visually-hidden">{t('growth.editor.match')}</legend>
                  {(['all', 'any'] as const).map((m) => (
                    <label key={m} class={r.match === m ? 'on' : ''}>
                      <input type="radio" name={`match-${group}`} value={m} checked={r.match === m} onChange={() => props.onChange({ ...r, match: m })} />
                      {t(m === 'all' ? 'growth.editor.matchAll' : 'growth.editor.matchAny')}
                    </label>
                  ))}
                </fieldset>
              ) : null}
              <ol class="condition-rows">
                {r.rows.map((row, i) => {
                  const rowErr = errorAt(props.error, `${condAt}[${i}]`);
                  return (
                    <li key={row.key} class={`condition-row${rowErr ? ' row-invalid' : ''}`} aria-label={t('growth.editor.conditionN', { n: i + 1 })}>
                      <Select
                        label={t('growth.editor.field')}
                        name="condition-field"
                        value={row.field}
                        onValue={(v) => setRow(row.key, { field: v })}
                        options={[{ value: '', label: t('growth.claim.choose') }, ...(attrs.includes(row.field) || !row.field ? attrs : [row.field, ...attrs]).map((f) => ({ value: f, label: fieldLabel(f) }))]}
                      />
                      <Select label={t('growth.editor.op')} name="condition-op" value={row.op} onValue={(v) => setRow(row.key, { op: v as Op })} options={OPS.map((op) => ({ value: op, label: t(`growth.op.${op}`) }))} />
                      <Field label={t('growth.editor.value')} name="condition-value" value={row.value} onValue={(v) => setRow(row.key, { value: v })} hint={row.op === 'in' ? t('growth.editor.inHint') : undefined} error={rowErr} />
                      <button type="button" class="btn btn-danger-quiet btn-small" aria-label={t('growth.editor.removeConditionN', { n: i + 1 })} onClick={() => props.onChange({ ...r, rows: r.rows.filter((x) => x.key !== row.key) })}>
                        <Icon name="minus" size={18} />
                      </button>
                    </li>
                  );
                })}
              </ol>
              {attrs.length > 0 ? (
                <button type="button" class="btn btn-secondary btn-small add-condition" onClick={() => props.onChange({ ...r, rows: [...r.rows, emptyRow(attrs[0])] })}>
                  <Icon name="plus" size={18} /> {t('growth.editor.addCondition')}
                </button>
              ) : null}
            </>
          )}
          {errorAt(props.error, condAt) ? <p class="field-error">{errorAt(props.error, condAt)}</p> : null}
        </fieldset>
      )}
      <div class="three-col">
        {tenure ? null : <Field label={t('growth.editor.windowDays')} name="windowDays" type="number" inputMode="numeric" min={1} value={r.windowDays} onValue={set('windowDays')} hint={t('growth.editor.windowHint')} error={err('windowDays')} />}
        <Select label={t('growth.editor.comparator')} name="comparator" value={r.comparator} onValue={(v) => set('comparator')(v as GrowthComparator)} options={COMPARATORS.map((c) => ({ value: c, label: t(`growth.cmp.${c}`) }))} error={err('comparator')} />
        <Field label={t('growth.editor.target')} name="target" type="number" inputMode="decimal" min={0} step={0.5} value={r.target} onValue={set('target')} error={err('target')} />
      </div>
      <details class="how-to-edit">
        <summary>{t('growth.editor.howTo')}</summary>
        <TextArea label={t('growth.editor.howToZh')} name="howToZh" value={r.howToZh} onValue={set('howToZh')} rows={2} maxLength={2000} error={err('howToZh')} />
        <TextArea label={t('growth.editor.howToEn')} name="howToEn" value={r.howToEn} onValue={set('howToEn')} rows={2} maxLength={2000} error={err('howToEn')} />
      </details>
      <button type="button" class="btn btn-danger-quiet btn-small remove-requirement" onClick={props.onRemove} aria-label={t('growth.editor.removeRequirementN', { n: props.n })}>
        {t('growth.editor.removeRequirement')}
      </button>
    </fieldset>
  );
}

/** An attribute's name as people read it, with the code the conditions use. */
export function fieldLabel(name: string): string {
  if (name === 'quantity') return t('growth.editor.quantity');
  const key = `growth.attr.${name}`;
  return hasKey(key) ? `${t(key)} (${name})` : name;
}
