/** Accept an invitation: choose a password (min length shown), which also signs the person in. */
import type { JSX } from 'preact';
import { useState } from 'preact/hooks';
import { auth } from '../api/client';
import { errorText } from '../api/errors';
import { setLocale, t } from '../i18n';
import { Field } from '../ui/kit';
import { LanguageSwitch } from '../ui/LanguageSwitch';
import { AuthLayout } from './AuthLayout';
import { MIN_PASSWORD, NewPasswordField } from './NewPasswordField';

export function Invite(props: { token: string; onSignedIn: () => Promise<void> }): JSX.Element {
  const [password, setPassword] = useState('');
  const [confirm, setConfirm] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [touched, setTouched] = useState(false);

  const tooShort = password.length < MIN_PASSWORD;
  const mismatch = confirm !== password;

  async function submit(e: Event): Promise<void> {
    e.preventDefault();
    setTouched(true);
    if (tooShort || mismatch) return;
    setBusy(true);
    setError(null);
    try {
      await auth.acceptInvite(props.token, password);
      await props.onSignedIn();
    } catch (err) {
      setError(errorText(err));
      setBusy(false);
    }
  }

  return (
    <AuthLayout title={t('invite.title')} intro={t('invite.intro')}>
      <form class="form" onSubmit={submit} noValidate>
        <NewPasswordField label={t('invite.password')} value={password} onValue={setPassword} name="new-password" showErrors={touched} />
        <Field
          label={t('invite.confirm')}
          value={confirm}
          onValue={setConfirm}
          name="confirm-password"
          type="password"
          autocomplete="new-password"
          required
          error={touched && !tooShort && mismatch ? t('invite.mismatch') : null}
        />
        <p class="form-error" role="alert">
          {error ?? ''}
        </p>
        <button type="submit" class="btn btn-primary btn-block" disabled={busy} aria-busy={busy}>
          {busy ? t('invite.busy') : t('invite.submit')}
        </button>
      </form>
      <LanguageSwitch onChange={setLocale} />
    </AuthLayout>
  );
}
