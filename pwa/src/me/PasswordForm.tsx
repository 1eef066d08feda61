/** Change own password; the server signs out the other sessions and says how many. */
import type { JSX } from 'preact';
import { useState } from 'preact/hooks';
import { gql } from '../api/client';
import { errorText, userErrorText } from '../api/errors';
import { MIN_PASSWORD, NewPasswordField } from '../auth/NewPasswordField';
import { t } from '../i18n';
import { Field, Status } from '../ui/kit';
import { ChangePasswordDocument } from '../gql/graphql';

export function PasswordForm(props: { disabled: boolean }): JSX.Element {
  const [current, setCurrent] = useState('');
  const [next, setNext] = useState('');
  const [busy, setBusy] = useState(false);
  const [status, setStatus] = useState<{ text: string; tone: 'ok' | 'error' } | null>(null);
  const [touched, setTouched] = useState(false);
  const tooShort = next.length < MIN_PASSWORD;

  async function submit(e: Event): Promise<void> {
    e.preventDefault();
    setTouched(true);
    if (!current || tooShort) return;
    setBusy(true);
    setStatus(null);
    try {
      const res = await gql(ChangePasswordDocument, { input: { currentPassword: current, newPassword: next } });
      const r = res.changePassword;
      if (r.__typename === 'UserError') {
        setStatus({ text: userErrorText(r), tone: 'error' });
      } else {
        setCurrent('');
        setNext('');
        setTouched(false);
        setStatus({ text: t('me.passwordChanged', { count: r.otherSessionsRevoked }), tone: 'ok' });
      }
    } catch (err) {
      setStatus({ text: errorText(err), tone: 'error' });
    } finally {
      setBusy(false);
    }
  }

  return (
    <form class="form" onSubmit={submit} noValidate>
      <input type="text" name="username" autocomplete="username" hidden aria-hidden="true" tabIndex={-1} />
      <Field label={t('me.currentPassword')} value={current} onValue={setCurrent} type="password" autocomplete="current-password" required />
      <NewPasswordField label={t('me.newPassword')} value={next} onValue={setNext} showErrors={touched} />
      <Status text={status?.text ?? null} tone={status?.tone ?? 'ok'} />
      <button type="submit" class="btn btn-primary" disabled={busy || props.disabled} aria-busy={busy}>
        {t('me.password')}
      </button>
    </form>
  );
}
