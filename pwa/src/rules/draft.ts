/** A rule as the editor holds it (text inputs) and its JSON form for the API. Pure; no I/O.
 * Condition rows cover {"all"|"any": [comparisons]} and a single comparison; anything deeper is kept verbatim.
 * Award keys are snake_case, as backend/rules/awards.py validates them. */
import { formatMajorInput, parseMajor } from '../lib/money';

export type Op = 'eq' | 'ne' | 'gt' | 'gte' | 'lt' | 'lte' | 'in';
export type FieldType = 'int' | 'str' | 'enum' | 'bool';
export type TriggerField = { name: string; type: string; choices: string[]; nameEn: string; nameZh: string };

export const OPS: Record<FieldType, Op[]> = {
  int: ['gte', 'gt', 'eq', 'ne', 'lte', 'lt', 'in'],
  str: ['eq', 'ne', 'in'],
  enum: ['eq', 'ne', 'in'],
  bool: ['eq'],
};

export type Row = { key: number; field: string; op: Op; value: string };

export type Draft = {
  name: string;
  trigger: string;
  match: 'all' | 'any';
  rows: Row[];
  /** A condition tree the rows cannot show (nested, "not"); sent back unchanged. */
  complex: unknown;
  points: string;
  badgeCode: string;
  bonus: string;
  letterEn: string;
  letterZh: string;
  announce: boolean;
};

let nextKey = 1;
export function newRow(field: TriggerField | undefined): Row {
  const type = fieldType(field);
  return { key: nextKey++, field: field?.name ?? '', op: OPS[type][0] ?? 'eq', value: type === 'bool' ? 'true' : type === 'enum' ? field?.choices[0] ?? '' : '' };
}

export function fieldType(field: TriggerField | undefined): FieldType {
  const t = field?.type;
  return t === 'int' || t === 'enum' || t === 'bool' ? t : 'str';
}

export function emptyDraft(trigger: string): Draft {
  return { name: '', trigger, match: 'all', rows: [], complex: null, points: '', badgeCode: '', bonus: '', letterEn: '', letterZh: '', announce: false };
}

type Obj = Record<string, unknown>;
const isObj = (v: unknown): v is Obj => typeof v === 'object' && v !== null && !Array.isArray(v);
const isLeaf = (v: unknown): v is Obj => isObj(v) && typeof v.field === 'string' && typeof v.op === 'string' && 'value' in v;

function valueText(v: unknown): string {
  if (Array.isArray(v)) return v.map(valueText).join(', ');
  return typeof v === 'string' ? v : typeof v === 'number' || typeof v === 'boolean' ? String(v) : '';
}

function toRow(leaf: Obj): Row {
  return { key: nextKey++, field: String(leaf.field), op: leaf.op as Op, value: valueText(leaf.value) };
}

export function fromRule(rule: { name: string; trigger: string; conditions?: unknown; awards: unknown }): Draft {
  const d = emptyDraft(rule.trigger);
  d.name = rule.name;
  const c = rule.conditions;
  if (isLeaf(c)) d.rows = [toRow(c)];
  else if (isObj(c) && Array.isArray(c.all) && c.all.every(isLeaf)) d.rows = c.all.map(toRow);
  else if (isObj(c) && Array.isArray(c.any) && c.any.every(isLeaf)) {
    d.match = 'any';
    d.rows = c.any.map(toRow);
  } else if (c !== null && c !== undefined) d.complex = c;
  const a = isObj(rule.awards) ? rule.awards : {};
  const num = (v: unknown) => (typeof v === 'number' ? v : 0);
  const points = num(a.points);
  d.points = points ? String(points) : '';
  d.badgeCode = typeof (a.badge_code ?? a.badgeCode) === 'string' ? String(a.badge_code ?? a.badgeCode) : '';
  d.bonus = formatMajorInput(num(a.bonus_minor ?? a.bonusMinor));
  const letter = a.praise_letter ?? a.praiseLetter;
  if (isObj(letter)) {
    d.letterEn = typeof letter.en === 'string' ? letter.en : '';
    d.letterZh = typeof letter.zh === 'string' ? letter.zh : '';
  }
  d.announce = a.announce === true;
  return d;
}

