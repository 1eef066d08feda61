/** Which inputs a claim asks for, by kind of evidence (attribute names are the server's: provider, category, …).
 * Pure; the claim form renders these and turns them into the mutation's input. */
import type { EvidenceKind } from '../../gql/graphql';

export type AttrField = { name: string; type: 'text' | 'date' | 'category' | 'person' };
export type KindForm = { hours: boolean; endsOn: boolean; photo: boolean; attrs: AttrField[] };

const text = (name: string): AttrField => ({ name, type: 'text' });

export const KIND_FORMS: Partial<Record<EvidenceKind, KindForm>> = {
  TRAINING: { hours: true, endsOn: true, photo: true, attrs: [text('provider'), { name: 'category', type: 'category' }, text('result')] },
  PROJECT: { hours: false, endsOn: true, photo: false, attrs: [text('role'), text('outcome')] },
  CERTIFICATE: { hours: false, endsOn: false, photo: true, attrs: [text('certificate_code'), text('issuer'), { name: 'expires_on', type: 'date' }] },
  COMPETITION_AWARD: { hours: false, endsOn: false, photo: true, attrs: [text('competition'), text('rank')] },
  MENTORING: { hours: false, endsOn: true, photo: false, attrs: [{ name: 'mentee_id', type: 'person' }] },
  TEAM_TARGET: { hours: false, endsOn: false, photo: false, attrs: [text('period'), text('target')] },
  TECH_TALK: { hours: false, endsOn: false, photo: false, attrs: [text('topic')] },
};

/** Training categories offered in the picker (a requirement's own value is added when it names another). */
export const CATEGORIES = ['equipment', 'safety', 'quality', 'process', 'technical', 'management', 'sales', 'other'] as const;

type Leaf = { field: string; op: string; value: unknown };
const isLeaf = (v: unknown): v is Leaf => typeof v === 'object' && v !== null && 'field' in v && 'op' in v && 'value' in v;

/** Attribute values a requirement's conditions pin down with "eq" (e.g. category = equipment): the claim form starts
 * with them so the record counts toward that requirement. */
export function presetsFrom(conditions: unknown): Record<string, string> {
  const leaves: unknown[] = isLeaf(conditions)
    ? [conditions]
    : typeof conditions === 'object' && conditions !== null && Array.isArray((conditions as { all?: unknown }).all)
      ? ((conditions as { all: unknown[] }).all)
      : [];
  const out: Record<string, string> = {};
  for (const leaf of leaves) {
    if (isLeaf(leaf) && leaf.op === 'eq' && (typeof leaf.value === 'string' || typeof leaf.value === 'number')) out[leaf.field] = String(leaf.value);
  }
  return out;
}
