/** Session state and routing: boot from the API (or the saved copy when offline), then one screen per path. */
import type { JSX } from 'preact';
import { useCallback, useEffect, useState } from 'preact/hooks';
import { ApiError, setUnauthenticatedHandler } from './api/client';
import { can, fetchViewer, forgetViewer, savedViewer, type Viewer } from './api/me';
import { Invite } from './auth/Invite';
import { Login } from './auth/Login';
import { Wall } from './achievements/Wall';
import { Colleague } from './community/Colleague';
import { Community } from './community/Community';
import { communityRoute } from './feed/routes';
import { Feedback } from './feedback/Feedback';
import { growthRoute } from './growth/routes';
import { attendanceRoute } from './attendance/routes';
import { Home } from './home/Home';
import { fromApiLocale, onLocaleChange, setLocale } from './i18n';
import { navigate, onLinkClick, usePath } from './lib/router';
import { Me } from './me/Me';
import { Inbox } from './notifications/Inbox';
import { lazyScreen } from './lib/lazy';
import { Shell } from './shell/Shell';
import { NotFound } from './shell/NotFound';
import type { Session } from './shell/session';

const People = lazyScreen(() => import('./people/People').then((m) => m.People));
const AuditLog = lazyScreen(() => import('./audit/AuditLog').then((m) => m.AuditLog));
// Recognising is a standalone flow with three forms: its own chunk keeps the first load small.
const Recognize = lazyScreen(() => import('./recognition/Recognize').then((m) => m.Recognize));
const Rules = lazyScreen(() => import('./rules/Rules').then((m) => m.Rules));
const RuleEditor = lazyScreen(() => import('./rules/RuleEditor').then((m) => m.RuleEditor));
const Badges = lazyScreen(() => import('./badges/Badges').then((m) => m.Badges));
// The reward pool and everything behind it load on first visit; the service worker precaches the chunks.
const Rewards = lazyScreen(() => import('./rewards/Rewards').then((m) => m.Rewards));
const RewardDetail = lazyScreen(() => import('./rewards/RewardDetail').then((m) => m.RewardDetail));
const Redemptions = lazyScreen(() => import('./rewards/Redemptions').then((m) => m.Redemptions));
const RedemptionDetail = lazyScreen(() => import('./rewards/RedemptionDetail').then((m) => m.RedemptionDetail));
const Approvals = lazyScreen(() => import('./approvals/Approvals').then((m) => m.Approvals));
const Catalogue = lazyScreen(() => import('./catalogue/Catalogue').then((m) => m.Catalogue));
const NotificationSettings = lazyScreen(() => import('./notifications/Settings').then((m) => m.NotificationSettings));
// Performance: five chunks (the charts are one more, fetched by My performance only).
const MyPerformance = lazyScreen(() => import('./performance/my/MyPerformance').then((m) => m.MyPerformance));
const Team = lazyScreen(() => import('./performance/team/Team').then((m) => m.Team));
const TeamMember = lazyScreen(() => import('./performance/team/Member').then((m) => m.Member));
const PerformanceAdmin = lazyScreen(() => import('./performance/admin/Admin').then((m) => m.Admin));
const TemplateEditor = lazyScreen(() => import('./performance/admin/TemplateEditor').then((m) => m.TemplateEditor));
const Bonus = lazyScreen(() => import('./performance/bonus/Bonus').then((m) => m.Bonus));
const BonusPool = lazyScreen(() => import('./performance/bonus/PoolDetail').then((m) => m.PoolDetail));
// Kiosk mode (a shared check-in tablet): its own chunk, with its sign-in screen.
const Kiosk = lazyScreen(() => import('./kiosk/Kiosk').then((m) => m.Kiosk));
const KioskLogin = lazyScreen(() => import('./kiosk/KioskLogin').then((m) => m.KioskLogin));

