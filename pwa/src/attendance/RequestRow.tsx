/** One attendance request as a card: who (unless mine), what, when, why, its state and the decider's note. */
import type { ComponentChildren, JSX } from 'preact';
import type { AttendanceRequestFieldsFragment } from '../gql/graphql';
import { t } from '../i18n';
import { formatCivil, formatInstant, parseCivil } from '../lib/dates';
import { kindText, requestStatusClass, requestStatusText, shiftName, timeIn, directionText } from './labels';

export function requestWhat(r: AttendanceRequestFieldsFragment, zone: string): string {
  const from = formatCivil(parseCivil(r.startsOn), 'medium');
  const range = r.endsOn && r.endsOn !== r.startsOn ? `${from} – ${formatCivil(parseCivil(r.endsOn), 'medium')}` : from;
  switch (r.kind) {
    case 'FLEXIBLE_HOURS':
      return t('att.what.flexible', { shift: r.shift ? shiftName(r.shift) : '', from });
    case 'SHIFT_CHANGE':
      return t('att.what.shift', { shift: r.shift ? shiftName(r.shift) : '', range });
    case 'REMOTE_DAY':
      return t('att.what.remote', { range, count: r.days });
    case 'CORRECTION':
      return t('att.what.correction', { day: from, time: timeIn(r.punchAt, zone), direction: directionText(r.punchDirection ?? '') });
  }
}

export function RequestRow(props: { request: AttendanceRequestFieldsFragment; zone: string; mine?: boolean; children?: ComponentChildren }): JSX.Element {
  const r = props.request;
  const zone = r.employee.site?.timeZone ?? props.zone;
  return (
    <li class="card att-request" data-id={r.id} data-kind={r.kind} data-status={r.status}>
      <p class="att-request-head">
        <strong>{props.mine ? kindText(r.kind) : `${r.employee.name} · ${kindText(r.kind)}`}</strong>
        <span class={`tag ${requestStatusClass(r.status)} att-request-status`}>{requestStatusText(r.status)}</span>
      </p>
      <p>{requestWhat(r, zone)}</p>
      {r.usesEntitlement ? <p class="muted">{t('att.usesEntitlement')}</p> : null}
      {r.reason ? <p class="feedback-message">“{r.reason}”</p> : null}
      <p class="muted">
        {t('att.asked', { when: formatInstant(r.createdAt, zone) })}
        {r.decidedBy && r.decidedAt ? ` · ${t('att.decidedBy', { name: r.decidedBy.name, when: formatInstant(r.decidedAt, zone) })}` : ''}
      </p>
      {r.decisionNote ? <p class="muted">{t('att.decisionNote', { note: r.decisionNote })}</p> : null}
      {props.children ? <div class="actions">{props.children}</div> : null}
    </li>
  );
}
