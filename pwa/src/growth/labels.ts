/** Growth wording shared by the growth screens: enum labels, amounts ("2 of 3", "12.5 h"), level and track names. */
import type { EvidenceKind, GrowthAggregate, RecordSource, RecordStatus, RequirementStatus, ResourceKind } from '../gql/graphql';
import { codeText } from '../api/errors';
import { locale, localized, t } from '../i18n';

export const EVIDENCE_KINDS: EvidenceKind[] = [
  'TRAINING', 'PROJECT', 'CERTIFICATE', 'COMPETITION_AWARD', 'MENTORING', 'TEAM_TARGET', 'TECH_TALK', 'TIER_REACHED', 'PRAISE', 'KEY_RESULT', 'BADGE',
];
/** What a person can claim themselves; the other kinds come from other modules (tier, praise, key result, badge). */
export const CLAIMABLE: EvidenceKind[] = ['TRAINING', 'PROJECT', 'CERTIFICATE', 'COMPETITION_AWARD', 'MENTORING', 'TEAM_TARGET', 'TECH_TALK'];
export const RECORD_STATUSES: RecordStatus[] = ['CLAIMED', 'CONFIRMED', 'REJECTED', 'REVOKED', 'DISPUTED'];

export const kindLabel = (k: EvidenceKind): string => t(`growth.kind.${k}`);
export const recordStatusLabel = (s: RecordStatus): string => t(`growth.status.${s}`);
export const sourceLabel = (s: RecordSource): string => t(`growth.source.${s}`);
export const resourceKindLabel = (k: ResourceKind): string => t(`growth.resourceKind.${k}`);
export const reqStatusLabel = (s: RequirementStatus): string => t(`growth.req.${s}`);

export const named = (x: { nameEn: string; nameZh: string } | null | undefined): string => (x ? localized(x.nameEn, x.nameZh) : '');
export const titled = (x: { titleEn: string; titleZh: string } | null | undefined): string => (x ? localized(x.titleEn, x.titleZh) : '');

export function num(value: number): string {
  return new Intl.NumberFormat(locale(), { maximumFractionDigits: 1 }).format(value);
}

/** How far a requirement is: "2 of 3", "12.5 of 24 h", "7 of 12 months". */
export function amountText(current: number, target: number, aggregate: GrowthAggregate, measureField?: string | null): string {
  const params = { current: num(Math.min(current, Math.max(target, current))), target: num(target) };
  if (aggregate === 'MONTHS_AT_PREVIOUS_LEVEL') return t('growth.amount.months', params);
  if (aggregate === 'SUM' && (measureField ?? 'quantity') === 'quantity') return t('growth.amount.hours', params);
  return t('growth.amount.of', params);
}

/** What is still missing: "1 more", "6.5 more hours", "5 more months". */
export function remainingText(remaining: number, aggregate: GrowthAggregate, measureField?: string | null): string {
  const count = Math.max(0, Math.ceil(remaining * 10) / 10);
  if (aggregate === 'MONTHS_AT_PREVIOUS_LEVEL') return t('growth.remaining.months', { count, n: num(count) });
  if (aggregate === 'SUM' && (measureField ?? 'quantity') === 'quantity') return t('growth.remaining.hours', { count, n: num(count) });
  return t('growth.remaining.of', { count, n: num(count) });
}

export function percentText(pct: number): string {
  return new Intl.NumberFormat(locale(), { style: 'percent', maximumFractionDigits: 0 }).format(pct / 100);
}

/** The estimate's basis as a short phrase (the server sends a code; unknown codes are not shown). */
export function basisText(basis: string | null | undefined): string {
  return basis === 'tenure' || basis === 'recent_pace' || basis === 'session' ? t(`growth.basis.${basis}`) : '';
}

/** A UserError for a form: the server's own sentence in English (it names the field and the rule), the translated
 * code in Chinese (the server's messages are English only). */
export function serverErrorText(err: { code: string; message: string }): string {
  return locale() === 'en' && err.message ? err.message : codeText(err.code, err.message);
}
