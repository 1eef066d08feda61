/** Typed errors of attendance requests in the reader's language, about the input field they name. */
import { userErrorText, type UserErrorShape } from '../api/errors';
import { t, type MessageKey } from '../i18n';

export const FIELDS = ['kind', 'startsOn', 'endsOn', 'shiftId', 'punchAt', 'punchDirection', 'reason', 'useEntitlement'] as const;
export type FieldName = (typeof FIELDS)[number];

/** A typed error in words about the field it names (both languages), else the code's general text. */
export function requestErrorText(e: UserErrorShape): string {
  if (e.code === 'NOT_ELIGIBLE') return t('att.err.noRemoteDays');
  if (e.code === 'LIMIT_EXCEEDED') return t('att.err.tooMany');
  if (e.code === 'CONFLICT') return t('att.err.conflict');
  if (e.field && (FIELDS as readonly string[]).includes(e.field) && (e.code === 'VALIDATION' || e.code === 'NOT_FOUND')) {
    return t(`att.err.${e.field}` as MessageKey);
  }
  return userErrorText(e);
}
