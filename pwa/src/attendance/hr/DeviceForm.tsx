/** HR: register a time clock at a site, or change one (site, name, zone, direction policy, on/off).
 * The server's typed errors show under the field they name (serial taken, unknown zone, …). */
import type { JSX } from 'preact';
import { useId, useState } from 'preact/hooks';
import { gql } from '../../api/client';
import { errorText } from '../../api/errors';
import { RegisterClockDeviceDocument, UpdateClockDeviceDocument, type AdminDeviceFieldsFragment } from '../../gql/graphql';
import { t, type MessageKey } from '../../i18n';
import { Field, Select, Status, Toggle } from '../../ui/kit';
import { splitError, type SiteOption } from './adminKit';

export const VENDORS = ['zkteco', 'hikvision', 'other'] as const;
export const POLICIES = ['device', 'first_in_last_out', 'in_only', 'out_only'] as const;
const FIELDS = ['siteId', 'serial', 'vendor', 'timeZone', 'name', 'directionPolicy'] as const;

type Draft = { siteId: string; serial: string; vendor: string; timeZone: string; name: string; directionPolicy: string; active: boolean };

function zones(): string[] {
  const intl = Intl as unknown as { supportedValuesOf?: (k: string) => string[] };
  try {
    return intl.supportedValuesOf?.('timeZone') ?? [];
  } catch {
    return [];
  }
}

export function DeviceForm(props: { sites: SiteOption[]; device?: AdminDeviceFieldsFragment; onSaved: (d: AdminDeviceFieldsFragment) => void; onCancel: () => void }): JSX.Element {
  const editing = props.device;
  const first = props.sites[0];
  const [d, setD] = useState<Draft>(
    editing
      ? { siteId: editing.site?.id ?? '', serial: editing.serial, vendor: editing.vendor, timeZone: editing.timeZone, name: editing.name, directionPolicy: editing.directionPolicy, active: editing.active }
      : { siteId: first?.id ?? '', serial: '', vendor: 'zkteco', timeZone: first?.timeZone ?? '', name: '', directionPolicy: 'device', active: true },
  );
  const [zoneTouched, setZoneTouched] = useState(Boolean(editing));
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [formError, setFormError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const zoneId = useId();
  const set = <K extends keyof Draft>(k: K, v: Draft[K]) => {
    setErrors((e) => ({ ...e, [k]: '' }));
    setD((x) => ({ ...x, [k]: v }));
  };

  function pickSite(id: string): void {
    set('siteId', id);
    const site = props.sites.find((s) => s.id === id);
    if (site && !zoneTouched) set('timeZone', site.timeZone); // follow the site until HR types a zone
  }

  async function submit(e: Event): Promise<void> {
    e.preventDefault();
    setBusy(true);
    setFormError(null);
    setErrors({});
    try {
      const r = editing
        ? (await gql(UpdateClockDeviceDocument, { input: { id: editing.id, siteId: d.siteId || null, name: d.name, timeZone: d.timeZone, directionPolicy: d.directionPolicy, active: d.active } })).updateClockDevice
        : (await gql(RegisterClockDeviceDocument, { input: { siteId: d.siteId, serial: d.serial, vendor: d.vendor, timeZone: d.timeZone, name: d.name, directionPolicy: d.directionPolicy } })).registerClockDevice;
      if (r.__typename === 'UserError') {
        const split = splitError(r, FIELDS);
        setErrors(split.fields);
        setFormError(split.form);
        return;
      }
      props.onSaved(r.device);
    } catch (err) {
      setFormError(errorText(err));
    } finally {
      setBusy(false);
    }
  }

  return (
    <form class={`form adm-device-form${editing ? ' adm-device-edit' : ''}`} noValidate onSubmit={submit}>
      <Select name="siteId" label={t('att.site')} value={d.siteId} onValue={pickSite} options={props.sites.map((s) => ({ value: s.id, label: s.name }))} error={errors.siteId || null} />
      <Field name="serial" label={t('att.hr.serial')} value={d.serial} onValue={(v) => set('serial', v)} disabled={Boolean(editing)} error={errors.serial || null}
        hint={editing ? undefined : t('adm.dev.serialHint')} autocomplete="off" spellcheck={false} autoCapitalize="characters" />
      {editing ? (
        <p class="muted">{t('adm.dev.vendor')}: {editing.vendor}</p>
      ) : (
        <Select name="vendor" label={t('adm.dev.vendor')} value={d.vendor} onValue={(v) => set('vendor', v)} error={errors.vendor || null}
          options={VENDORS.map((v) => ({ value: v, label: t(`adm.vendor.${v}` as MessageKey) }))} />
      )}
      <div class={`field${errors.timeZone ? ' field-invalid' : ''}`}>
        <label for={zoneId}>{t('att.hr.zone')}</label>
        <input id={zoneId} name="timeZone" list={`${zoneId}-list`} value={d.timeZone} autocomplete="off" spellcheck={false}
          aria-invalid={errors.timeZone ? true : undefined} aria-describedby={`${zoneId}-hint${errors.timeZone ? ` ${zoneId}-err` : ''}`}
          onInput={(e) => { setZoneTouched(true); set('timeZone', e.currentTarget.value); }} />
        <datalist id={`${zoneId}-list`}>{zones().map((z) => <option key={z} value={z} />)}</datalist>
        <p class="hint" id={`${zoneId}-hint`}>{t('adm.dev.zoneHint')}</p>
        {errors.timeZone ? <p class="field-error" id={`${zoneId}-err`}>{errors.timeZone}</p> : null}
      </div>
      <Field name="name" label={t('adm.dev.name')} value={d.name} onValue={(v) => set('name', v)} error={errors.name || null} hint={t('adm.dev.nameHint')} />
      <Select name="directionPolicy" label={t('adm.dev.policy')} value={d.directionPolicy} onValue={(v) => set('directionPolicy', v)} error={errors.directionPolicy || null}
        hint={t(`adm.policy.${d.directionPolicy}.hint` as MessageKey)} options={POLICIES.map((p) => ({ value: p, label: t(`adm.policy.${p}` as MessageKey) }))} />
      {editing ? <Toggle name="active" label={t('adm.dev.active')} checked={d.active} onChange={(v) => set('active', v)} hint={t('adm.dev.activeHint')} /> : null}
      <Status text={formError} tone="error" />
      <div class="actions">
        <button type="submit" class="btn btn-primary save-device" disabled={busy || !props.sites.length} aria-busy={busy}>
          {editing ? t('app.save') : t('adm.dev.register')}
        </button>
        <button type="button" class="btn btn-secondary" onClick={props.onCancel}>
          {t('app.cancel')}
        </button>
      </div>
    </form>
  );
}
