/** HR: every site's day — counts per status, closed or still open, and the people, filterable by status. */
import type { JSX } from 'preact';
import { useState } from 'preact/hooks';
import { AttendanceOverviewDocument, type AttendanceOverviewQuery, type DayStatus } from '../../gql/graphql';
import { t } from '../../i18n';
import { toIso, todayIn } from '../../lib/dates';
import { navigate, useSearchParams } from '../../lib/router';
import { useQuery } from '../../lib/useQuery';
import { orgZone, type Session } from '../../shell/session';
import { Card, ErrorNote, Field, Loading } from '../../ui/kit';
import { STATUSES, statusClass, statusSymbol, statusText, timeIn, minutesText } from '../labels';

type Summary = AttendanceOverviewQuery['attendanceOverview'][number];

export function Overview({ session }: { session: Session }): JSX.Element {
  const params = useSearchParams();
  const zone = orgZone(session);
  const today = toIso(todayIn(zone));
  const asked = params.get('day') ?? '';
  const day = /^\d{4}-\d{2}-\d{2}$/.test(asked) ? asked : today;
  const { data, error, loading, reload } = useQuery(AttendanceOverviewDocument, { day, siteId: null });
  const sites = loading ? null : data?.attendanceOverview ?? null; // never the previous day's while the next loads

  return (
    <>
      <Field
        type="date"
        name="day"
        label={t('att.hr.day')}
        value={day}
        onValue={(v) => {
          if (/^\d{4}-\d{2}-\d{2}$/.test(v)) navigate(`/attendance/hr?day=${v}`, { replace: true });
        }}
      />
      {error ? (
        <ErrorNote error={error} onRetry={reload} />
      ) : !sites ? (
        <Loading lines={4} />
      ) : sites.length ? (
        sites.map((s) => <SiteDay key={`${s.site.id}-${s.day}`} summary={s} />)
      ) : (
        <p class="muted">{t('att.hr.noSites')}</p>
      )}
    </>
  );
}

function SiteDay({ summary }: { summary: Summary }): JSX.Element {
  const [filter, setFilter] = useState<DayStatus | 'ALL'>('ALL');
  const zone = summary.site.timeZone;
  const counts: [string, number, string][] = [
    [t('att.present'), summary.present, 'present'],
    [t('att.late'), summary.late, 'late'],
    [t('att.absent'), summary.absent, 'absent'],
    [t('att.status.MISSING_PUNCH'), summary.missingPunch, 'missing-punch'],
    [t('att.remote'), summary.remote, 'remote'],
    [t('att.hr.total'), summary.total, 'total'],
  ];
  const present = STATUSES.filter((s) => summary.people.some((p) => p.status === s));
  const people = filter === 'ALL' ? summary.people : summary.people.filter((p) => p.status === filter);
  return (
    <div class="att-site-day" data-day={summary.day}>
      <Card title={summary.site.name}>
        <p>
          <span class={`tag ${summary.closed ? 'tag-fulfilled' : 'tag-pending'} att-closed`}>{summary.closed ? t('att.closed') : t('att.open')}</span>
        </p>
        <dl class="att-counts">
          {counts.map(([label, n, key]) => (
            <div key={key} class={`att-count att-count-${key}`} data-count={key}>
              <dt>{label}</dt>
              <dd>{n}</dd>
            </div>
          ))}
        </dl>
        <label class="field">
          <span>{t('att.hr.filter')}</span>
          <select name="status" value={filter} onChange={(e) => setFilter(e.currentTarget.value as DayStatus | 'ALL')}>
            <option value="ALL">{t('att.hr.everyone', { count: summary.people.length })}</option>
            {present.map((s) => (
              <option key={s} value={s}>
                {statusText(s)} ({summary.people.filter((p) => p.status === s).length})
              </option>
            ))}
          </select>
        </label>
        <details class="att-people-box" open={filter !== 'ALL'}>
          <summary>{t('att.hr.people', { count: people.length })}</summary>
          <ul class="att-people">
            {people.map((p) => (
              <li key={p.employee.id} data-status={p.status}>
                <span class={`att-swatch ${statusClass(p.status)}`} aria-hidden="true">{statusSymbol(p.status)}</span>
                <span class="menu-text">
                  <span>{p.employee.name}</span>
                  <span class="muted">
                    {statusText(p.status)}
                    {p.firstIn || p.lastOut ? ` · ${timeIn(p.firstIn, zone)}–${timeIn(p.lastOut, zone)}` : ''}
                    {p.lateMinutes ? ` · ${t('att.lateBy')} ${minutesText(p.lateMinutes)}` : ''}
                  </span>
                </span>
              </li>
            ))}
          </ul>
        </details>
      </Card>
    </div>
  );
}
