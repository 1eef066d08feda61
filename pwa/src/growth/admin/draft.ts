/** The track editor's working copy (text inputs) and its CareerTrackInput form; the paths of errors, the client's and
 * the server's alike ("levels[2].requirements[0].conditions.all[1].value"), tell which input to mark. Pure; no I/O. */
import type {
  CareerTrackInput,
  EvidenceKind,
  GrowthAggregate,
  GrowthComparator,
  GrowthTrackFieldsFragment,
  LevelRequirementInput,
  ResourceKind,
} from '../../gql/graphql';
import { t } from '../../i18n';
import { NUMERIC, type Op } from './vocabulary';

export type CondRow = { key: string; field: string; op: Op; value: string };
export type ReqDraft = {
  key: string; id: string | null; nameEn: string; nameZh: string; howToEn: string; howToZh: string;
  kind: EvidenceKind | ''; match: 'all' | 'any'; rows: CondRow[]; complex: unknown;
  aggregate: GrowthAggregate; measureField: string; windowDays: string; comparator: GrowthComparator; target: string;
};
export type ResDraft = { key: string; id: string | null; kind: ResourceKind; titleEn: string; titleZh: string; url: string; provider: string; reqKey: string };
export type LevelDraft = {
  key: string; id: string | null; code: string; nameEn: string; nameZh: string; descriptionEn: string; descriptionZh: string;
  previousCode: string; branchEn: string; branchZh: string; requirements: ReqDraft[]; resources: ResDraft[];
};
export type TrackDraft = {
  id: string | null; code: string; jobFamily: string; nameEn: string; nameZh: string; descriptionEn: string; descriptionZh: string;
  active: boolean; levels: LevelDraft[];
};
/** An error at a path of the input; `text` is already in the reader's language. */
export type DraftError = { path: string; text: string };

let next = 0;
const key = (p: string) => `${p}-${++next}`;

export const emptyRow = (field = ''): CondRow => ({ key: key('c'), field, op: 'eq', value: '' });
export const emptyRequirement = (): ReqDraft => ({
  key: key('r'), id: null, nameEn: '', nameZh: '', howToEn: '', howToZh: '', kind: 'TRAINING', match: 'all', rows: [], complex: null,
  aggregate: 'COUNT', measureField: '', windowDays: '', comparator: 'GTE', target: '1',
});
export const emptyResource = (): ResDraft => ({ key: key('x'), id: null, kind: 'EXTERNAL_LINK', titleEn: '', titleZh: '', url: '', provider: '', reqKey: '' });
export const emptyLevel = (previousCode = ''): LevelDraft => ({
  key: key('l'), id: null, code: '', nameEn: '', nameZh: '', descriptionEn: '', descriptionZh: '', previousCode, branchEn: '', branchZh: '', requirements: [emptyRequirement()], resources: [],
});
export const emptyTrack = (): TrackDraft => ({ id: null, code: '', jobFamily: '', nameEn: '', nameZh: '', descriptionEn: '', descriptionZh: '', active: true, levels: [emptyLevel()] });

type Obj = Record<string, unknown>;
const isObj = (v: unknown): v is Obj => typeof v === 'object' && v !== null && !Array.isArray(v);
const isLeaf = (v: unknown): v is Obj => isObj(v) && typeof v.field === 'string' && typeof v.op === 'string' && 'value' in v;
const text = (v: unknown): string => (Array.isArray(v) ? v.map(text).join(', ') : typeof v === 'string' || typeof v === 'number' || typeof v === 'boolean' ? String(v) : '');
const toRow = (leaf: Obj): CondRow => ({ key: key('c'), field: String(leaf.field), op: leaf.op as Op, value: text(leaf.value) });

function conditionsDraft(c: unknown): Pick<ReqDraft, 'match' | 'rows' | 'complex'> {
  if (c === null || c === undefined) return { match: 'all', rows: [], complex: null };
  if (isLeaf(c)) return { match: 'all', rows: [toRow(c)], complex: null };
  if (isObj(c) && Array.isArray(c.all) && c.all.every(isLeaf)) return { match: 'all', rows: c.all.map(toRow), complex: null };
  if (isObj(c) && Array.isArray(c.any) && c.any.every(isLeaf)) return { match: 'any', rows: c.any.map(toRow), complex: null };
  return { match: 'all', rows: [], complex: c };
}

