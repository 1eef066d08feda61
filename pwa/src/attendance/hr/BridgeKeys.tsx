/** HR: the device bridges' signing keys, grouped by bridge id. Create a key for a new bridge, rotate (a
 * second active key so the bridge can switch over), revoke the old one. Secrets are shown once. */
import type { JSX } from 'preact';
import { useState } from 'preact/hooks';
import { gql } from '../../api/client';
import { errorText } from '../../api/errors';
import { AdminBridgeKeysDocument, CreateBridgeKeyDocument, RevokeBridgeKeyDocument, RotateBridgeKeyDocument,
  type AdminBridgeKeyFieldsFragment } from '../../gql/graphql';
import { t } from '../../i18n';
import { formatInstant } from '../../lib/dates';
import { useQuery } from '../../lib/useQuery';
import { orgZone, type Session } from '../../shell/session';
import { Card, ErrorNote, Field, Loading, Status } from '../../ui/kit';
import { adminErrorText, sitesOf, splitError } from './adminKit';
import { BridgeSecret } from './BridgeSecret';

type Issued = { key: AdminBridgeKeyFieldsFragment; secret: string };
type KeyResult =
  | { __typename: 'UserError'; code: string; message: string; field?: string | null }
  | { __typename: 'BridgeKeyIssued'; key: AdminBridgeKeyFieldsFragment; secret: string }
  | { __typename: 'BridgeKeyRevoked'; key: AdminBridgeKeyFieldsFragment };

export function BridgeKeys({ session }: { session: Session }): JSX.Element {
  const { data, error, loading, reload } = useQuery(AdminBridgeKeysDocument, {});
  const [bridgeId, setBridgeId] = useState('');
  const [fieldError, setFieldError] = useState<string | null>(null);
  const [status, setStatus] = useState<{ text: string; tone: 'ok' | 'error' } | null>(null);
  const [issued, setIssued] = useState<Issued | null>(null);
  const [busy, setBusy] = useState(false);
  const zone = orgZone(session);

  /** One key mutation: a new secret opens the dialog, a refusal shows at the field it names. */
  async function run(act: () => Promise<KeyResult>): Promise<boolean> {
    setBusy(true);
    setStatus(null);
    try {
      const r = await act();
      if (r.__typename === 'UserError') {
        const split = splitError(r, ['bridgeId']);
        if (split.fields.bridgeId) setFieldError(split.fields.bridgeId);
        else setStatus({ text: split.form ?? adminErrorText(r), tone: 'error' });
        return false;
      }
      if (r.__typename === 'BridgeKeyIssued') setIssued({ key: r.key, secret: r.secret });
      else setStatus({ text: t('adm.keys.revoked', { key: r.key.keyId }), tone: 'ok' });
      reload();
      return true;
    } catch (err) {
      setStatus({ text: errorText(err), tone: 'error' });
      return false;
    } finally {
      setBusy(false);
    }
  }

  async function create(e: Event): Promise<void> {
    e.preventDefault();
    setFieldError(null);
    if (await run(async () => (await gql(CreateBridgeKeyDocument, { bridgeId: bridgeId.trim() })).createBridgeKey)) setBridgeId('');
  }

  function revoke(k: AdminBridgeKeyFieldsFragment): void {
    if (!window.confirm(t('adm.keys.confirmRevoke', { key: k.keyId, bridge: k.bridgeId }))) return;
    void run(async () => (await gql(RevokeBridgeKeyDocument, { id: k.id })).revokeBridgeKey);
  }

  const groups = new Map<string, AdminBridgeKeyFieldsFragment[]>();
  for (const k of data?.bridgeKeys ?? []) groups.set(k.bridgeId, [...(groups.get(k.bridgeId) ?? []), k]);
  const when = (iso: string | null | undefined) => (iso ? formatInstant(iso, zone) : t('att.hr.never'));

  return (
    <>
      <p class="muted">{t('adm.keys.intro')}</p>
      <form class="form adm-inline-form create-bridge-key" noValidate onSubmit={create}>
        <Field name="bridgeId" label={t('adm.keys.bridgeId')} value={bridgeId} onValue={(v) => { setBridgeId(v); setFieldError(null); }}
          hint={t('adm.keys.bridgeIdHint')} error={fieldError} autocomplete="off" spellcheck={false} />
        <button type="submit" class="btn btn-primary create-key" disabled={busy || !bridgeId.trim()} aria-busy={busy}>
          {t('adm.keys.create')}
        </button>
      </form>
      <Status text={status?.text ?? null} tone={status?.tone ?? 'ok'} />
      {error ? <ErrorNote error={error} onRetry={reload} /> : loading && !data ? <Loading lines={3} /> : !groups.size ? (
        <p class="muted">{t('adm.keys.none')}</p>
      ) : (
        [...groups.entries()].map(([bridge, keys]) => (
          <Card key={bridge} title={t('adm.keys.bridge', { bridge })} class="adm-bridge">
            <ul class="adm-rows">
              {keys.map((k) => (
                <li key={k.id} class="adm-key" data-key-id={k.keyId} data-active={String(k.active)}>
                  <div>
                    <code>{k.keyId}</code>{' '}
                    {k.active ? <span class="tag tag-fulfilled">{t('adm.active')}</span> : <span class="tag tag-cancelled">{t('adm.revokedTag')}</span>}
                    <p class="muted">
                      {t('adm.keys.created', { when: when(k.createdAt) })} · {t('adm.keys.lastUsed', { when: when(k.lastUsedAt) })}
                      {k.revokedAt ? ` · ${t('adm.keys.revokedAt', { when: when(k.revokedAt) })}` : ''}
                    </p>
                  </div>
                  {k.active ? (
                    <div class="adm-row-actions">
                      <button type="button" class="btn btn-small btn-secondary rotate-key" disabled={busy}
                        onClick={() => void run(async () => (await gql(RotateBridgeKeyDocument, { id: k.id })).rotateBridgeKey)}>
                        {t('adm.keys.rotate')}
                      </button>
                      <button type="button" class="btn btn-small btn-danger revoke-key" disabled={busy} onClick={() => revoke(k)}>
                        {t('att.hr.revoke')}
                      </button>
                    </div>
                  ) : null}
                </li>
              ))}
            </ul>
          </Card>
        ))
      )}
      {issued && data ? (
        <BridgeSecret issued={issued} sites={sitesOf(data)} devices={data.clockDevices} onClose={() => setIssued(null)} />
      ) : null}
    </>
  );
}
