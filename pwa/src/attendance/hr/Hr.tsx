/** HR's attendance desk: one screen per task, switched by a tab row (/attendance/hr/<section>). */
import type { JSX } from 'preact';
import { can } from '../../api/me';
import { t, type MessageKey } from '../../i18n';
import type { Session } from '../../shell/session';
import { Page } from '../../ui/kit';
import { AllRequests } from './AllRequests';
import { BridgeKeys } from './BridgeKeys';
import { Devices } from './Devices';
import { KioskCodes } from './KioskCodes';
import { Overview } from './Overview';
import { Pins } from './Pins';
import { Shifts } from './Shifts';
import { Unmatched } from './Unmatched';
import '../attendance.css';

export const HR_SECTIONS = ['overview', 'unmatched', 'devices', 'keys', 'pins', 'kiosks', 'shifts', 'requests'] as const;
export type HrSection = (typeof HR_SECTIONS)[number];

export function Hr({ session, section }: { session: Session; section: HrSection }): JSX.Element {
  const manage = can(session.me, 'attendance:manage');
  const kiosks = can(session.me, 'kiosk:manage');
  const shown = HR_SECTIONS.filter((s) => (manage || s === 'overview') && (kiosks || s !== 'kiosks'));
  return (
    <Page title={t('att.hr.title')} back="/attendance">
      <nav class="att-tabs" aria-label={t('att.hr.sections')}>
        {shown.map((s) => (
          <a key={s} href={s === 'overview' ? '/attendance/hr' : `/attendance/hr/${s}`} aria-current={s === section ? 'page' : undefined}>
            {t(`att.hr.${s}` as MessageKey)}
          </a>
        ))}
      </nav>
      {section === 'overview' ? <Overview session={session} /> : null}
      {section === 'unmatched' && manage ? <Unmatched session={session} /> : null}
      {section === 'devices' && manage ? <Devices session={session} /> : null}
      {section === 'keys' && manage ? <BridgeKeys session={session} /> : null}
      {section === 'pins' && manage ? <Pins /> : null}
      {section === 'kiosks' && manage && kiosks ? <KioskCodes session={session} /> : null}
      {section === 'shifts' && manage ? <Shifts session={session} /> : null}
      {section === 'requests' && manage ? <AllRequests session={session} /> : null}
    </Page>
  );
}
