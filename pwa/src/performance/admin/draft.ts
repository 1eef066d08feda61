/** The template editor's working copy: dimensions as strings while typed, turned into the API's input on save. */
import type { DimensionInput, DimensionSource, Direction, PerfTemplateFragment } from '../../gql/graphql';
import { t } from '../../i18n';

export type RubricDraft = { score: number; en: string; zh: string };
export type DimensionDraft = {
  key: string;
  code: string;
  nameEn: string;
  nameZh: string;
  weight: string;
  source: DimensionSource;
  metricCode: string;
  target: string;
  direction: Direction;
  floorRatio: string;
  capPoints: string;
  unit: string;
  rubric: RubricDraft[];
  relationWeights: string;
};

let next = 0;
const newKey = () => `dim-${++next}`;

export const needsMetric = (s: DimensionSource) => s === 'METRIC' || s === 'ATTENDANCE';
export const needsRubric = (s: DimensionSource) => s === 'RATING' || s === 'REVIEW_360';

export function emptyDimension(): DimensionDraft {
  return {
    key: newKey(), code: '', nameEn: '', nameZh: '', weight: '', source: 'METRIC', metricCode: '', target: '', direction: 'HIGHER',
    floorRatio: '0', capPoints: '100', unit: '', rubric: [1, 2, 3, 4, 5].map((score) => ({ score, en: '', zh: '' })), relationWeights: '',
  };
}

export function fromTemplate(tpl: PerfTemplateFragment): DimensionDraft[] {
  return tpl.dimensions.map((d) => ({
    key: newKey(),
    code: d.code,
    nameEn: d.nameEn,
    nameZh: d.nameZh,
    weight: String(d.weight),
    source: d.source,
    metricCode: d.metricCode ?? '',
    target: d.target === null || d.target === undefined ? '' : String(d.target),
    direction: d.direction,
    floorRatio: String(d.floorRatio),
    capPoints: String(d.capPoints),
    unit: d.unit,
    rubric: [1, 2, 3, 4, 5].map((score) => {
      const level = d.rubric.find((r) => r.score === score);
      return { score, en: level?.en ?? '', zh: level?.zh ?? '' };
    }),
    relationWeights: d.relationWeights ? JSON.stringify(d.relationWeights) : '',
  }));
}

/** The live sum of the weights typed so far (blank or non-numbers count as 0). */
export function weightSum(dims: DimensionDraft[]): number {
  return dims.reduce((sum, d) => sum + (Number.isFinite(Number(d.weight)) ? Number(d.weight) : 0), 0);
}

export type DraftError = { key: string | null; field: string; text: string };

const num = (s: string): number | null => (s.trim() === '' ? null : Number.isFinite(Number(s)) ? Number(s) : NaN);

/** Checks what the browser can check (the server checks again and its message is shown too). */
export function toInput(dims: DimensionDraft[]): { input: DimensionInput[] } | DraftError {
  if (dims.length === 0) return { key: null, field: 'dimensions', text: t('perf.tpl.noDims') };
  const sum = weightSum(dims);
  if (sum !== 100) return { key: null, field: 'dimensions', text: t('perf.tpl.sumNot100', { sum }) };
  const codes = new Set<string>();
  const input: DimensionInput[] = [];
  for (const d of dims) {
    const fail = (field: string, text: string): DraftError => ({ key: d.key, field, text });
    if (!/^[a-z][a-z0-9_]{0,39}$/.test(d.code)) return fail('code', t('perf.tpl.badCode'));
    if (codes.has(d.code)) return fail('code', t('perf.tpl.dupCode'));
    codes.add(d.code);
    if (!d.nameEn.trim() || !d.nameZh.trim()) return fail(d.nameZh.trim() ? 'nameEn' : 'nameZh', t('perf.required'));
    const weight = Number(d.weight);
    if (!Number.isInteger(weight) || weight <= 0) return fail('weight', t('perf.tpl.badWeight'));
    const target = num(d.target);
    const floor = num(d.floorRatio);
    const cap = num(d.capPoints);
    if (needsMetric(d.source) && (target === null || Number.isNaN(target))) return fail('target', t('perf.tpl.needTarget'));
    if (d.source === 'METRIC' && !d.metricCode.trim()) return fail('metricCode', t('perf.required'));
    if (Number.isNaN(floor) || Number.isNaN(cap)) return fail(Number.isNaN(floor) ? 'floorRatio' : 'capPoints', t('perf.tpl.badNumber'));
    let relationWeights: unknown = null;
    if (d.source === 'REVIEW_360' && d.relationWeights.trim()) {
      try {
        relationWeights = JSON.parse(d.relationWeights);
      } catch {
        return fail('relationWeights', t('perf.cycles.badJson'));
      }
    }
    const rubric = needsRubric(d.source) && d.rubric.some((r) => r.en.trim() || r.zh.trim()) ? d.rubric.map((r) => ({ score: r.score, en: r.en.trim(), zh: r.zh.trim() })) : null;
    input.push({
      code: d.code,
      nameEn: d.nameEn.trim(),
      nameZh: d.nameZh.trim(),
      weight,
      source: d.source,
      metricCode: needsMetric(d.source) ? d.metricCode.trim() || null : null,
      target: needsMetric(d.source) ? target : null,
      direction: d.direction,
      floorRatio: floor ?? 0,
      capPoints: cap ?? 100,
      unit: d.unit.trim(),
      rubric,
      relationWeights,
    });
  }
  return { input };
}