type State =
  | { status: 'booting' }
  | { status: 'signedOut'; offline: boolean }
  | { status: 'signedIn'; me: Viewer; offline: boolean; savedAt: string | null };

export function App(): JSX.Element {
  const path = usePath();
  const [state, setState] = useState<State>({ status: 'booting' });
  const [, setLang] = useState(0);

  useEffect(() => onLocaleChange(() => setLang((n) => n + 1)), []);

  const signOut = useCallback(() => {
    forgetViewer();
    setState({ status: 'signedOut', offline: false });
  }, []);

  const load = useCallback(async (): Promise<void> => {
    try {
      const me = await fetchViewer();
      await setLocale(fromApiLocale(me.locale));
      setState({ status: 'signedIn', me, offline: false, savedAt: null });
    } catch (err) {
      if (err instanceof ApiError && err.kind === 'network') {
        const saved = savedViewer();
        if (saved) {
          await setLocale(fromApiLocale(saved.me.locale));
          setState({ status: 'signedIn', me: saved.me, offline: true, savedAt: saved.savedAt });
          return;
        }
        setState({ status: 'signedOut', offline: true });
        return;
      }
      if (err instanceof ApiError && err.kind === 'unauthenticated') {
        signOut();
        return;
      }
      throw err;
    }
  }, [signOut]);

  useEffect(() => {
    setUnauthenticatedHandler(signOut);
    void load();
    const online = () => void load();
    window.addEventListener('online', online);
    return () => window.removeEventListener('online', online);
  }, [load, signOut]);

  const onSignedIn = useCallback(async () => {
    await load();
    if (location.pathname === '/login' || location.pathname.startsWith('/invite/')) navigate('/', { replace: true });
  }, [load]);

  const invite = /^\/invite\/([^/]+)\/?$/.exec(path);
  let content: JSX.Element;
  if (invite?.[1]) {
    content = <Invite token={decodeURIComponent(invite[1])} onSignedIn={onSignedIn} />;
  } else if (state.status === 'booting') {
    content = <div class="splash" role="status" aria-label="Seen" />;
  } else if (state.status === 'signedOut') {
    content = path.startsWith('/kiosk') ? <KioskLogin onSignedIn={onSignedIn} /> : <Login onSignedIn={onSignedIn} />;
  } else if (state.me.kind === 'KIOSK') {
    content = <Kiosk offline={state.offline} signOut={signOut} />;
  } else {
    const session: Session = {
      me: state.me,
      offline: state.offline,
      savedAt: state.savedAt,
      replaceMe: (me) => setState({ status: 'signedIn', me, offline: false, savedAt: null }),
      signOut,
    };
    content = (
      <Shell session={session} path={path}>
        {route(path, session)}
      </Shell>
    );
  }
  return <div onClick={onLinkClick}>{content}</div>;
}

