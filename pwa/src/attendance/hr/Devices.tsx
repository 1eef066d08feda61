/** HR: the time clocks and their health — last heard from, synced through; silent for 30 minutes is stale. */
import type { JSX } from 'preact';
import { AttendanceDevicesDocument } from '../../gql/graphql';
import { t } from '../../i18n';
import { formatInstant } from '../../lib/dates';
import { useQuery } from '../../lib/useQuery';
import { orgZone, type Session } from '../../shell/session';
import { Card, ErrorNote, Facts, Loading } from '../../ui/kit';
import { EditDevice, RegisterDevice } from './DeviceAdmin';

const STALE_MS = 30 * 60_000;

export function isStale(lastSeenAt: string | null | undefined, now: number = Date.now()): boolean {
  return !lastSeenAt || now - new Date(lastSeenAt).getTime() > STALE_MS;
}

export function Devices({ session }: { session: Session }): JSX.Element {
  const { data, error, loading, reload } = useQuery(AttendanceDevicesDocument, {});
  const zone = orgZone(session);
  if (error) return <ErrorNote error={error} onRetry={reload} />;
  if (loading && !data) return <Loading lines={3} />;
  const devices = data?.clockDevices ?? [];
  if (!devices.length) return <><RegisterDevice onChanged={reload} /><p class="muted">{t('att.hr.noDevices')}</p></>;
  return (
    <>
      <RegisterDevice onChanged={reload} />
      {devices.map((d) => {
        const stale = d.active && isStale(d.lastSeenAt);
        return (
          <Card key={d.id} title={d.name || d.serial} class={`att-device${stale ? ' att-stale' : ''}`}>
            <p>
              {!d.active ? <span class="tag tag-cancelled">{t('att.hr.inactive')}</span> : stale ? (
                <span class="tag tag-declined att-stale-tag" role="status">
                  ⚠ {t('att.hr.stale')}
                </span>
              ) : (
                <span class="tag tag-fulfilled">✓ {t('att.hr.healthy')}</span>
              )}
            </p>
            <Facts
              rows={[
                [t('att.hr.serial'), `${d.serial} (${d.vendor})`],
                [t('att.site'), d.site?.name],
                [t('att.hr.zone'), d.timeZone],
                [t('att.hr.lastSeen'), d.lastSeenAt ? formatInstant(d.lastSeenAt, zone) : t('att.hr.never')],
                [t('att.hr.syncedThrough'), d.syncedThrough ? formatInstant(d.syncedThrough, zone) : t('att.hr.never')],
              ]}
            />
            <EditDevice id={d.id} onChanged={reload} />
          </Card>
        );
      })}
    </>
  );
}
