/** The one new-password input (invite acceptance, password change): the server's minimum length,
 * its hint and its too-short error, shown after the first submit. */
import type { JSX } from 'preact';
import { t } from '../i18n';
import { Field } from '../ui/kit';

/** Mirrors backend/access/passwords.py MIN_LENGTH. */
export const MIN_PASSWORD = 10;

export function NewPasswordField(props: {
  label: string;
  value: string;
  onValue: (value: string) => void;
  showErrors: boolean;
  name?: string;
}): JSX.Element {
  return (
    <Field
      label={props.label}
      value={props.value}
      onValue={props.onValue}
      name={props.name}
      type="password"
      autocomplete="new-password"
      minLength={MIN_PASSWORD}
      required
      hint={t('invite.hint', { min: MIN_PASSWORD })}
      error={props.showErrors && props.value.length < MIN_PASSWORD ? t('invite.tooShort', { min: MIN_PASSWORD }) : null}
    />
  );
}