export function fromTrack(track: GrowthTrackFieldsFragment): TrackDraft {
  const codeOf = new Map(track.levels.map((l) => [l.id, l.code]));
  return {
    id: track.id, code: track.code, jobFamily: track.jobFamily, nameEn: track.nameEn, nameZh: track.nameZh,
    descriptionEn: track.descriptionEn, descriptionZh: track.descriptionZh, active: track.active,
    levels: [...track.levels].sort((a, b) => a.position - b.position).map((l) => {
      const requirements = [...l.requirements].sort((a, b) => a.position - b.position).map((r): ReqDraft => ({
        key: key('r'), id: r.id, nameEn: r.nameEn, nameZh: r.nameZh, howToEn: r.howToEn, howToZh: r.howToZh, kind: r.evidenceKind ?? '',
        ...conditionsDraft(r.conditions), aggregate: r.aggregate, measureField: r.measureField ?? '', windowDays: r.windowDays ? String(r.windowDays) : '',
        comparator: r.comparator, target: String(r.target),
      }));
      const reqKey = new Map(l.requirements.map((r, i) => [r.id, requirements[i]?.key ?? '']));
      return {
        key: key('l'), id: l.id, code: l.code, nameEn: l.nameEn, nameZh: l.nameZh, descriptionEn: l.descriptionEn, descriptionZh: l.descriptionZh,
        previousCode: l.previousId ? (codeOf.get(l.previousId) ?? '') : '', branchEn: l.branchEn, branchZh: l.branchZh, requirements,
        resources: l.resources.map((x) => ({ key: key('x'), id: x.id, kind: x.kind, titleEn: x.titleEn, titleZh: x.titleZh, url: x.url, provider: x.provider, reqKey: x.requirementId ? (reqKey.get(x.requirementId) ?? '') : '' })),
      };
    }),
  };
}

/** Remove a level; levels that followed it now follow its own previous level, so the path stays connected. */
export function removeLevel(d: TrackDraft, k: string): TrackDraft {
  const gone = d.levels.find((l) => l.key === k);
  if (!gone) return d;
  const levels = d.levels.filter((l) => l.key !== k).map((l) => (gone.code && l.previousCode === gone.code ? { ...l, previousCode: gone.previousCode } : l));
  return { ...d, levels };
}

export function moveLevel(d: TrackDraft, k: string, by: -1 | 1): TrackDraft {
  const i = d.levels.findIndex((l) => l.key === k);
  const j = i + by;
  if (i < 0 || j < 0 || j >= d.levels.length) return d;
  const levels = [...d.levels];
  [levels[i], levels[j]] = [levels[j]!, levels[i]!];
  return { ...d, levels };
}

const CODE = /^[a-z0-9][a-z0-9_-]{0,39}$/;
const num = (s: string): number | null => (s.trim() === '' ? null : Number(s.trim().replace(',', '.')));

function leafValue(row: CondRow): unknown {
  const numeric = NUMERIC.has(row.field) || ['gt', 'gte', 'lt', 'lte'].includes(row.op);
  const one = (s: string): unknown => (numeric && s !== '' && Number.isFinite(Number(s)) ? Number(s) : s);
  return row.op === 'in' ? row.value.split(',').map((p) => p.trim()).filter(Boolean).map(one) : one(row.value.trim());
}

function requirementInput(r: ReqDraft, at: string): LevelRequirementInput | DraftError {
  if (!r.nameZh.trim()) return { path: `${at}.nameZh`, text: t('growth.required') };
  if (!r.nameEn.trim()) return { path: `${at}.nameEn`, text: t('growth.required') };
  const target = num(r.target);
  if (target === null || !Number.isFinite(target) || target < 0) return { path: `${at}.target`, text: t('growth.editor.badNumber') };
  const windowDays = num(r.windowDays);
  if (windowDays !== null && (!Number.isInteger(windowDays) || windowDays <= 0)) return { path: `${at}.windowDays`, text: t('growth.editor.badWindow') };
  const tenure = r.aggregate === 'MONTHS_AT_PREVIOUS_LEVEL';
  if (!tenure && !r.kind) return { path: `${at}.evidenceKind`, text: t('growth.editor.needKind') };
  if ((r.aggregate === 'SUM' || r.aggregate === 'DISTINCT') && !r.measureField.trim()) return { path: `${at}.measureField`, text: t('growth.required') };
  let conditions: unknown = null;
  if (!tenure && r.complex !== null && r.complex !== undefined) conditions = r.complex;
  else if (!tenure && r.rows.length > 0) {
    for (const [i, row] of r.rows.entries()) {
      if (!row.field.trim()) return { path: `${at}.conditions.${r.match}[${i}].field`, text: t('growth.required') };
      if (row.value.trim() === '') return { path: `${at}.conditions.${r.match}[${i}].value`, text: t('growth.required') };
    }
    conditions = { [r.match]: r.rows.map((row) => ({ field: row.field.trim(), op: row.op, value: leafValue(row) })) };
  }
  return {
    id: r.id, nameEn: r.nameEn.trim(), nameZh: r.nameZh.trim(), howToEn: r.howToEn.trim(), howToZh: r.howToZh.trim(),
    evidenceKind: tenure ? null : r.kind || null, conditions, aggregate: r.aggregate,
    measureField: r.aggregate === 'SUM' || r.aggregate === 'DISTINCT' ? r.measureField.trim() : null,
    windowDays: tenure ? null : windowDays, comparator: r.comparator, target,
  };
}

