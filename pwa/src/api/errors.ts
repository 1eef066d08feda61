/** Turns any failure (ApiError, UserError) into a sentence in the current language. */
import { hasKey, t } from '../i18n';
import { ApiError } from './client';

export type UserErrorShape = { code: string; message: string; field?: string | null };

export function codeText(code: string | null | undefined, fallback: string, retryAfter?: number | null): string {
  if (code === 'RATE_LIMITED') {
    return retryAfter ? t('error.RATE_LIMITED', { seconds: Math.ceil(retryAfter) }) : t('error.RATE_LIMITED_SOON');
  }
  const key = `error.${code ?? ''}`;
  if (code && hasKey(key)) return t(key);
  return fallback || t('error.unknown');
}

export function errorText(err: unknown): string {
  if (err instanceof ApiError) {
    if (err.kind === 'network') return t('error.network');
    return codeText(err.code, err.kind === 'server' ? t('error.INTERNAL') : err.message, err.retryAfter);
  }
  return t('error.unknown');
}

export function userErrorText(err: UserErrorShape): string {
  return codeText(err.code, err.message);
}
