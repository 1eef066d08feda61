/** Where the person stands (job title, grade, tenure) and the tenure timeline: hire date, work anniversaries so far
 * and the next one. Both work offline (from the saved viewer). */
import type { JSX } from 'preact';
import { t } from '../i18n';
import { formatCivil, parseCivil, tenure, todayIn } from '../lib/dates';
import { anniversaries, countdownText, tenureText } from '../lib/tenure';
import { orgZone, type Session } from '../shell/session';
import { Card } from '../ui/kit';
import { Icon } from '../ui/icons';

export function CurrentPosition({ session }: { session: Session }): JSX.Element | null {
  const emp = session.me.employee;
  if (!emp) return null;
  const today = todayIn(orgZone(session));
  return (
    <Card title={t('growth.current')}>
      <p class="big">{emp.jobTitle}</p>
      <p class="pill">{t('growth.level', { level: emp.level })}</p>
      <p class="muted">{tenureText(tenure(parseCivil(emp.hireDate), today))}</p>
    </Card>
  );
}

export function Timeline({ session }: { session: Session }): JSX.Element | null {
  const emp = session.me.employee;
  if (!emp) return null;
  const today = todayIn(orgZone(session));
  const hire = parseCivil(emp.hireDate);
  const steps = anniversaries(hire, today);
  return (
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
  );
}
