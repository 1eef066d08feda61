/** Me: own profile, contact details, language, recognition, performance and admin entry points, password, sign-out. */
import type { JSX } from 'preact';
import { useState } from 'preact/hooks';
import { auth, gql } from '../api/client';
import { errorText, userErrorText } from '../api/errors';
import { can, fetchViewer, forgetViewer, saveViewer } from '../api/me';
import { fromApiLocale, locale as currentLocale, setLocale, t, toApiLocale, type UiLocale } from '../i18n';
import { formatCivil, formatMonthDay, parseCivil } from '../lib/dates';
import { navigate } from '../lib/router';
import type { Session } from '../shell/session';
import { Avatar, Card, Facts, Page, Status } from '../ui/kit';
import { Icon, type IconName } from '../ui/icons';
import { LanguageSwitch } from '../ui/LanguageSwitch';
import { PasswordForm } from './PasswordForm';
import { ProfileForm } from './ProfileForm';
import { lazyScreen } from '../lib/lazy';
import { SetMyLocaleDocument } from '../gql/graphql';

// The badge's QR encoder (uqr) loads with its own chunk, not with the first screen.
const BadgeCard = lazyScreen(() => import('./BadgeCard').then((m) => m.BadgeCard));

export function Me({ session }: { session: Session }): JSX.Element {
  const { me } = session;
  const emp = me.employee;
  const [langBusy, setLangBusy] = useState(false);
  const [langStatus, setLangStatus] = useState<{ text: string; tone: 'ok' | 'error' } | null>(null);
  const [signingOut, setSigningOut] = useState(false);

  async function changeLanguage(next: UiLocale): Promise<void> {
    const previous = currentLocale();
    setLocale(next);
    setLangBusy(true);
    setLangStatus(null);
    try {
      const res = await gql(SetMyLocaleDocument, { locale: toApiLocale(next) });
      if (res.setMyLocale.__typename === 'UserError') {
        setLocale(previous);
        setLangStatus({ text: userErrorText(res.setMyLocale), tone: 'error' });
      } else {
        const saved = fromApiLocale(res.setMyLocale.viewer.locale);
        setLocale(saved);
        const updated = { ...me, locale: res.setMyLocale.viewer.locale };
        saveViewer(updated);
        session.replaceMe(updated);
        setLangStatus({ text: t('me.languageSaved'), tone: 'ok' });
      }
    } catch (err) {
      setLocale(previous);
      setLangStatus({ text: errorText(err), tone: 'error' });
    } finally {
      setLangBusy(false);
    }
  }

  async function signOut(): Promise<void> {
    setSigningOut(true);
    try {
      await auth.logout();
    } catch {
      /* the cookie is cleared server-side when reachable; locally we forget the session either way */
    }
    forgetViewer();
    navigate('/', { replace: true });
    session.signOut();
  }

  async function refresh(): Promise<void> {
    session.replaceMe(await fetchViewer());
  }

  return (
    <Page title={t('me.title')}>
      {emp ? (
        <Card class="hero">
          <div class="hero-row">
            <Avatar name={emp.name} size="lg" />
            <div>
              <p class="hero-name">{emp.name}</p>
              <p class="hero-sub">
                {emp.jobTitle}
                {emp.department ? ` · ${emp.department.name}` : ''}
              </p>
            </div>
          </div>
          <Facts
            rows={[
              [t('profile.employeeNumber'), emp.employeeNumber],
              [t('profile.level'), emp.level],
              [t('home.site'), emp.site?.name],
              [t('home.manager'), emp.manager?.name],
              [t('profile.hireDate'), formatCivil(parseCivil(emp.hireDate))],
              [t('profile.role'), me.role ? t(`role.${me.role}`) : null],
              [t('me.organization'), me.organization.name],
            ]}
          />
        </Card>
      ) : null}

      {emp ? (
        <Card title={t('me.editTitle')}>
          <Facts
            rows={[
              [t('profile.phone'), emp.phone ?? t('app.none')],
              [t('profile.email'), emp.email ?? t('app.none')],
              [t('profile.birthday'), emp.birthday ? formatMonthDay(parseCivil(emp.birthday)) : t('app.none')],
            ]}
          />
          <ProfileForm employee={emp} disabled={session.offline} onSaved={refresh} />
        </Card>
      ) : null}

      {emp ? <BadgeCard offline={session.offline} organization={me.organization.name} /> : null}

      <Card title={t('lang.label')}>
        <LanguageSwitch onChange={(l) => void changeLanguage(l)} busy={langBusy || session.offline} />
        <Status text={langStatus?.text ?? null} tone={langStatus?.tone ?? 'ok'} />
      </Card>

      {emp ? (
        <Card title={t('me.recognition')}>
          <ul class="menu">
            <MenuLink href="/wall" icon="trophy" title={t('me.wall')} hint={t('me.wallHint')} />
            <MenuLink href="/attendance" icon="calendar" title={t('att.title')} hint={t('nav.attendanceHint')} />
            <MenuLink href="/feedback" icon="chat" title={t('me.feedback')} hint={t('me.feedbackHint')} />
            <MenuLink href="/inbox" icon="bell" title={t('inbox.title')} hint={t('me.inboxHint')} />
            <MenuLink href="/me/notifications" icon="bell" title={t('notify.title')} hint={t('me.notificationsHint')} />
          </ul>
        </Card>
      ) : null}

      {emp && (can(me, 'performance:review') || can(me, 'performance:assess')) ? (
        <Card title={t('perf.me.title')}>
          <ul class="menu">
            {can(me, 'performance:review') ? <MenuLink href="/performance" icon="growth" title={t('perf.my.title')} hint={t('perf.me.myHint')} /> : null}
            {can(me, 'performance:assess') ? <MenuLink href="/performance/team" icon="people" title={t('perf.team.title')} hint={t('perf.me.teamHint')} /> : null}
          </ul>
        </Card>
      ) : null}

      {emp ? (
        <Card title={t('me.rewards')}>
          <ul class="menu">
            <MenuLink href="/rewards/redemptions" icon="ticket" title={t('redemptions.title')} hint={t('me.redemptionsHint')} />
            {can(me, 'rewards:approve') ? <MenuLink href="/approvals" icon="check" title={t('approvals.title')} hint={t('me.approvalsHint')} /> : null}
          </ul>
        </Card>
      ) : null}

      {can(me, 'employee:manage') || can(me, 'audit:read') || can(me, 'rules:manage') || can(me, 'recognition:configure') || can(me, 'rewards:manage') || can(me, 'performance:configure') || can(me, 'bonus:manage') || can(me, 'attendance:read_any') ? (
        <Card title={t('me.admin')}>
          <ul class="menu">
            {can(me, 'employee:manage') ? <MenuLink href="/me/people" icon="people" title={t('me.people')} hint={t('me.peopleHint')} /> : null}
            {can(me, 'rules:manage') ? <MenuLink href="/me/rules" icon="rules" title={t('me.rules')} hint={t('me.rulesHint')} /> : null}
            {can(me, 'recognition:configure') ? <MenuLink href="/me/badges" icon="medal" title={t('me.badges')} hint={t('me.badgesHint')} /> : null}
            {can(me, 'rewards:manage') ? <MenuLink href="/me/rewards" icon="rewards" title={t('me.catalogue')} hint={t('me.catalogueHint')} /> : null}
            {can(me, 'performance:configure') ? <MenuLink href="/performance/admin" icon="calendar" title={t('perf.admin.title')} hint={t('perf.me.adminHint')} /> : null}
            {can(me, 'bonus:manage') ? <MenuLink href="/performance/bonus" icon="coin" title={t('perf.bonus.title')} hint={t('perf.me.bonusHint')} /> : null}
            {can(me, 'attendance:read_any') ? <MenuLink href="/attendance/hr" icon="calendar" title={t('att.hr.title')} hint={t('att.hr.hint')} /> : null}
            {can(me, 'audit:read') ? <MenuLink href="/me/audit" icon="audit" title={t('me.audit')} hint={t('me.auditHint')} /> : null}
          </ul>
        </Card>
      ) : null}

      <Card title={t('me.password')}>
        <PasswordForm disabled={session.offline} />
      </Card>

      <button type="button" class="btn btn-danger btn-block" onClick={signOut} disabled={signingOut} aria-busy={signingOut}>
        <Icon name="logout" size={20} /> {t('me.logout')}
      </button>
    </Page>
  );
}

function MenuLink(props: { href: string; icon: IconName; title: string; hint: string }): JSX.Element {
  return (
    <li>
      <a href={props.href}>
        <Icon name={props.icon} />
        <span class="menu-text">
          <span>{props.title}</span>
          <span class="muted">{props.hint}</span>
        </span>
        <Icon name="chevron" size={20} />
      </a>
    </li>
  );
}
