/** Growth's addresses: /growth (eager: the tab and its timeline work offline) and the lazily loaded screens behind it.
 * Returns null for any other path. Managers (growth:confirm) get team, inbox and scan; HR (growth:manage/read_any) admin. */
import type { JSX } from 'preact';
import { can } from '../api/me';
import { lazyScreen } from '../lib/lazy';
import type { Session } from '../shell/session';
import { NotFound } from '../shell/NotFound';
import { Growth } from './Growth';

const RequirementDetail = lazyScreen(() => import('./map/RequirementDetail').then((m) => m.RequirementDetail));
const Claim = lazyScreen(() => import('./records/Claim').then((m) => m.Claim));
const Records = lazyScreen(() => import('./records/Records').then((m) => m.Records));
const RecordDetail = lazyScreen(() => import('./records/RecordDetail').then((m) => m.RecordDetail));
const TeamGrowth = lazyScreen(() => import('./team/TeamGrowth').then((m) => m.TeamGrowth));
const Inbox = lazyScreen(() => import('./team/Inbox').then((m) => m.Inbox));
const Scan = lazyScreen(() => import('./team/Scan').then((m) => m.Scan));
const PersonMap = lazyScreen(() => import('./team/PersonMap').then((m) => m.PersonMap));
const Admin = lazyScreen(() => import('./admin/Admin').then((m) => m.Admin));
const TrackEditor = lazyScreen(() => import('./admin/TrackEditor').then((m) => m.TrackEditor));

export function growthRoute(clean: string, s: Session): JSX.Element | null {
  if (clean !== '/growth' && !clean.startsWith('/growth/')) return null;
  const id = (re: RegExp) => {
    const m = re.exec(clean)?.[1];
    return m ? decodeURIComponent(m) : null;
  };
  const confirms = can(s.me, 'growth:confirm');
  const manages = can(s.me, 'growth:manage');
  const readsAll = manages || can(s.me, 'growth:read_any');
  const employee = s.me.employee !== null && s.me.employee !== undefined;
  const requirement = id(/^\/growth\/requirements\/([^/]+)$/);
  if (requirement) return <RequirementDetail key={requirement + location.search} session={s} id={requirement} employeeId={new URLSearchParams(location.search).get('employee')} />;
  const record = id(/^\/growth\/records\/([^/]+)$/);
  if (record) return employee ? <RecordDetail key={record} session={s} id={record} /> : <NotFound />;
  const person = id(/^\/growth\/people\/([^/]+)$/);
  if (person) return confirms || readsAll ? <PersonMap key={person} session={s} id={person} /> : <NotFound />;
  const track = id(/^\/growth\/admin\/tracks\/([^/]+)$/);
  if (track) return manages ? <TrackEditor key={track} session={s} id={track === 'new' ? null : track} /> : <NotFound />;
  switch (clean) {
    case '/growth':
      return <Growth session={s} />;
    case '/growth/claim':
      return employee && can(s.me, 'growth:claim') ? <Claim session={s} /> : <NotFound />;
    case '/growth/records':
      return employee ? <Records session={s} /> : <NotFound />;
    case '/growth/team':
      return confirms ? <TeamGrowth session={s} /> : <NotFound />;
    case '/growth/inbox':
      return confirms || manages ? <Inbox session={s} /> : <NotFound />;
    case '/growth/scan':
      return confirms || manages ? <Scan session={s} /> : <NotFound />;
    case '/growth/admin':
      return readsAll ? <Admin session={s} /> : <NotFound />;
    default:
      return <NotFound />;
  }
}
