/** Reward wording shared by the pool, redemptions, approvals and the HR catalogue: kinds, statuses, what an item gives, its gates. */
import type { LimitPeriod, RedemptionStatus, RewardKind } from '../gql/graphql';
import { locale, localized, t } from '../i18n';
import { formatInstant } from '../lib/dates';
import { formatMoneyShort } from '../lib/money';
import { formatTimeOnly } from '../lib/zoned';

export const KINDS: RewardKind[] = ['REMOTE_DAYS', 'EXTRA_LEAVE', 'TRAINING', 'VOUCHER', 'CEO_MEETING', 'CASH_BONUS'];
export const STATUSES: RedemptionStatus[] = ['PENDING', 'FULFILLED', 'DECLINED', 'CANCELLED'];
export const TIERS = ['top10', 'top20', 'improved'] as const;

export function kindLabel(kind: RewardKind): string {
  return t(`rewardKind.${kind}`);
}

export function statusLabel(status: RedemptionStatus): string {
  return t(`redemption.status.${status}`);
}

export function periodLabel(period: LimitPeriod): string {
  return t(`rewards.period.${period}`);
}

export function itemName(item: { nameEn: string; nameZh: string } | null | undefined): string {
  return item ? localized(item.nameEn, item.nameZh) : t('redemption.itemGone');
}

export function pointsText(points: number): string {
  return t('rewards.points', { count: points });
}

/** One line saying what an item gives: "¥1,000.00 cash bonus", "1 remote-work day"… */
export function givesText(item: { kind: RewardKind; days: number; amountMinor: number }, currency: string): string {
  switch (item.kind) {
    case 'CASH_BONUS':
      return t('rewards.gives.cash', { amount: formatMoneyShort(item.amountMinor, currency) });
    case 'REMOTE_DAYS':
      return t('rewards.gives.remote', { count: item.days });
    case 'EXTRA_LEAVE':
      return t('rewards.gives.leave', { count: item.days });
    case 'TRAINING':
      return t('rewards.gives.training');
    case 'CEO_MEETING':
      return t('rewards.gives.meeting');
    case 'VOUCHER':
      return t('rewards.gives.voucher');
  }
}

export type Gates = { min_tenure_months?: number; min_tier?: string; min_score?: number; min_attendance_rate?: number };

/** HR's eligibility JSON, read defensively (unknown keys and wrong types are ignored). */
export function readGates(raw: unknown): Gates {
  if (!raw || typeof raw !== 'object') return {};
  const r = raw as Record<string, unknown>;
  const num = (v: unknown) => (typeof v === 'number' && Number.isFinite(v) ? v : undefined);
  const tier = typeof r.min_tier === 'string' && (TIERS as readonly string[]).includes(r.min_tier) ? r.min_tier : undefined;
  const out: Gates = {};
  const tenure = num(r.min_tenure_months);
  const score = num(r.min_score);
  const attendance = num(r.min_attendance_rate);
  if (tenure !== undefined) out.min_tenure_months = tenure;
  if (tier) out.min_tier = tier;
  if (score !== undefined) out.min_score = score;
  if (attendance !== undefined) out.min_attendance_rate = attendance;
  return out;
}

export function tierLabel(tier: string): string {
  return tier === 'top10' ? t('rewards.tier.top10') : tier === 'top20' ? t('rewards.tier.top20') : t('rewards.tier.improved');
}

/** Each gate as a sentence: "At least 6 months with the company". */
export function gateLines(raw: unknown): string[] {
  const g = readGates(raw);
  const lines: string[] = [];
  if (g.min_tenure_months !== undefined) lines.push(t('rewards.gate.tenure', { count: g.min_tenure_months }));
  if (g.min_tier) lines.push(t('rewards.gate.tier', { tier: tierLabel(g.min_tier) }));
  if (g.min_score !== undefined) lines.push(t('rewards.gate.score', { score: g.min_score }));
  if (g.min_attendance_rate !== undefined) lines.push(t('rewards.gate.attendance', { rate: g.min_attendance_rate }));
  return lines;
}

/** "Wed, 16 Dec 2026, 12:00 – 13:00" in the organisation's zone (end omitted when unknown). */
export function timeRange(startsAt: string, endsAt: string | null | undefined, zone: string): string {
  const opts: Intl.DateTimeFormatOptions = { weekday: 'short', year: 'numeric', month: 'short', day: 'numeric', hour: 'numeric', minute: '2-digit' };
  let start: string;
  try {
    start = new Intl.DateTimeFormat(locale(), { ...opts, timeZone: zone }).format(new Date(startsAt));
  } catch {
    start = formatInstant(startsAt, zone);
  }
  return endsAt ? `${start} – ${formatTimeOnly(endsAt, zone, locale())}` : start;
}
