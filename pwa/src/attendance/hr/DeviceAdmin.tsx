/** The clock list's admin controls: "Register a clock" above the list and "Edit" on each card. Both load
 * the full device record and the sites only when opened (the health list itself stays light). */
import type { JSX } from 'preact';
import { useState } from 'preact/hooks';
import { AdminDevicesDocument, AdminSitesDocument, type AdminDeviceFieldsFragment } from '../../gql/graphql';
import { t } from '../../i18n';
import { useQuery } from '../../lib/useQuery';
import { ErrorNote, Loading, Status } from '../../ui/kit';
import { sitesOf } from './adminKit';
import { DeviceForm } from './DeviceForm';

function FormLoader(props: { deviceId?: string; onSaved: (d: AdminDeviceFieldsFragment) => void; onCancel: () => void }): JSX.Element {
  const sites = useQuery(AdminSitesDocument, {});
  const devices = useQuery(AdminDevicesDocument, {}, { skip: !props.deviceId });
  const error = sites.error ?? devices.error;
  if (error) return <ErrorNote error={error} onRetry={() => { sites.reload(); devices.reload(); }} />;
  if (!sites.data || (props.deviceId && !devices.data)) return <Loading lines={4} />;
  const device = props.deviceId ? devices.data?.clockDevices.find((d) => d.id === props.deviceId) : undefined;
  if (!sitesOf(sites.data).length) return <p class="muted">{t('adm.noSites')}</p>;
  return <DeviceForm sites={sitesOf(sites.data)} device={device} onSaved={props.onSaved} onCancel={props.onCancel} />;
}

export function RegisterDevice(props: { onChanged: () => void }): JSX.Element {
  const [open, setOpen] = useState(false);
  const [done, setDone] = useState<string | null>(null);
  return (
    <div class="adm-register">
      <Status text={done} />
      {open ? (
        <section class="card" aria-label={t('adm.dev.registerTitle')}>
          <h2>{t('adm.dev.registerTitle')}</h2>
          <FormLoader
            onSaved={(d) => {
              setOpen(false);
              setDone(t('adm.dev.registered', { serial: d.serial }));
              props.onChanged();
            }}
            onCancel={() => setOpen(false)}
          />
        </section>
      ) : (
        <button type="button" class="btn btn-primary register-device" onClick={() => { setDone(null); setOpen(true); }}>
          {t('adm.dev.register')}
        </button>
      )}
    </div>
  );
}

export function EditDevice(props: { id: string; onChanged: () => void }): JSX.Element {
  const [open, setOpen] = useState(false);
  if (!open) {
    return (
      <button type="button" class="btn btn-small btn-secondary edit-device" onClick={() => setOpen(true)}>
        {t('adm.dev.edit')}
      </button>
    );
  }
  return (
    <FormLoader
      deviceId={props.id}
      onSaved={() => {
        setOpen(false);
        props.onChanged();
      }}
      onCancel={() => setOpen(false)}
    />
  );
}
