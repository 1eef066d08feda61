/** One day of my attendance: status, first in / last out, minutes late / early, worked, overtime, flags,
 * its punches; a day with a missing punch offers the correction form. */
import type { JSX } from 'preact';
import { localized, t } from '../i18n';
import { formatCivil, parseCivil } from '../lib/dates';
import { Card, Facts } from '../ui/kit';
import { directionText, flagText, minutesText, statusClass, statusSymbol, statusText, timeIn } from './labels';
import type { AttendanceDay } from './MyAttendance';

type Punch = { id: string; deviceSn: string; deviceName: string; occurredAt: string; direction: string; flags: string[] };

export function DayDetail({ day, zone }: { day: AttendanceDay; zone: string }): JSX.Element {
  return (
    <Card title={formatCivil(parseCivil(day.day), 'full')} class="att-detail">
      <p class={`att-status-line ${statusClass(day.status)}`} data-status={day.status} data-flags={day.flags.join(' ')}>
        <span aria-hidden="true">{statusSymbol(day.status)}</span> {statusText(day.status)}
        {day.closed ? null : <span class="tag tag-pending">{t('att.open')}</span>}
      </p>
      <Facts
        rows={[
          [t('att.shift'), day.shift ? `${localized(day.shift.nameEn, day.shift.nameZh)} ${day.shift.startTime}–${day.shift.endTime}` : t('att.noShift')],
          [t('att.site'), day.site?.name],
          [t('att.firstIn'), timeIn(day.firstIn, zone)],
          [t('att.lastOut'), timeIn(day.lastOut, zone)],
          [t('att.lateBy'), day.lateMinutes ? minutesText(day.lateMinutes) : null],
          [t('att.earlyBy'), day.earlyLeaveMinutes ? minutesText(day.earlyLeaveMinutes) : null],
          [t('att.worked'), minutesText(day.workedMinutes)],
          [t('att.overtime'), day.overtimeMinutes ? minutesText(day.overtimeMinutes) : null],
          [t('att.flags'), day.flags.length ? day.flags.map(flagText).join(' · ') : null],
        ]}
      />
      <h3 class="section-title">{t('att.punches')}</h3>
      {day.punches.length ? <PunchList punches={day.punches} zone={zone} /> : <p class="muted">{t('att.noPunches')}</p>}
      {day.status === 'MISSING_PUNCH' || day.status === 'ABSENT' ? (
        <p>
          <a class="btn btn-primary att-correct" href={`/attendance/requests?kind=CORRECTION&day=${day.day}`}>
            {t('att.requestCorrection')}
          </a>
        </p>
      ) : null}
    </Card>
  );
}

/** Punches with their time in the site's zone and the terminal they were made on. */
export function PunchList({ punches, zone }: { punches: Punch[]; zone: string }): JSX.Element {
  return (
    <ul class="att-punches">
      {punches.map((p) => (
        <li key={p.id}>
          <span class="att-punch-time">{timeIn(p.occurredAt, zone)}</span>
          <span>{directionText(p.direction)}</span>
          <span class="muted att-punch-device" title={p.deviceSn}>
            {t('att.device', { device: p.deviceName })}
          </span>
        </li>
      ))}
    </ul>
  );
}