/** The API's input, or the first problem the browser can see (the server checks everything again). */
export function toInput(d: TrackDraft): { input: CareerTrackInput } | DraftError {
  if (!CODE.test(d.code)) return { path: 'code', text: t('growth.editor.badCode') };
  if (!d.nameZh.trim()) return { path: 'nameZh', text: t('growth.required') };
  if (!d.nameEn.trim()) return { path: 'nameEn', text: t('growth.required') };
  if (!d.jobFamily.trim()) return { path: 'jobFamily', text: t('growth.required') };
  if (d.levels.length === 0) return { path: 'levels', text: t('growth.editor.noLevels') };
  const codes = new Set<string>();
  const levels: CareerTrackInput['levels'] = [];
  for (const [i, l] of d.levels.entries()) {
    const at = `levels[${i}]`;
    if (!CODE.test(l.code)) return { path: `${at}.code`, text: t('growth.editor.badCode') };
    if (codes.has(l.code)) return { path: `${at}.code`, text: t('growth.editor.dupCode') };
    codes.add(l.code);
    if (!l.nameZh.trim()) return { path: `${at}.nameZh`, text: t('growth.required') };
    if (!l.nameEn.trim()) return { path: `${at}.nameEn`, text: t('growth.required') };
    const requirements: LevelRequirementInput[] = [];
    for (const [j, r] of l.requirements.entries()) {
      const made = requirementInput(r, `${at}.requirements[${j}]`);
      if ('text' in made) return made;
      requirements.push(made);
    }
    const resources = [];
    for (const [k, x] of l.resources.entries()) {
      if (!x.titleZh.trim() || !x.titleEn.trim()) return { path: `${at}.resources[${k}].${x.titleZh.trim() ? 'titleEn' : 'titleZh'}`, text: t('growth.required') };
      if (x.url.trim() && !/^https?:\/\//i.test(x.url.trim())) return { path: `${at}.resources[${k}].url`, text: t('growth.editor.badUrl') };
      const index = l.requirements.findIndex((r) => r.key === x.reqKey);
      resources.push({ id: x.id, kind: x.kind, titleEn: x.titleEn.trim(), titleZh: x.titleZh.trim(), url: x.url.trim(), provider: x.provider.trim(), requirementIndex: index >= 0 ? index : null });
    }
    levels.push({
      id: l.id, code: l.code, nameEn: l.nameEn.trim(), nameZh: l.nameZh.trim(), descriptionEn: l.descriptionEn.trim(), descriptionZh: l.descriptionZh.trim(),
      previousCode: l.previousCode || null, branchEn: l.branchEn.trim(), branchZh: l.branchZh.trim(), requirements, resources,
    });
  }
  for (const [i, l] of d.levels.entries()) {
    if (l.previousCode && !codes.has(l.previousCode)) return { path: `levels[${i}].previousCode`, text: t('growth.editor.badPrevious') };
  }
  return {
    input: {
      id: d.id, code: d.code, jobFamily: d.jobFamily.trim(), nameEn: d.nameEn.trim(), nameZh: d.nameZh.trim(),
      descriptionEn: d.descriptionEn.trim(), descriptionZh: d.descriptionZh.trim(), active: d.active, levels,
    },
  };
}

/** A server path in this editor's spelling: camelCase segments ("previous_code" → "previousCode"), no leading "input.". */
export function normalisePath(path: string | null | undefined): string {
  return (path ?? '').replace(/^input\./, '').replace(/_([a-z])/g, (_, c: string) => c.toUpperCase());
}

/** Does an error at `path` belong to the input at `slot`? Exact match; a condition row also takes its leaf's errors
 * ("…conditions.all[1].value" → row 1), and `…conditions` takes what no row does. */
export function errorAt(err: DraftError | null, slot: string): string | null {
  if (!err) return null;
  const p = normalisePath(err.path);
  if (p === slot) return err.text;
  const row = /^(.*\.conditions)\.(?:all|any)\[(\d+)\]/.exec(p);
  if (row && slot === `${row[1]}[${row[2]}]`) return err.text;
  if (!row && p.startsWith(`${slot}.`) && slot.endsWith('.conditions')) return err.text;
  return null;
}
