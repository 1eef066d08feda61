/** Home: greeting, today's date in the organisation's zone, where the person stands, their live performance score,
 * their points and latest recognition, and their next growth step (last, so its arrival shifts nothing). */
import type { JSX } from 'preact';
import { can } from '../api/me';
import { locale, t } from '../i18n';
import { hourIn, parseCivil, tenure, todayIn } from '../lib/dates';
import { tenureText } from '../lib/tenure';
import { orgZone, type Session } from '../shell/session';
import { Avatar, Card, Facts, Page } from '../ui/kit';
import { Icon } from '../ui/icons';
import { GrowthHomeCard } from '../growth/LazyCard';
import { PerformanceHomeCard } from '../performance/LazyCard';
import { RecognitionCards } from './RecognitionCards';

function greetingKey(hour: number): 'home.greeting.morning' | 'home.greeting.afternoon' | 'home.greeting.evening' {
  if (hour >= 5 && hour < 12) return 'home.greeting.morning';
  if (hour >= 12 && hour < 18) return 'home.greeting.afternoon';
  return 'home.greeting.evening';
}

export function Home({ session }: { session: Session }): JSX.Element {
  const { me } = session;
  const zone = orgZone(session);
  const emp = me.employee;
  const todayText = new Intl.DateTimeFormat(locale(), {
    dateStyle: 'full',
    timeZone: zone,
  }).format(new Date());

  if (!emp) {
    return (
      <Page title={me.organization.name}>
        <p class="today">{todayText}</p>
        <p>{t('home.noEmployee')}</p>
      </Page>
    );
  }

  const tn = tenure(parseCivil(emp.hireDate), todayIn(zone));
  return (
    <Page title={t(greetingKey(hourIn(zone)), { name: emp.name })}>
      <p class="today">
        <span class="visually-hidden">{t('home.today')}: </span>
        <time dateTime={new Date().toISOString().slice(0, 10)}>{todayText}</time>
      </p>
      <Card class="hero">
        <div class="hero-row">
          <Avatar name={emp.name} size="lg" />
          <div>
            <p class="hero-name">{emp.name}</p>
            <p class="hero-sub">{emp.jobTitle}</p>
          </div>
        </div>
        <p class="tenure">
          {t('home.tenure', { org: me.organization.name })}
          <strong> {tenureText(tn)}</strong>
        </p>
      </Card>
      <Card>
        <Facts
          rows={[
            [t('home.jobTitle'), emp.jobTitle],
            [t('home.department'), emp.department?.name],
            [t('home.site'), emp.site?.name ?? me.site?.name],
            [
              t('home.manager'),
              emp.manager ? (
                <a href={`/community/${encodeURIComponent(emp.manager.id)}`}>
                  {emp.manager.name}
                  {emp.manager.jobTitle ? <span class="muted"> · {emp.manager.jobTitle}</span> : null}
                </a>
              ) : null,
            ],
          ]}
        />
      </Card>
      {can(me, 'performance:review') && !session.offline ? <PerformanceHomeCard /> : null}
      {can(me, 'recognition:give') ? (
        <a class="btn btn-primary btn-block" href="/recognize">
          <Icon name="heart" size={20} /> {t('home.recognize')}
        </a>
      ) : null}
      <RecognitionCards session={session} />
      {can(me, 'growth:claim') && !session.offline ? <GrowthHomeCard zone={zone} /> : null}
    </Page>
  );
}
