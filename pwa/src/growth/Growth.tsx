/** Growth (/growth): where the person stands, shortcuts (claim a record, my records, and the people and HR tools the
 * viewer may use), the growth map (its own chunk; needs a connection) and, below it, the tenure timeline, which like
 * the position card works offline from the saved viewer. */
import type { JSX } from 'preact';
import { can } from '../api/me';
import { t } from '../i18n';
import { lazyScreen } from '../lib/lazy';
import { orgZone, type Session } from '../shell/session';
import { Page } from '../ui/kit';
import { Icon, type IconName } from '../ui/icons';
import { CurrentPosition, Timeline } from './Timeline';

const MapBody = lazyScreen(() => import('./map/MapBody').then((m) => m.MapBody));

export function Growth({ session }: { session: Session }): JSX.Element {
  if (!session.me.employee) {
    return (
      <Page title={t('growth.title')}>
        <p>{t('home.noEmployee')}</p>
      </Page>
    );
  }
  return (
    <Page title={t('growth.title')}>
      <CurrentPosition session={session} />
      {session.offline ? (
        <p class="muted">{t('growth.mapOffline')}</p>
      ) : (
        <>
          <GrowthTools session={session} />
          <MapBody zone={orgZone(session)} />
        </>
      )}
      <Timeline session={session} />
    </Page>
  );
}

function GrowthTools({ session }: { session: Session }): JSX.Element {
  const { me } = session;
  const links: { href: string; icon: IconName; label: string; cls: string }[] = [{ href: '/growth/records', icon: 'certificate', label: t('growth.records.title'), cls: 'to-records' }];
  if (can(me, 'growth:confirm')) {
    links.push({ href: '/growth/team', icon: 'people', label: t('growth.team.title'), cls: 'to-team' });
    links.push({ href: '/growth/inbox', icon: 'inbox', label: t('growth.inbox.title'), cls: 'to-inbox' });
    links.push({ href: '/growth/scan', icon: 'check', label: t('growth.scan.title'), cls: 'to-scan' });
  }
  if (can(me, 'growth:manage') || can(me, 'growth:read_any')) links.push({ href: '/growth/admin', icon: 'rules', label: t('growth.admin.title'), cls: 'to-admin' });
  return (
    <nav class="growth-tools" aria-label={t('growth.tools')}>
      {can(me, 'growth:claim') ? (
        <a class="btn btn-primary btn-block to-claim" href="/growth/claim">
          <Icon name="plus" size={20} /> {t('growth.claim.title')}
        </a>
      ) : null}
      <ul class="menu rewards-links">
        {links.map((l) => (
          <li key={l.href}>
            <a class={l.cls} href={l.href}>
              <Icon name={l.icon} />
              <span class="menu-text">
                <span>{l.label}</span>
              </span>
              <Icon name="chevron" size={20} />
            </a>
          </li>
        ))}
      </ul>
    </nav>
  );
}
