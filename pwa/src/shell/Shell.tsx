/** Signed-in frame: skip link, offline banner, the inbox bell, the screen, and the five-tab bottom navigation. */
import type { ComponentChildren, JSX } from 'preact';
import { formatInstant } from '../lib/dates';
import { useSearchParams } from '../lib/router';
import { Bell } from '../notifications/Bell';
import { t, type MessageKey } from '../i18n';
import { Icon, type IconName } from '../ui/icons';
import type { Session } from './session';

const tabs: { href: string; icon: IconName; label: MessageKey }[] = [
  { href: '/', icon: 'home', label: 'nav.home' },
  { href: '/growth', icon: 'growth', label: 'nav.growth' },
  { href: '/rewards', icon: 'rewards', label: 'nav.rewards' },
  { href: '/community', icon: 'community', label: 'nav.community' },
  { href: '/me', icon: 'me', label: 'nav.me' },
];

function activeTab(path: string): string {
  if (path === '/' || path === '/login') return '/';
  // Performance has no tab of its own: My performance opens from Home's card, the manager and HR screens from Me.
  if (path === '/performance' || path.startsWith('/performance/people/')) return '/';
  if (path.startsWith('/performance/')) return '/me';
  if (path === '/attendance' || path.startsWith('/attendance/')) return '/me'; // opened from Me
  return tabs.find((tab) => tab.href !== '/' && (path === tab.href || path.startsWith(`${tab.href}/`)))?.href ?? '';
}

export function Shell(props: { session: Session; path: string; children: ComponentChildren }): JSX.Element {
  const active = activeTab(props.path);
  const { offline, savedAt } = props.session;
  const search = useSearchParams().toString();
  return (
    <div class="shell">
      <a class="skip" href="#main" onClick={(e) => { e.preventDefault(); document.getElementById('main')?.focus(); }}>
        {t('app.skip')}
      </a>
      {offline ? (
        <div class="banner" role="status">
          <Icon name="offline" size={20} />
          <span>
            {t('app.offline')}
            {savedAt ? ` (${formatInstant(savedAt, props.session.me.organization.timeZone)})` : ''}
          </span>
        </div>
      ) : null}
      {props.session.me.employee ? (
        <div class="shell-top">
          <Bell locationKey={`${props.path}?${search}`} offline={offline} current={props.path === '/inbox'} />
        </div>
      ) : null}
      <main id="main" tabIndex={-1} class="main">
        {props.children}
      </main>
      <nav class="tabbar" aria-label={t('nav.label')}>
        <ul>
          {tabs.map((tab) => (
            <li key={tab.href}>
              <a href={tab.href} aria-current={active === tab.href ? 'page' : undefined}>
                <Icon name={tab.icon} />
                <span>{t(tab.label)}</span>
              </a>
            </li>
          ))}
        </ul>
      </nav>
    </div>
  );
}
