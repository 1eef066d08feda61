/** Signing a shared tablet in as a kiosk with the code HR issued (REST /auth/kiosk sets the session cookie). */
import type { JSX } from 'preact';
import { useState } from 'preact/hooks';
import { auth } from '../api/client';
import { errorText } from '../api/errors';
import { AuthLayout } from '../auth/AuthLayout';
import { setLocale, t } from '../i18n';
import { Field } from '../ui/kit';
import { LanguageSwitch } from '../ui/LanguageSwitch';

export function KioskLogin(props: { onSignedIn: () => Promise<void> }): JSX.Element {
  const [code, setCode] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);

  async function submit(e: Event): Promise<void> {
    e.preventDefault();
    if (!code.trim()) {
      setError(t('kiosk.login.missing'));
      return;
    }
    setBusy(true);
    setError(null);
    try {
      await auth.kiosk(code.trim());
      await props.onSignedIn();
    } catch (err) {
      setError(errorText(err));
      setBusy(false);
    }
  }

  return (
    <AuthLayout title={t('kiosk.login.title')} intro={t('kiosk.login.intro')}>
      <form class="form kiosk-login" onSubmit={submit} noValidate>
        <Field label={t('kiosk.login.code')} value={code} onValue={setCode} name="kioskCode" inputMode="numeric" autocomplete="off" required />
        <p class="form-error" role="alert">
          {error ?? ''}
        </p>
        <button type="submit" class="btn btn-primary btn-block" disabled={busy} aria-busy={busy}>
          {busy ? t('login.busy') : t('kiosk.login.submit')}
        </button>
      </form>
      <LanguageSwitch onChange={setLocale} />
    </AuthLayout>
  );
}
