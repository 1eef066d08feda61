/** Civil-date arithmetic in the organisation's time zone. Dates from the API are "YYYY-MM-DD". */
import { locale } from '../i18n';

export type Civil = { y: number; m: number; d: number };

export function parseCivil(iso: string): Civil {
  const [y, m, d] = iso.slice(0, 10).split('-').map(Number);
  return { y: y ?? 1970, m: m ?? 1, d: d ?? 1 };
}

export function toIso(c: Civil): string {
  return `${String(c.y).padStart(4, '0')}-${String(c.m).padStart(2, '0')}-${String(c.d).padStart(2, '0')}`;
}

/** Today's calendar date in `timeZone` (falls back to the device zone if the name is unknown). */
export function todayIn(timeZone: string, now: Date = new Date()): Civil {
  let fmt: Intl.DateTimeFormat;
  try {
    fmt = new Intl.DateTimeFormat('en-CA', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit' });
  } catch {
    fmt = new Intl.DateTimeFormat('en-CA', { year: 'numeric', month: '2-digit', day: '2-digit' });
  }
  const parts = Object.fromEntries(fmt.formatToParts(now).map((p) => [p.type, p.value]));
  return { y: Number(parts.year), m: Number(parts.month), d: Number(parts.day) };
}

/** Hour of day (0–23) in `timeZone`, for the greeting. */
export function hourIn(timeZone: string, now: Date = new Date()): number {
  try {
    return Number(new Intl.DateTimeFormat('en-GB', { timeZone, hour: '2-digit', hourCycle: 'h23' }).format(now));
  } catch {
    return now.getHours();
  }
}

function utc(c: Civil): number {
  return Date.UTC(c.y, c.m - 1, c.d);
}

export function daysBetween(from: Civil, to: Civil): number {
  return Math.round((utc(to) - utc(from)) / 86_400_000);
}

function isLeap(y: number): boolean {
  return (y % 4 === 0 && y % 100 !== 0) || y % 400 === 0;
}

/** Same month/day in another year; 29 February becomes 28 February in common years. */
export function inYear(c: Civil, y: number): Civil {
  return c.m === 2 && c.d === 29 && !isLeap(y) ? { y, m: 2, d: 28 } : { y, m: c.m, d: c.d };
}

export function compare(a: Civil, b: Civil): number {
  return utc(a) - utc(b);
}

/** Next occurrence of a yearly date on or after today. */
export function nextYearly(date: Civil, today: Civil): Civil {
  const thisYear = inYear(date, today.y);
  return compare(thisYear, today) >= 0 ? thisYear : inYear(date, today.y + 1);
}

export type Tenure = { years: number; months: number; days: number };

export function tenure(hire: Civil, today: Civil): Tenure {
  if (compare(today, hire) <= 0) return { years: 0, months: 0, days: 0 };
  let months = (today.y - hire.y) * 12 + (today.m - hire.m);
  if (today.d < hire.d) months -= 1;
  const years = Math.floor(months / 12);
  const anchorMonthIndex = hire.m - 1 + months;
  const anchorY = hire.y + Math.floor(anchorMonthIndex / 12);
  const anchorM = (anchorMonthIndex % 12) + 1;
  const lastDay = new Date(Date.UTC(anchorY, anchorM, 0)).getUTCDate();
  const anchor = { y: anchorY, m: anchorM, d: Math.min(hire.d, lastDay) };
  return { years, months: months % 12, days: daysBetween(anchor, today) };
}

/** A calendar date written out in the UI language, e.g. "2024年3月5日" / "5 March 2024". */
export function formatCivil(c: Civil, style: 'long' | 'medium' | 'full' = 'long'): string {
  return new Intl.DateTimeFormat(locale(), { dateStyle: style, timeZone: 'UTC' }).format(new Date(utc(c)));
}

/** Month and day only (for birthdays, whose year is private to the celebration). */
export function formatMonthDay(c: Civil): string {
  return new Intl.DateTimeFormat(locale(), { month: 'long', day: 'numeric', timeZone: 'UTC' }).format(new Date(utc(c)));
}

export function formatInstant(iso: string, timeZone: string): string {
  const date = new Date(iso);
  try {
    return new Intl.DateTimeFormat(locale(), { dateStyle: 'medium', timeStyle: 'short', timeZone }).format(date);
  } catch {
    return new Intl.DateTimeFormat(locale(), { dateStyle: 'medium', timeStyle: 'short' }).format(date);
  }
}

/** The calendar date of an instant in `timeZone`, e.g. "2026年11月13日" / "13 Nov 2026". */
export function formatInstantDate(iso: string, timeZone: string, style: 'medium' | 'long' = 'medium'): string {
  const date = new Date(iso);
  try {
    return new Intl.DateTimeFormat(locale(), { dateStyle: style, timeZone }).format(date);
  } catch {
    return new Intl.DateTimeFormat(locale(), { dateStyle: style }).format(date);
  }
}