function route(path: string, s: Session): JSX.Element {
  const clean = path.replace(/\/+$/, '') || '/';
  const community = communityRoute(clean, s); // feed, suggestions, talks: before /community/<employee id>
  if (community) return community;
  const colleague = /^\/community\/([^/]+)$/.exec(clean);
  if (colleague?.[1]) return <Colleague session={s} id={decodeURIComponent(colleague[1])} />;
  const wall = /^\/community\/([^/]+)\/wall$/.exec(clean);
  if (wall?.[1]) return <Wall key={wall[1]} session={s} employeeId={decodeURIComponent(wall[1])} />;
  const redemption = /^\/rewards\/redemptions\/([^/]+)$/.exec(clean);
  if (redemption?.[1]) return <RedemptionDetail key={redemption[1]} session={s} id={decodeURIComponent(redemption[1])} />;
  const reward = /^\/rewards\/([^/]+)$/.exec(clean);
  if (reward?.[1] && reward[1] !== 'redemptions') return <RewardDetail key={reward[1]} session={s} id={decodeURIComponent(reward[1])} />;
  const rule = /^\/me\/rules\/([^/]+)$/.exec(clean);
  if (rule?.[1]) {
    if (!can(s.me, 'rules:manage')) return <NotFound />;
    return <RuleEditor session={s} id={rule[1] === 'new' ? null : decodeURIComponent(rule[1])} />;
  }
  const perf = performanceRoute(clean, s);
  if (perf) return perf;
  const growth = growthRoute(clean, s);
  if (growth) return growth;
  const attendance = attendanceRoute(clean, s);
  if (attendance) return attendance;
  switch (clean) {
    case '/':
    case '/login':
      return <Home session={s} />;
    case '/rewards':
      return <Rewards session={s} />;
    case '/rewards/redemptions':
      return s.me.employee ? <Redemptions session={s} /> : <NotFound />;
    case '/approvals':
      return can(s.me, 'rewards:approve') || can(s.me, 'attendance:approve') ? <Approvals session={s} /> : <NotFound />;
    case '/me/rewards':
      return can(s.me, 'rewards:manage') ? <Catalogue session={s} /> : <NotFound />;
    case '/me/notifications':
      return s.me.employee ? <NotificationSettings session={s} /> : <NotFound />;
    case '/community':
      return <Community session={s} />;
    case '/me':
      return <Me session={s} />;
    case '/me/people':
      return can(s.me, 'employee:manage') ? <People session={s} /> : <NotFound />;
    case '/me/audit':
      return can(s.me, 'audit:read') ? <AuditLog session={s} /> : <NotFound />;
    case '/me/rules':
      return can(s.me, 'rules:manage') ? <Rules session={s} /> : <NotFound />;
    case '/me/badges':
      return can(s.me, 'recognition:configure') ? <Badges session={s} /> : <NotFound />;
    case '/inbox':
      return <Inbox session={s} />;
    case '/recognize':
      return <Recognize session={s} />;
    case '/wall':
      return <Wall key="own" session={s} />;
    case '/feedback':
      return <Feedback session={s} />;
    default:
      return <NotFound />;
  }
}

/** /performance/…: My performance (employees), Team and people's statements (managers, HR), HR's admin and bonus. */
function performanceRoute(clean: string, s: Session): JSX.Element | null {
  if (clean !== '/performance' && !clean.startsWith('/performance/')) return null;
  const id = (re: RegExp) => {
    const m = re.exec(clean)?.[1];
    return m ? decodeURIComponent(m) : null;
  };
  const manages = can(s.me, 'performance:assess') || can(s.me, 'performance:read_any');
  const person = id(/^\/performance\/people\/([^/]+)$/);
  if (person) return manages ? <MyPerformance key={person} session={s} employeeId={person} /> : <NotFound />;
  const member = id(/^\/performance\/team\/([^/]+)$/);
  if (member) return manages ? <TeamMember key={member} session={s} id={member} /> : <NotFound />;
  const template = id(/^\/performance\/admin\/templates\/([^/]+)$/);
  if (template) return can(s.me, 'performance:configure') ? <TemplateEditor key={template} session={s} id={template === 'new' ? null : template} /> : <NotFound />;
  const pool = id(/^\/performance\/bonus\/([^/]+)$/);
  if (pool) return can(s.me, 'bonus:manage') ? <BonusPool key={pool} session={s} id={pool} /> : <NotFound />;
  switch (clean) {
    case '/performance':
      return s.me.employee && can(s.me, 'performance:review') ? <MyPerformance key="own" session={s} /> : <NotFound />;
    case '/performance/team':
      return manages ? <Team session={s} /> : <NotFound />;
    case '/performance/admin':
      return can(s.me, 'performance:configure') ? <PerformanceAdmin session={s} /> : <NotFound />;
    case '/performance/bonus':
      return can(s.me, 'bonus:manage') ? <Bonus session={s} /> : <NotFound />;
    default:
      return <NotFound />;
  }
}
