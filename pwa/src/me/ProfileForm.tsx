/** Edit own phone, email and birthday (updateMyProfile). Collapsed behind a button to keep Me short. */
import type { JSX } from 'preact';
import { useState } from 'preact/hooks';
import { gql } from '../api/client';
import { errorText, userErrorText } from '../api/errors';
import type { ViewerEmployee } from '../api/me';
import { t } from '../i18n';
import { Field, Status } from '../ui/kit';
import { UpdateMyProfileDocument } from '../gql/graphql';

export function ProfileForm(props: { employee: ViewerEmployee; disabled: boolean; onSaved: () => Promise<void> }): JSX.Element {
  const { employee } = props;
  const [open, setOpen] = useState(false);
  const [phone, setPhone] = useState(employee.phone ?? '');
  const [email, setEmail] = useState(employee.email ?? '');
  const [birthday, setBirthday] = useState(employee.birthday ?? '');
  const [busy, setBusy] = useState(false);
  const [fieldError, setFieldError] = useState<{ field: string | null; text: string } | null>(null);
  const [status, setStatus] = useState<string | null>(null);

  if (!open) {
    return (
      <>
        <button type="button" class="btn btn-secondary" onClick={() => setOpen(true)} disabled={props.disabled} aria-expanded="false">
          {t('me.edit')}
        </button>
        <Status text={status} />
      </>
    );
  }

  async function save(e: Event): Promise<void> {
    e.preventDefault();
    setBusy(true);
    setFieldError(null);
    try {
      const res = await gql(UpdateMyProfileDocument, {
        input: { phone: phone.trim() || null, email: email.trim() || null, birthday: birthday || null },
      });
      const r = res.updateMyProfile;
      if (r.__typename === 'UserError') {
        setFieldError({ field: r.field ?? null, text: userErrorText(r) });
      } else {
        await props.onSaved();
        setStatus(t('app.saved'));
        setOpen(false);
      }
    } catch (err) {
      setFieldError({ field: null, text: errorText(err) });
    } finally {
      setBusy(false);
    }
  }

  const errFor = (f: string) => (fieldError && fieldError.field === f ? fieldError.text : null);
  return (
    <form class="form" onSubmit={save}>
      <Field label={t('profile.phone')} value={phone} onValue={setPhone} type="tel" autocomplete="tel" inputMode="tel" error={errFor('phone')} />
      <Field label={t('profile.email')} value={email} onValue={setEmail} type="email" autocomplete="email" error={errFor('email')} />
      <Field label={t('profile.birthday')} value={birthday} onValue={setBirthday} type="date" autocomplete="bday" error={errFor('birthday')} />
      <p class="form-error" role="alert">
        {fieldError && !['phone', 'email', 'birthday'].includes(fieldError.field ?? '') ? fieldError.text : ''}
      </p>
      <div class="actions">
        <button type="submit" class="btn btn-primary" disabled={busy} aria-busy={busy}>
          {t('app.save')}
        </button>
        <button type="button" class="btn btn-secondary" onClick={() => setOpen(false)}>
          {t('app.cancel')}
        </button>
      </div>
    </form>
  );
}
