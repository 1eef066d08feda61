/** One dimension in the template editor: code, names, weight, source and — by source — the metric, target and
 * curve, or the 1–5 rubric (and 360 relation weights). */
import type { JSX } from 'preact';
import type { DimensionSource, Direction } from '../../gql/graphql';
import { t } from '../../i18n';
import { Field, Select, TextArea } from '../../ui/kit';
import { DIMENSION_SOURCES, sourceLabel } from '../labels';
import { needsMetric, needsRubric, type DimensionDraft, type DraftError } from './draft';

export function DimensionRow(props: {
  index: number;
  dim: DimensionDraft;
  error: DraftError | null;
  onChange: (d: DimensionDraft) => void;
  onRemove: () => void;
}): JSX.Element {
  const d = props.dim;
  const err = (field: string) => (props.error?.key === d.key && props.error.field === field ? props.error.text : null);
  const set = <K extends keyof DimensionDraft>(k: K) => (v: DimensionDraft[K]) => props.onChange({ ...d, [k]: v });
  const n = props.index + 1;
  return (
    <fieldset class={`dim-row${props.error?.key === d.key ? ' row-invalid' : ''}`} data-code={d.code}>
      <legend class="dim-row-head">{t('perf.tpl.dimension', { n })}</legend>
      <div class="two-col">
        <Field label={t('perf.tpl.code')} name="code" value={d.code} onValue={set('code')} autoCapitalize="none" spellcheck={false} hint={t('perf.tpl.codeHint')} error={err('code')} />
        <Field label={t('perf.tpl.weight')} name="weight" type="number" inputMode="numeric" min={1} max={100} value={d.weight} onValue={set('weight')} error={err('weight')} />
      </div>
      <div class="two-col">
        <Field label={t('perf.nameZh')} name="nameZh" value={d.nameZh} onValue={set('nameZh')} error={err('nameZh')} />
        <Field label={t('perf.nameEn')} name="nameEn" value={d.nameEn} onValue={set('nameEn')} error={err('nameEn')} />
      </div>
      <Select label={t('perf.tpl.source')} name="source" value={d.source} onValue={(v) => set('source')(v as DimensionSource)} options={DIMENSION_SOURCES.map((s) => ({ value: s, label: sourceLabel(s) }))} />
      {needsMetric(d.source) ? (
        <>
          <div class="two-col">
            <Field label={t('perf.tpl.metricCode')} name="metricCode" value={d.metricCode} onValue={set('metricCode')} autoCapitalize="none" spellcheck={false} hint={d.source === 'ATTENDANCE' ? t('perf.tpl.attendanceHint') : undefined} error={err('metricCode')} />
            <Field label={t('perf.tpl.unit')} name="unit" value={d.unit} onValue={set('unit')} />
          </div>
          <div class="two-col">
            <Field label={t('perf.tpl.target')} name="target" inputMode="decimal" value={d.target} onValue={set('target')} error={err('target')} />
            <Select label={t('perf.tpl.direction')} name="direction" value={d.direction} onValue={(v) => set('direction')(v as Direction)} options={[{ value: 'HIGHER', label: t('perf.tpl.higher') }, { value: 'LOWER', label: t('perf.tpl.lower') }]} />
          </div>
          <div class="two-col">
            <Field label={t('perf.tpl.floor')} name="floorRatio" inputMode="decimal" value={d.floorRatio} onValue={set('floorRatio')} hint={t('perf.tpl.floorHint')} error={err('floorRatio')} />
            <Field label={t('perf.tpl.cap')} name="capPoints" inputMode="decimal" value={d.capPoints} onValue={set('capPoints')} hint={t('perf.tpl.capHint')} error={err('capPoints')} />
          </div>
        </>
      ) : null}
      {needsRubric(d.source) ? (
        <details>
          <summary>{t('perf.tpl.rubric')}</summary>
          {d.rubric.map((level, i) => (
            <div class="two-col" key={level.score}>
              <Field label={t('perf.tpl.levelZh', { score: level.score })} name={`rubric-zh-${level.score}`} value={level.zh} onValue={(v) => set('rubric')(d.rubric.map((r, j) => (j === i ? { ...r, zh: v } : r)))} />
              <Field label={t('perf.tpl.levelEn', { score: level.score })} name={`rubric-en-${level.score}`} value={level.en} onValue={(v) => set('rubric')(d.rubric.map((r, j) => (j === i ? { ...r, en: v } : r)))} />
            </div>
          ))}
          {d.source === 'REVIEW_360' ? (
            <TextArea label={t('perf.tpl.relationWeights')} name="relationWeights" value={d.relationWeights} onValue={set('relationWeights')} rows={2} hint={t('perf.tpl.relationWeightsHint')} error={err('relationWeights')} />
          ) : null}
        </details>
      ) : null}
      <button type="button" class="btn btn-danger-quiet btn-small remove-dimension" onClick={props.onRemove} aria-label={t('perf.tpl.removeNamed', { n })}>
        {t('perf.tpl.remove')}
      </button>
    </fieldset>
  );
}
