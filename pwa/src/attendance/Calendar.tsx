/** A month grid, Monday first. Each derived day is a button: colour, symbol and a short word for its status. */
import type { JSX } from 'preact';
import type { DayStatus } from '../gql/graphql';
import { locale, t, type MessageKey } from '../i18n';
import { compare, formatCivil, type Civil } from '../lib/dates';
import { STATUSES, statusClass, statusSymbol, statusText } from './labels';

type Day = { day: string; status: DayStatus };

export function Calendar(props: { month: string; days: Day[]; today: Civil; selected: string | null; onPick: (day: string) => void }): JSX.Element {
  const [y, m] = props.month.split('-').map(Number) as [number, number];
  const first = new Date(Date.UTC(y, m - 1, 1));
  const length = new Date(Date.UTC(y, m, 0)).getUTCDate();
  const lead = (first.getUTCDay() + 6) % 7; // Monday = 0
  const byDay = new Map(props.days.map((d) => [d.day, d]));
  const weekday = new Intl.DateTimeFormat(locale(), { weekday: 'narrow', timeZone: 'UTC' });
  const heads = Array.from({ length: 7 }, (_, i) => weekday.format(new Date(Date.UTC(2024, 0, 1 + i)))); // 2024-01-01 is a Monday
  const cells: (number | null)[] = [...Array.from({ length: lead }, () => null), ...Array.from({ length }, (_, i) => i + 1)];
  while (cells.length % 7) cells.push(null);

  return (
    <div class="att-calendar" role="grid" aria-label={t('att.calendar')}>
      <div class="att-row" role="row">
        {heads.map((h, i) => (
          <span key={i} class="att-head" role="columnheader">
            {h}
          </span>
        ))}
      </div>
      {Array.from({ length: cells.length / 7 }, (_, w) => (
        <div class="att-row" role="row" key={w}>
          {cells.slice(w * 7, w * 7 + 7).map((n, i) => {
            if (n === null) return <span key={i} class="att-cell att-empty" role="gridcell" />;
            const iso = `${props.month}-${String(n).padStart(2, '0')}`;
            const d = byDay.get(iso);
            const civil = { y, m, d: n };
            const isToday = compare(civil, props.today) === 0;
            const label = `${formatCivil(civil)}${d ? `: ${statusText(d.status)}` : ''}${isToday ? ` (${t('att.todayShort')})` : ''}`;
            return (
              <span key={i} role="gridcell">
                <button
                  type="button"
                  class={`att-cell ${d ? statusClass(d.status) : 'att-none'}${isToday ? ' att-is-today' : ''}`}
                  aria-label={label}
                  aria-pressed={props.selected === iso}
                  data-day={iso}
                  data-status={d?.status ?? ''}
                  onClick={() => props.onPick(iso)}
                >
                  <span class="att-num">{n}</span>
                  {d ? (
                    <>
                      <span class="att-sym" aria-hidden="true">{statusSymbol(d.status)}</span>
                      <span class="att-word" aria-hidden="true">{t(`att.short.${d.status}` as MessageKey)}</span>
                    </>
                  ) : null}
                </button>
              </span>
            );
          })}
        </div>
      ))}
    </div>
  );
}

export function Legend(): JSX.Element {
  return (
    <details class="att-legend">
      <summary>{t('att.legend')}</summary>
      <ul>
        {STATUSES.map((s) => (
          <li key={s}>
            <span class={`att-swatch ${statusClass(s)}`} aria-hidden="true">{statusSymbol(s)}</span>
            {statusText(s)}
          </li>
        ))}
      </ul>
    </details>
  );
}