/** Problems found before asking the server: keys are editor fields ("name", "row:<key>", "points", "bonus"). */
export type Problems = Record<string, true>;

function leafValue(row: Row, field: TriggerField | undefined): { ok: boolean; value: unknown } {
  const type = fieldType(field);
  const one = (text: string): { ok: boolean; value: unknown } => {
    const s = text.trim();
    if (type === 'int') return /^-?\d+$/.test(s) ? { ok: true, value: Number(s) } : { ok: false, value: null };
    if (type === 'bool') return { ok: s === 'true' || s === 'false', value: s === 'true' };
    if (type === 'enum') return { ok: (field?.choices ?? []).includes(s), value: s };
    return { ok: s.length <= 100, value: s };
  };
  if (row.op !== 'in') return one(row.value);
  const parts = row.value.split(',').map((p) => p.trim()).filter(Boolean);
  const values = parts.map(one);
  return { ok: values.length > 0 && values.every((v) => v.ok), value: values.map((v) => v.value) };
}

export function toInput(d: Draft, fields: TriggerField[]): { conditions: unknown; awards: Record<string, unknown>; problems: Problems } {
  const problems: Problems = {};
  let conditions: unknown = null;
  if (d.complex !== null && d.complex !== undefined) conditions = d.complex;
  else if (d.rows.length > 0) {
    conditions = {
      [d.match]: d.rows.map((row) => {
        const field = fields.find((f) => f.name === row.field);
        const { ok, value } = leafValue(row, field);
        if (!ok || !field) problems[`row:${row.key}`] = true;
        return { field: row.field, op: row.op, value };
      }),
    };
  }
  const pointsText = d.points.trim();
  const points = pointsText === '' ? 0 : /^\d+$/.test(pointsText) ? Number(pointsText) : NaN;
  if (!Number.isFinite(points)) problems.points = true;
  const bonus = parseMajor(d.bonus);
  if (bonus === null) problems.bonus = true;
  const letter = d.letterEn.trim() || d.letterZh.trim() ? { en: d.letterEn.trim(), zh: d.letterZh.trim() } : null;
  const awards = { points: Number.isFinite(points) ? points : 0, badge_code: d.badgeCode || null, bonus_minor: bonus ?? 0, praise_letter: letter, announce: d.announce };
  return { conditions, awards, problems };
}

/** Which editor field a server error path belongs to, e.g. "conditions.all[1].value" → the second row. */
export function problemKey(path: string | null | undefined, d: Draft): string | null {
  if (!path) return null;
  const row = /^conditions\.(?:all|any)\[(\d+)\]/.exec(path);
  if (row?.[1] !== undefined) {
    const r = d.rows[Number(row[1])];
    return r ? `row:${r.key}` : 'conditions';
  }
  if (path === 'conditions.field' || path === 'conditions.op' || path === 'conditions.value') return d.rows[0] ? `row:${d.rows[0].key}` : 'conditions';
  if (path.startsWith('conditions')) return 'conditions';
  if (path === 'awards.points') return 'points';
  if (path === 'awards.badgeCode' || path === 'awards.badge_code') return 'badge';
  if (path === 'awards.bonusMinor' || path === 'awards.bonus_minor') return 'bonus';
  if (path === 'awards.praiseLetter.zh' || path === 'awards.praise_letter.zh') return 'letterZh';
  if (path.startsWith('awards.praiseLetter') || path.startsWith('awards.praise_letter')) return 'letterEn';
  if (path.startsWith('awards')) return 'awards';
  if (path === 'name' || path === 'trigger') return path;
  return null;
}
