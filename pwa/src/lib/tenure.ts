/** Tenure and celebration wording shared by Home, Growth and Rewards. */
import { t } from '../i18n';
import { type Civil, type Tenure, daysBetween, inYear } from './dates';

export function tenureText(tn: Tenure): string {
  const parts: string[] = [];
  if (tn.years > 0) parts.push(t('tenure.years', { count: tn.years }));
  if (tn.months > 0) parts.push(t('tenure.months', { count: tn.months }));
  if (parts.length === 0) {
    return tn.days > 0 ? t('tenure.days', { count: tn.days }) : t('tenure.firstDay');
  }
  return parts.length === 2 ? t('tenure.join', { a: parts[0] ?? '', b: parts[1] ?? '' }) : (parts[0] ?? '');
}

export function countdownText(days: number): string {
  return days === 0 ? t('growth.today') : t('growth.daysLeft', { count: days });
}

export type Milestone = { date: Civil; years: number; past: boolean; daysLeft: number };

/** Every work anniversary up to today, and the next one. */
export function anniversaries(hire: Civil, today: Civil): Milestone[] {
  const list: Milestone[] = [];
  for (let n = 1; n < 80; n++) {
    const date = inYear(hire, hire.y + n);
    const left = daysBetween(today, date);
    list.push({ date, years: n, past: left < 0, daysLeft: left });
    if (left >= 0) break;
  }
  return list;
}
