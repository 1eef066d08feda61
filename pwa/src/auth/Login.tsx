/** Sign-in with email or phone and password (REST /auth/login sets the session cookie). */
import type { JSX } from 'preact';
import { useEffect, useState } from 'preact/hooks';
import { ApiError, auth } from '../api/client';
import { errorText } from '../api/errors';
import { setLocale, t } from '../i18n';
import { Field } from '../ui/kit';
import { LanguageSwitch } from '../ui/LanguageSwitch';
import { AuthLayout } from './AuthLayout';

export function Login(props: { onSignedIn: () => Promise<void> }): JSX.Element {
  const [login, setLogin] = useState('');
  const [password, setPassword] = useState('');
  const [show, setShow] = useState(false);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  // While rate limited, the button stays disabled and the message counts down to zero.
  const [retryAt, setRetryAt] = useState<number | null>(null);
  const [, setTick] = useState(0);
  const secondsLeft = retryAt ? Math.max(0, Math.ceil((retryAt - Date.now()) / 1000)) : 0;

  useEffect(() => {
    if (!retryAt) return;
    const id = setInterval(() => {
      if (Date.now() >= retryAt) {
        setRetryAt(null);
        setError(null);
      } else {
        setTick((n) => n + 1);
      }
    }, 1000);
    return () => clearInterval(id);
  }, [retryAt]);

  async function submit(e: Event): Promise<void> {
    e.preventDefault();
    if (!login.trim() || !password) {
      setError(t('login.missing'));
      return;
    }
    setBusy(true);
    setError(null);
    try {
      await auth.login(login.trim(), password);
      await props.onSignedIn();
    } catch (err) {
      if (err instanceof ApiError && err.code === 'RATE_LIMITED' && err.retryAfter) {
        setRetryAt(Date.now() + err.retryAfter * 1000);
      }
      setError(errorText(err));
      setBusy(false);
    }
  }

  return (
    <AuthLayout title={t('login.title')} intro={t('login.tagline')}>
      <form class="form" onSubmit={submit} noValidate>
        <Field
          label={t('login.login')}
          value={login}
          onValue={setLogin}
          name="login"
          type="text"
          inputMode="email"
          autocomplete="username"
          autoCapitalize="none"
          spellcheck={false}
          required
        />
        <Field
          label={t('login.password')}
          value={password}
          onValue={setPassword}
          name="password"
          type={show ? 'text' : 'password'}
          autocomplete="current-password"
          required
        />
        <label class="check">
          <input type="checkbox" checked={show} onChange={(e) => setShow(e.currentTarget.checked)} />
          {t('login.showPassword')}
        </label>
        <p id="login-error" class="form-error" role="alert">
          {error ?? ''}
        </p>
        <button type="submit" class="btn btn-primary btn-block" disabled={busy || secondsLeft > 0} aria-busy={busy}>
          {busy ? t('login.busy') : t('login.submit')}
          {secondsLeft > 0 ? <span aria-hidden="true"> ({secondsLeft})</span> : null}
        </button>
      </form>
      <LanguageSwitch onChange={setLocale} />
    </AuthLayout>
  );
}
