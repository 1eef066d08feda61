/** The pool formula as the server reads it (backend/performance/allocation.py Formula): department weights,
 * how a department's pool reaches people, tier multipliers, a minimum score. Edited as strings, sent as JSON. */

/** The GraphQL PersonSplit values (the formula JSON spells them in snake case). */
export type PersonSplit = 'TIER_AMOUNTS' | 'SCORE_SHARE';

export const MULTIPLIER_KEYS = ['top10', 'top20', 'improved', 'none'] as const;
export type MultiplierKey = (typeof MULTIPLIER_KEYS)[number];
const DEFAULT_MULTIPLIERS: Record<MultiplierKey, number> = { top10: 3, top20: 2, improved: 1.5, none: 1 };

export type FormulaDraft = {
  personSplit: PersonSplit;
  multipliers: Record<MultiplierKey, string>;
  departmentWeights: Record<string, string>;
  minScore: string;
};

const num = (v: unknown, fallback: number): number => (typeof v === 'number' && Number.isFinite(v) ? v : fallback);

export function readFormula(raw: unknown): FormulaDraft {
  const r = raw && typeof raw === 'object' ? (raw as Record<string, unknown>) : {};
  const m = r.tier_multipliers && typeof r.tier_multipliers === 'object' ? (r.tier_multipliers as Record<string, unknown>) : {};
  const w = r.department_weights && typeof r.department_weights === 'object' ? (r.department_weights as Record<string, unknown>) : {};
  return {
    personSplit: r.person_split === 'score_share' ? 'SCORE_SHARE' : 'TIER_AMOUNTS',
    multipliers: Object.fromEntries(MULTIPLIER_KEYS.map((k) => [k, String(num(m[k], DEFAULT_MULTIPLIERS[k]))])) as Record<MultiplierKey, string>,
    departmentWeights: Object.fromEntries(Object.entries(w).map(([id, v]) => [id, String(num(v, 1))])),
    minScore: String(num(r.min_score, 0)),
  };
}

/** The JSON to send, or the name of the first input that is not a non-negative number. */
export function formulaJson(d: FormulaDraft): { json: Record<string, unknown> } | { bad: string } {
  const parse = (s: string) => (s.trim() === '' ? null : Number(s));
  const multipliers: Record<string, number> = {};
  for (const k of MULTIPLIER_KEYS) {
    const v = parse(d.multipliers[k]);
    if (v === null || !Number.isFinite(v) || v < 0) return { bad: `multiplier-${k}` };
    multipliers[k] = v;
  }
  const weights: Record<string, number> = {};
  for (const [id, s] of Object.entries(d.departmentWeights)) {
    const v = parse(s);
    if (v === null) continue;
    if (!Number.isFinite(v) || v < 0) return { bad: `weight-${id}` };
    if (v !== 1) weights[id] = v;
  }
  const minScore = parse(d.minScore) ?? 0;
  if (!Number.isFinite(minScore) || minScore < 0) return { bad: 'minScore' };
  return {
    json: { person_split: d.personSplit === 'SCORE_SHARE' ? 'score_share' : 'tier_amounts', tier_multipliers: multipliers, department_weights: weights, min_score: minScore },
  };
}
