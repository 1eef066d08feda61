/** Upcoming celebrations (own birthday and work anniversary; a manager's team for 60 days), shown below the reward pool. */
import type { JSX } from 'preact';
import { t } from '../i18n';
import { type Civil, daysBetween, formatCivil, formatMonthDay, nextYearly, parseCivil, todayIn } from '../lib/dates';
import { countdownText } from '../lib/tenure';
import { orgZone, type Session } from '../shell/session';
import { Avatar, Card } from '../ui/kit';
import { Icon } from '../ui/icons';

type Celebration = { key: string; who: string; id: string; kind: 'birthday' | 'anniversary'; date: Civil; years: number; days: number };

function upcoming(person: { id: string; name: string; hireDate: string; birthday?: string | null }, today: Civil): Celebration[] {
  const out: Celebration[] = [];
  const hire = parseCivil(person.hireDate);
  let ann = nextYearly(hire, today);
  if (ann.y <= hire.y) ann = nextYearly(hire, { ...today, y: hire.y + 1, m: 1, d: 1 });
  out.push({ key: `${person.id}-a`, who: person.name, id: person.id, kind: 'anniversary', date: ann, years: ann.y - hire.y, days: daysBetween(today, ann) });
  if (person.birthday) {
    const next = nextYearly(parseCivil(person.birthday), today);
    out.push({ key: `${person.id}-b`, who: person.name, id: person.id, kind: 'birthday', date: next, years: 0, days: daysBetween(today, next) });
  }
  return out;
}

function Countdown({ days }: { days: number }): JSX.Element {
  return <span class="countdown-badge">{days === 0 ? t('rewards.countdownToday') : countdownText(days)}</span>;
}

export function Celebrations({ session }: { session: Session }): JSX.Element | null {
  const emp = session.me.employee;
  if (!emp) return null;
  const today = todayIn(orgZone(session));
  const mine = upcoming(emp, today);
  const anniversary = mine.find((c) => c.kind === 'anniversary');
  const birthday = mine.find((c) => c.kind === 'birthday');
  const team = emp.reports
    .flatMap((r) => upcoming(r, today))
    .filter((c) => c.days <= 60)
    .sort((a, b) => a.days - b.days);

  return (
    <>
      <Card title={t('rewards.upcoming')}>
        <ul class="celebrations">
          {birthday ? (
            <li>
              <span class="celebration-icon" aria-hidden="true">
                <Icon name="cake" />
              </span>
              <div>
                <p class="tl-title">{t('rewards.birthday')}</p>
                <p class="muted">{formatMonthDay(birthday.date)}</p>
              </div>
              <Countdown days={birthday.days} />
            </li>
          ) : (
            <li>
              <span class="celebration-icon" aria-hidden="true">
                <Icon name="cake" />
              </span>
              <p class="muted">
                <a href="/me">{t('rewards.birthdayHidden')}</a>
              </p>
            </li>
          )}
          {anniversary ? (
            <li>
              <span class="celebration-icon" aria-hidden="true">
                <Icon name="star" />
              </span>
              <div>
                <p class="tl-title">{t('rewards.anniversary', { years: t('tenure.years', { count: anniversary.years }) })}</p>
                <p class="muted">{formatCivil(anniversary.date)}</p>
              </div>
              <Countdown days={anniversary.days} />
            </li>
          ) : null}
        </ul>
      </Card>
      {emp.reports.length > 0 ? (
        <Card title={t('rewards.team')}>
          {team.length === 0 ? (
            <p class="muted">{t('rewards.teamNone')}</p>
          ) : (
            <ul class="celebrations">
              {team.map((c) => (
                <li key={c.key}>
                  <Avatar name={c.who} />
                  <div>
                    <p class="tl-title">
                      <a href={`/community/${encodeURIComponent(c.id)}`}>{c.who}</a>
                    </p>
                    <p class="muted">
                      {c.kind === 'birthday' ? t('rewards.teamBirthday') : t('rewards.teamAnniversary', { count: c.years })} ·{' '}
                      {c.kind === 'birthday' ? formatMonthDay(c.date) : formatCivil(c.date)}
                    </p>
                  </div>
                  <Countdown days={c.days} />
                </li>
              ))}
            </ul>
          )}
        </Card>
      ) : null}
    </>
  );
}
