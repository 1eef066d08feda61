/** Growth: current job and level, and the tenure timeline (hire date, anniversaries, the next one). */
import type { JSX } from 'preact';
import { t } from '../i18n';
import { formatCivil, parseCivil, tenure, todayIn } from '../lib/dates';
import { anniversaries, countdownText, tenureText } from '../lib/tenure';
import { orgZone, type Session } from '../shell/session';
import { Card, Page } from '../ui/kit';
import { Icon } from '../ui/icons';

export function Growth({ session }: { session: Session }): JSX.Element {
  const emp = session.me.employee;
  if (!emp) {
    return (
      <Page title={t('growth.title')}>
        <p>{t('home.noEmployee')}</p>
      </Page>
    );
  }
  const today = todayIn(orgZone(session));
  const hire = parseCivil(emp.hireDate);
  const steps = anniversaries(hire, today);
  return (
    <Page title={t('growth.title')}>
      <Card title={t('growth.current')}>
        <p class="big">{emp.jobTitle}</p>
        <p class="pill">{t('growth.level', { level: emp.level })}</p>
        <p class="muted">{tenureText(tenure(hire, today))}</p>
      </Card>
      <Card title={t('growth.timeline')}>
        <ol class="timeline">
          <li class="done">
            <span class="dot" aria-hidden="true">
              <Icon name="flag" size={16} />
            </span>
            <div>
              <p class="tl-title">{t('growth.hired', { org: session.me.organization.name })}</p>
              <p class="muted">{formatCivil(hire)}</p>
            </div>
          </li>
          {steps.map((m) => {
            const what = t('growth.anniversary', { count: m.years, ordinal: true });
            return (
              <li key={m.years} class={m.past ? 'done' : 'next'}>
                <span class="dot" aria-hidden="true">
                  <Icon name="star" size={16} />
                </span>
                <div>
                  <p class="tl-title">{m.past ? what : t('growth.next', { what })}</p>
                  <p class="muted">
                    {formatCivil(m.date)}
                    {m.past ? null : <strong class="countdown"> · {countdownText(m.daysLeft)}</strong>}
                  </p>
                </div>
              </li>
            );
          })}
        </ol>
      </Card>
    </Page>
  );
}
