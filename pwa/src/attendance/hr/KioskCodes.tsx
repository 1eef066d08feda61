/** HR: kiosk codes for shared check-in tablets — one per tablet, scoped to a site. Issuing shows the
 * 8-digit code once (only its digest is kept); revoking signs the tablets using it out. */
import type { JSX } from 'preact';
import { useState } from 'preact/hooks';
import { gql } from '../../api/client';
import { errorText } from '../../api/errors';
import { AdminKioskCodesDocument, IssueKioskCredentialDocument, RevokeKioskCredentialDocument, type AdminKioskFieldsFragment } from '../../gql/graphql';
import { t } from '../../i18n';
import { formatInstant } from '../../lib/dates';
import { useQuery } from '../../lib/useQuery';
import { orgZone, type Session } from '../../shell/session';
import { ErrorNote, Field, Loading, Select, Status } from '../../ui/kit';
import { adminErrorText, CopyButton, OnceDialog, sitesOf, splitError } from './adminKit';

export function KioskCodes({ session }: { session: Session }): JSX.Element {
  const { data, error, loading, reload } = useQuery(AdminKioskCodesDocument, {});
  const sites = sitesOf(data);
  const [siteId, setSiteId] = useState('');
  const [label, setLabel] = useState('');
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [status, setStatus] = useState<{ text: string; tone: 'ok' | 'error' } | null>(null);
  const [issued, setIssued] = useState<{ code: string; credential: AdminKioskFieldsFragment } | null>(null);
  const [busy, setBusy] = useState(false);
  const zone = orgZone(session);
  const site = siteId || sites[0]?.id || '';

  async function issue(e: Event): Promise<void> {
    e.preventDefault();
    setBusy(true);
    setErrors({});
    setStatus(null);
    try {
      const r = (await gql(IssueKioskCredentialDocument, { input: { siteId: site, label: label.trim() } })).issueKioskCredential;
      if (r.__typename === 'UserError') {
        const split = splitError(r, ['siteId', 'label']);
        setErrors(split.fields);
        if (split.form) setStatus({ text: split.form, tone: 'error' });
        return;
      }
      setIssued({ code: r.kioskCode, credential: r.credential });
      setLabel('');
      reload();
    } catch (err) {
      setStatus({ text: errorText(err), tone: 'error' });
    } finally {
      setBusy(false);
    }
  }

  async function revoke(k: AdminKioskFieldsFragment): Promise<void> {
    if (!window.confirm(t('adm.kiosk.confirmRevoke', { label: k.label }))) return;
    setStatus(null);
    try {
      const r = (await gql(RevokeKioskCredentialDocument, { id: k.id })).revokeKioskCredential;
      if (r.__typename === 'UserError') return setStatus({ text: adminErrorText(r), tone: 'error' });
      setStatus({ text: t('adm.kiosk.revoked', { label: k.label }), tone: 'ok' });
      reload();
    } catch (err) {
      setStatus({ text: errorText(err), tone: 'error' });
    }
  }

  const when = (iso: string | null | undefined) => (iso ? formatInstant(iso, zone) : t('att.hr.never'));
  if (error) return <ErrorNote error={error} onRetry={reload} />;
  if (loading && !data) return <Loading lines={3} />;
  return (
    <>
      <p class="muted">{t('adm.kiosk.intro')}</p>
      <form class="form adm-inline-form issue-kiosk" noValidate onSubmit={issue}>
        <Select name="kioskSite" label={t('att.site')} value={site} onValue={setSiteId} options={sites.map((s) => ({ value: s.id, label: s.name }))} error={errors.siteId || null} />
        <Field name="kioskLabel" label={t('adm.kiosk.label')} value={label} onValue={setLabel} hint={t('adm.kiosk.labelHint')} error={errors.label || null} autocomplete="off" />
        <button type="submit" class="btn btn-primary issue-kiosk-code" disabled={busy || !site || !label.trim()} aria-busy={busy}>{t('adm.kiosk.issue')}</button>
      </form>
      <Status text={status?.text ?? null} tone={status?.tone ?? 'ok'} />
      {!data?.kioskCredentials.length ? <p class="muted">{t('adm.kiosk.none')}</p> : (
        <ul class="adm-rows">
          {data.kioskCredentials.map((k) => (
            <li key={k.id} class="adm-kiosk" data-label={k.label} data-active={String(!k.revokedAt)}>
              <div>
                <strong>{k.label}</strong> · {k.site?.name}{' '}
                {k.revokedAt ? <span class="tag tag-cancelled">{t('adm.revokedTag')}</span> : <span class="tag tag-fulfilled">{t('adm.active')}</span>}
                <p class="muted">{t('adm.keys.created', { when: when(k.createdAt) })} · {t('adm.keys.lastUsed', { when: when(k.lastUsedAt) })}</p>
              </div>
              {k.revokedAt ? null : (
                <button type="button" class="btn btn-small btn-danger revoke-kiosk" onClick={() => void revoke(k)}>{t('att.hr.revoke')}</button>
              )}
            </li>
          ))}
        </ul>
      )}
      {issued ? (
        <OnceDialog title={t('adm.kiosk.issuedTitle', { label: issued.credential.label })} class="kiosk-code-dialog" onClose={() => setIssued(null)}>
          <p class="adm-kiosk-code" aria-label={t('adm.kiosk.code')}>{issued.code}</p>
          <CopyButton text={issued.code} class="copy-kiosk-code" />
          <p>{t('adm.kiosk.howTo', { path: `${window.location.origin}/kiosk` })}</p>
        </OnceDialog>
      ) : null}
    </>
  );
}
