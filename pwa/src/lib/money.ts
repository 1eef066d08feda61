/** Money from the API is an integer in the currency's minor unit (fen); shown in the UI language. */
import { locale } from '../i18n';

export function formatMoney(minor: number, currency: string): string {
  try {
    return new Intl.NumberFormat(locale(), { style: 'currency', currency }).format(minor / 100);
  } catch {
    return `${(minor / 100).toFixed(2)} ${currency}`;
  }
}

/** "12.5" or "12,50"-free input in yuan → fen; null when it is not a non-negative amount with ≤ 2 decimals. */
export function parseMajor(text: string): number | null {
  const clean = text.trim().replace(/[,\s]/g, '');
  if (clean === '') return 0;
  if (!/^\d+(\.\d{1,2})?$/.test(clean)) return null;
  const [whole = '0', frac = ''] = clean.split('.');
  return Number(whole) * 100 + Number(frac.padEnd(2, '0'));
}

export function formatMajorInput(minor: number): string {
  if (!minor) return '';
  return minor % 100 === 0 ? String(minor / 100) : (minor / 100).toFixed(2);
}

/** Like formatMoney, but "¥1,000" rather than "CN¥1,000.00": narrow symbol, no cents when there are none. */
export function formatMoneyShort(minor: number, currency: string): string {
  try {
    return new Intl.NumberFormat(locale(), {
      style: 'currency',
      currency,
      currencyDisplay: 'narrowSymbol',
      minimumFractionDigits: minor % 100 === 0 ? 0 : 2,
    }).format(minor / 100);
  } catch {
    return formatMoney(minor, currency);
  }
}
