/** The attributes a requirement's conditions can test, per kind of evidence (the server validates them again and names
 * the field at fault). Kept here so the editor can offer them as a list; unknown names still round-trip. */
import type { EvidenceKind } from '../../gql/graphql';

export const ATTRIBUTES: Record<EvidenceKind, string[]> = {
  TRAINING: ['category', 'provider', 'result', 'course_code'],
  PROJECT: ['role', 'outcome'],
  CERTIFICATE: ['certificate_code', 'issuer'],
  COMPETITION_AWARD: ['competition', 'rank'],
  MENTORING: ['mentee_id'],
  TEAM_TARGET: ['period', 'target'],
  TECH_TALK: ['topic', 'rating'],
  TIER_REACHED: ['tier', 'cycle_id'],
  PRAISE: ['dimension', 'value_code'],
  KEY_RESULT: [],
  BADGE: ['badge_code'],
};

/** Attributes compared as numbers (everything else is text). */
export const NUMERIC = new Set(['rank', 'rating']);

export type Op = 'eq' | 'ne' | 'in' | 'gte' | 'gt' | 'lte' | 'lt';
export const OPS: Op[] = ['eq', 'ne', 'in', 'gte', 'gt', 'lte', 'lt'];
