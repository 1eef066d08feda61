/** Invite a person: creates the employee and an invitation link that HR passes on (copy button). */
import type { JSX } from 'preact';
import { useId, useState } from 'preact/hooks';
import { gql } from '../api/client';
import { errorText, userErrorText } from '../api/errors';
import type { Locale, Role } from '../gql/graphql';
import { t } from '../i18n';
import { toIso, todayIn } from '../lib/dates';
import { useQuery } from '../lib/useQuery';
import { Card, Field, Select, Status } from '../ui/kit';
import type { Person } from './People';
import { InviteEmployeeDocument, InviteOptionsDocument } from '../gql/graphql';

const roles: Role[] = ['EMPLOYEE', 'MANAGER', 'HR_ADMIN', 'OWNER'];
const FIELDS = ['name', 'employeeNumber', 'email', 'phone', 'jobTitle', 'level', 'hireDate', 'birthday'];

export function InviteForm(props: { zone: string; onClose: () => void; onInvited: (p: Person) => void }): JSX.Element {
  const options = useQuery(InviteOptionsDocument, {});
  const [f, setF] = useState({
    employeeNumber: '',
    name: '',
    email: '',
    phone: '',
    jobTitle: '',
    level: '',
    departmentId: '',
    siteId: '',
    hireDate: toIso(todayIn(props.zone)),
    birthday: '',
    role: 'EMPLOYEE' as Role,
    locale: 'ZH_CN' as Locale,
  });
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<{ field: string | null; text: string } | null>(null);
  const [result, setResult] = useState<{ name: string; url: string } | null>(null);
  const [copied, setCopied] = useState<string | null>(null);
  const linkId = useId();

  const set = (k: keyof typeof f) => (v: string) => setF((old) => ({ ...old, [k]: v }));
  const errFor = (k: string) => (error?.field === k ? error.text : null);

  async function submit(e: Event): Promise<void> {
    e.preventDefault();
    if (!f.email.trim() && !f.phone.trim()) {
      setError({ field: 'email', text: t('people.contactHint') });
      return;
    }
    setBusy(true);
    setError(null);
    try {
      const res = await gql(InviteEmployeeDocument, {
        input: {
          employeeNumber: f.employeeNumber.trim(),
          name: f.name.trim(),
          email: f.email.trim() || null,
          phone: f.phone.trim() || null,
          jobTitle: f.jobTitle.trim(),
          level: f.level.trim(),
          departmentId: f.departmentId || null,
          siteId: f.siteId || null,
          hireDate: f.hireDate,
          birthday: f.birthday || null,
          role: f.role,
          locale: f.locale,
        },
      });
      const r = res.inviteEmployee;
      if (r.__typename === 'UserError') {
        setError({ field: r.field ?? null, text: userErrorText(r) });
      } else {
        props.onInvited(r.employee);
        setResult({ name: r.employee.name, url: new URL(r.inviteUrl, location.origin).href });
      }
    } catch (err) {
      setError({ field: null, text: errorText(err) });
    } finally {
      setBusy(false);
    }
  }

  async function copy(url: string): Promise<void> {
    try {
      await navigator.clipboard.writeText(url);
    } catch {
      (document.getElementById(linkId) as HTMLInputElement | null)?.select();
      document.execCommand('copy');
    }
    setCopied(t('app.copied'));
  }

  if (result) {
    return (
      <Card title={t('people.inviteTitle')}>
        <p role="status">{t('people.invited', { name: result.name })}</p>
        <div class="field">
          <label for={linkId}>{t('people.inviteLink')}</label>
          <input id={linkId} class="invite-url" type="url" readOnly value={result.url} onFocus={(e) => e.currentTarget.select()} />
        </div>
        <div class="actions">
          <button type="button" class="btn btn-primary" onClick={() => void copy(result.url)}>
            {t('app.copy')}
          </button>
          <button type="button" class="btn btn-secondary" onClick={props.onClose}>
            {t('app.back')}
          </button>
        </div>
        <Status text={copied} />
      </Card>
    );
  }

  const depts = options.data?.departments.edges.map((e) => e.node) ?? [];
  const sites = options.data?.sites.edges.map((e) => e.node) ?? [];
  return (
    <Card title={t('people.inviteTitle')}>
      <form class="form" onSubmit={submit}>
        <Field label={t('people.name')} value={f.name} onValue={set('name')} name="name" required autocomplete="off" error={errFor('name')} />
        <Field label={t('people.employeeNumber')} value={f.employeeNumber} onValue={set('employeeNumber')} name="employeeNumber" required autocomplete="off" error={errFor('employeeNumber')} />
        <Field label={t('people.email')} value={f.email} onValue={set('email')} name="email" type="email" autocomplete="off" hint={t('people.contactHint')} error={errFor('email')} />
        <Field label={t('people.phone')} value={f.phone} onValue={set('phone')} name="phone" type="tel" inputMode="tel" autocomplete="off" error={errFor('phone')} />
        <Field label={t('people.jobTitle')} value={f.jobTitle} onValue={set('jobTitle')} name="jobTitle" required error={errFor('jobTitle')} />
        <Field label={t('people.level')} value={f.level} onValue={set('level')} name="level" required error={errFor('level')} />
        <Select
          label={t('people.department')}
          value={f.departmentId}
          onValue={set('departmentId')}
          options={[{ value: '', label: t('people.noneSelected') }, ...depts.map((d) => ({ value: d.id, label: d.name }))]}
        />
        <Select
          label={t('people.site')}
          value={f.siteId}
          onValue={set('siteId')}
          options={[{ value: '', label: t('people.noneSelected') }, ...sites.map((s) => ({ value: s.id, label: s.name }))]}
        />
        <Field label={t('people.hireDate')} value={f.hireDate} onValue={set('hireDate')} name="hireDate" type="date" required error={errFor('hireDate')} />
        <Field label={t('people.birthday')} value={f.birthday} onValue={set('birthday')} name="birthday" type="date" error={errFor('birthday')} />
        <Select label={t('people.role')} value={f.role} onValue={set('role')} options={roles.map((r) => ({ value: r, label: t(`role.${r}`) }))} />
        <Select
          label={t('people.locale')}
          value={f.locale}
          onValue={set('locale')}
          options={[
            { value: 'ZH_CN', label: t('lang.zh-CN') },
            { value: 'EN', label: t('lang.en') },
          ]}
        />
        {options.error ? <p class="form-error">{errorText(options.error)}</p> : null}
        <p class="form-error" role="alert">
          {error && !FIELDS.includes(error.field ?? '') ? error.text : ''}
        </p>
        <div class="actions">
          <button type="submit" class="btn btn-primary" disabled={busy} aria-busy={busy}>
            {busy ? t('people.inviting') : t('people.sendInvite')}
          </button>
          <button type="button" class="btn btn-secondary" onClick={props.onClose}>
            {t('app.cancel')}
          </button>
        </div>
      </form>
    </Card>
  );
}
