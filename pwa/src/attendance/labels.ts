/** Words, colours and symbols for attendance: a status is never told by colour alone (symbol + text too). */
import type { DayStatus, RequestKind, RequestStatus } from '../gql/graphql';
import { localized, locale, t, type MessageKey } from '../i18n';
import { formatTimeOnly } from '../lib/zoned';

export const STATUSES: DayStatus[] = [
  'PRESENT', 'LATE', 'EARLY_LEAVE', 'LATE_AND_EARLY', 'HALF_DAY', 'ABSENT', 'MISSING_PUNCH', 'REMOTE', 'ON_LEAVE', 'REST_DAY',
];

const SYMBOL: Record<DayStatus, string> = {
  PRESENT: '✓',
  LATE: '⏰',
  EARLY_LEAVE: '↤',
  LATE_AND_EARLY: '⇆',
  HALF_DAY: '◐',
  ABSENT: '✕',
  MISSING_PUNCH: '?',
  REMOTE: '⌂',
  ON_LEAVE: '☂',
  REST_DAY: '–',
};

export function statusSymbol(s: DayStatus): string {
  return SYMBOL[s];
}

export function statusText(s: DayStatus): string {
  return t(`att.status.${s}` as MessageKey);
}

/** CSS class carrying the status colour (attendance.css). */
export function statusClass(s: DayStatus): string {
  return `att-${s.toLowerCase().replace(/_/g, '-')}`;
}

export function kindText(k: RequestKind): string {
  return t(`att.kind.${k}` as MessageKey);
}

export function requestStatusText(s: RequestStatus): string {
  return t(`att.reqStatus.${s}` as MessageKey);
}

export function requestStatusClass(s: RequestStatus): string {
  if (s === 'APPROVED') return 'tag-fulfilled';
  if (s === 'PENDING') return 'tag-pending';
  if (s === 'DECLINED' || s === 'REVOKED') return 'tag-declined';
  return 'tag-cancelled';
}

export function shiftName(s: { nameEn: string; nameZh: string; startTime: string; endTime: string }): string {
  return `${localized(s.nameEn, s.nameZh)} ${s.startTime}–${s.endTime}`;
}

export function timeIn(iso: string | null | undefined, zone: string): string {
  return iso ? formatTimeOnly(iso, zone, locale()) : '—';
}

/** 125 → "2 h 5 min" / "2小时5分钟". */
export function minutesText(m: number): string {
  const h = Math.floor(m / 60);
  const rest = m % 60;
  if (h && rest) return t('att.hoursMinutes', { h, m: rest });
  if (h) return t('att.hours', { h });
  return t('att.minutes', { m: rest });
}

export function directionText(d: string): string {
  const key = `att.dir.${d.toUpperCase()}`;
  return ['IN', 'OUT', 'BREAK_OUT', 'BREAK_IN', 'OVERTIME_IN', 'OVERTIME_OUT'].includes(d.toUpperCase()) ? t(key as MessageKey) : t('att.dir.UNKNOWN');
}

export function flagText(f: string): string {
  const known = ['direction_inferred', 'corrected', 'duplicate_punches_ignored', 'incomplete_punches', 'reopened'];
  return known.includes(f) ? t(`att.flag.${f}` as MessageKey) : f;
}

export function percent(v: number | null | undefined): string {
  return v === null || v === undefined ? '—' : `${new Intl.NumberFormat(locale(), { maximumFractionDigits: 1 }).format(v)} %`;
}

/** "2026-12" ± n months. */
export function shiftMonth(month: string, n: number): string {
  const [y, m] = month.split('-').map(Number) as [number, number];
  const idx = y * 12 + (m - 1) + n;
  return `${Math.floor(idx / 12)}-${String((idx % 12) + 1).padStart(2, '0')}`;
}

export function monthTitle(month: string): string {
  const [y, m] = month.split('-').map(Number) as [number, number];
  return new Intl.DateTimeFormat(locale(), { year: 'numeric', month: 'long', timeZone: 'UTC' }).format(new Date(Date.UTC(y, m - 1, 1)));
}
