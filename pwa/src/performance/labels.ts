/** Performance wording shared by the four screens: enum labels, score and percent formats, cycle names. */
import type {
  AnomalyKind,
  AppealStatus,
  BonusPoolStatus,
  CycleKind,
  CycleStatus,
  DimensionSource,
  FlagStatus,
  MetricSourceKind,
  RaterRelation,
  TierCode,
  ValueSource,
} from '../gql/graphql';
import { hasKey, locale, localized, t } from '../i18n';

export const DIMENSION_SOURCES: DimensionSource[] = ['METRIC', 'RATING', 'REVIEW_360', 'ATTENDANCE', 'OKR'];
export const CYCLE_KINDS: CycleKind[] = ['MONTHLY', 'QUARTERLY', 'CUSTOM'];
export const SOURCE_KINDS: MetricSourceKind[] = ['CRM', 'GIT', 'JIRA', 'ERP', 'OTHER'];
/** The 1–5 rubric scale every RATING and 360 dimension uses. */
export const SCALE = [1, 2, 3, 4, 5] as const;

export const tierLabel = (tier: TierCode): string => t(`perf.tier.${tier}`);
export const sourceLabel = (source: DimensionSource): string => t(`perf.source.${source}`);
export const valueSourceLabel = (source: ValueSource): string => t(`perf.valueSource.${source}`);
export const relationLabel = (relation: RaterRelation): string => t(`perf.relation.${relation}`);
export const appealStatusLabel = (status: AppealStatus): string => t(`perf.appeal.status.${status}`);
export const poolStatusLabel = (status: BonusPoolStatus): string => t(`perf.pool.status.${status}`);
export const flagStatusLabel = (status: FlagStatus): string => t(`perf.flag.status.${status}`);
export const anomalyLabel = (kind: AnomalyKind): string => t(`perf.anomaly.${kind}`);
export const cycleKindLabel = (kind: CycleKind): string => t(`perf.cycle.kind.${kind}`);
export const cycleStatusLabel = (status: CycleStatus): string => t(`perf.cycle.status.${status}`);
export const sourceKindLabel = (kind: MetricSourceKind): string => t(`perf.sourceKind.${kind}`);

/** Attention codes come from the server as strings; unknown future codes show as they are. */
export function attentionLabel(code: string): string {
  const key = `perf.attention.${code}`;
  return hasKey(key) ? t(key) : code;
}

export function cycleName(cycle: { nameEn: string; nameZh: string } | null | undefined): string {
  return cycle ? localized(cycle.nameEn, cycle.nameZh) : '';
}

export function dimensionName(d: { nameEn: string; nameZh: string }): string {
  return localized(d.nameEn, d.nameZh);
}

/** Scores are floats rounded to 2 decimals by the server; show at most 2, no trailing zeros. */
export function scoreText(value: number | null | undefined): string {
  if (value === null || value === undefined) return '—';
  return new Intl.NumberFormat(locale(), { maximumFractionDigits: 2 }).format(value);
}

/** A raw metric value with its unit, e.g. "412,000 ¥" or "96.5 %"; "—" when there is no data. */
export function valueText(value: number | null | undefined, unit: string): string {
  if (value === null || value === undefined) return '—';
  const n = new Intl.NumberFormat(locale(), { maximumFractionDigits: 2 }).format(value);
  return unit ? `${n} ${unit}` : n;
}

/** A 0..1 ratio as a whole percent ("80 %" / "80%"). */
export function percentText(ratio: number): string {
  return new Intl.NumberFormat(locale(), { style: 'percent', maximumFractionDigits: 0 }).format(ratio);
}

/** A signed change in points: "+3.5", "−2", "±0". */
export function changeText(change: number): string {
  if (change === 0) return '±0';
  const n = new Intl.NumberFormat(locale(), { maximumFractionDigits: 2, signDisplay: 'always' }).format(change);
  return n.replace('-', '−');
}

/** "3rd of 12" / "第 3 名（共 12 人）" with the percentile when the server gives one. */
export function rankText(rank: number | null | undefined, size: number | null | undefined, percentile: number | null | undefined): string | null {
  if (!rank) return null;
  const place = size ? t('perf.rankOf', { rank, size }) : t('perf.rank', { rank });
  return percentile === null || percentile === undefined ? place : `${place} · ${t('perf.percentile', { pct: Math.round(percentile) })}`;
}
