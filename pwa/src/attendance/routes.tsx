/** Attendance's addresses (all lazily loaded chunks): /attendance (my month), /attendance/requests,
 * /attendance/hr[/unmatched|devices|keys|pins|kiosks|shifts|requests] (HR). Returns null for any other path. */
import type { JSX } from 'preact';
import { can } from '../api/me';
import { lazyScreen } from '../lib/lazy';
import { NotFound } from '../shell/NotFound';
import type { Session } from '../shell/session';
import type { HrSection } from './hr/Hr';

const MyAttendance = lazyScreen(() => import('./MyAttendance').then((m) => m.MyAttendance));
const Requests = lazyScreen(() => import('./Requests').then((m) => m.Requests));
const Hr = lazyScreen(() => import('./hr/Hr').then((m) => m.Hr));
const SECTIONS = ['unmatched', 'devices', 'keys', 'pins', 'kiosks', 'shifts', 'requests'];

export function attendanceRoute(clean: string, s: Session): JSX.Element | null {
  if (clean !== '/attendance' && !clean.startsWith('/attendance/')) return null;
  const employee = s.me.employee !== null && s.me.employee !== undefined;
  if (clean === '/attendance') return employee ? <MyAttendance session={s} /> : <NotFound />;
  if (clean === '/attendance/requests') return employee && can(s.me, 'attendance:request') ? <Requests session={s} /> : <NotFound />;
  if (clean === '/attendance/hr') return can(s.me, 'attendance:read_any') ? <Hr session={s} section="overview" /> : <NotFound />;
  const section = /^\/attendance\/hr\/([a-z]+)$/.exec(clean)?.[1];
  if (section && SECTIONS.includes(section)) {
    return can(s.me, 'attendance:manage') ? <Hr key={section} session={s} section={section as HrSection} /> : <NotFound />;
  }
  return <NotFound />;
}
