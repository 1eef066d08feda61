/** My attendance: a month as a calendar (colour + symbol + word per day), its figures, today's punches,
 * and the tapped day's detail. Month and day live in the URL (?month=2026-12&day=2026-12-03). */
import type { JSX } from 'preact';
import { can } from '../api/me';
import { MyAttendanceDocument, type MyAttendanceQuery } from '../gql/graphql';
import { t } from '../i18n';
import { formatCivil, parseCivil, todayIn } from '../lib/dates';
import { navigate, useSearchParams } from '../lib/router';
import { useQuery } from '../lib/useQuery';
import { orgZone, type Session } from '../shell/session';
import { Card, ErrorNote, Facts, Loading, Page } from '../ui/kit';
import { Icon } from '../ui/icons';
import { Calendar, Legend } from './Calendar';
import { DayDetail, PunchList } from './DayDetail';
import { monthTitle, percent, shiftMonth } from './labels';
import './attendance.css';

export type AttendanceDay = MyAttendanceQuery['myAttendance']['days'][number];

export function MyAttendance({ session }: { session: Session }): JSX.Element {
  const params = useSearchParams();
  const zone = orgZone(session);
  const today = todayIn(zone);
  const thisMonth = `${today.y}-${String(today.m).padStart(2, '0')}`;
  const month = /^\d{4}-\d{2}$/.test(params.get('month') ?? '') ? (params.get('month') as string) : thisMonth;
  const selected = params.get('day');
  const { data, error, loading, reload } = useQuery(MyAttendanceDocument, { month });
  const m = data?.myAttendance;
  const days = m?.month === month ? m.days : [];
  const dayZone = days.find((d) => d.site)?.site?.timeZone ?? zone;
  const picked = days.find((d) => d.day === selected) ?? null;

  const go = (nextMonth: string, day: string | null = null) =>
    navigate(`/attendance?month=${nextMonth}${day ? `&day=${day}` : ''}`, { replace: true });

  return (
    <Page title={t('att.title')} back="/me">
      <ul class="menu card att-links">
        <li>
          <a href="/attendance/requests">
            <Icon name="calendar" />
            <span class="menu-text">
              <span>{t('att.requests.title')}</span>
              <span class="muted">{t('att.requests.hint')}</span>
            </span>
            <Icon name="chevron" size={20} />
          </a>
        </li>
        {can(session.me, 'attendance:approve') ? (
          <li>
            <a href="/approvals">
              <Icon name="check" />
              <span class="menu-text">
                <span>{t('approvals.title')}</span>
                <span class="muted">{t('att.approvalsHint')}</span>
              </span>
              <Icon name="chevron" size={20} />
            </a>
          </li>
        ) : null}
        {can(session.me, 'attendance:read_any') ? (
          <li>
            <a href="/attendance/hr">
              <Icon name="people" />
              <span class="menu-text">
                <span>{t('att.hr.title')}</span>
                <span class="muted">{t('att.hr.hint')}</span>
              </span>
              <Icon name="chevron" size={20} />
            </a>
          </li>
        ) : null}
      </ul>

      {data ? (
        <Card title={t('att.today')} class="att-today">
          {data.todayPunches.length ? <PunchList punches={data.todayPunches} zone={dayZone} /> : <p class="muted">{t('att.noPunchesToday')}</p>}
        </Card>
      ) : null}

      <div class="att-month-head">
        <button type="button" class="icon-btn" aria-label={t('att.prevMonth')} onClick={() => go(shiftMonth(month, -1))}>
          <Icon name="back" />
        </button>
        <h2 aria-live="polite" class="att-month-title">{monthTitle(month)}</h2>
        <button type="button" class="icon-btn" aria-label={t('att.nextMonth')} onClick={() => go(shiftMonth(month, 1))} disabled={month >= thisMonth}>
          <Icon name="chevron" />
        </button>
      </div>

      {error ? (
        <ErrorNote error={error} onRetry={reload} />
      ) : loading && !m ? (
        <Loading lines={5} />
      ) : (
        <>
          <Calendar month={month} days={days} today={today} selected={selected} onPick={(d) => go(month, d === selected ? null : d)} />
          <Legend />
          {picked ? (
            <DayDetail day={picked} zone={picked.site?.timeZone ?? dayZone} />
          ) : selected ? (
            <Card title={formatCivil(parseCivil(selected), 'full')}>
              <p class="muted">{t('att.notDerived')}</p>
            </Card>
          ) : null}
          {m ? (
            <Card title={t('att.figures')} class="att-figures">
              <Facts
                rows={[
                  [t('att.rate'), percent(m.attendanceRate)],
                  [t('att.punctuality'), percent(m.punctualityRate)],
                  [t('att.present'), String(m.present)],
                  [t('att.late'), String(m.late)],
                  [t('att.absent'), String(m.absent)],
                  [t('att.remote'), String(m.remote)],
                ]}
              />
            </Card>
          ) : null}
        </>
      )}
    </Page>
  );
}
