/** One evidence record as people read it: title, kind, dates, hours, the kind's details, the certificate's thumbnail,
 * status (with the reason when rejected, revoked or disputed) and who confirmed it. Actions are passed in. */
import type { ComponentChildren, JSX } from 'preact';
import type { GrowthRecordFieldsFragment } from '../../gql/graphql';
import { hasKey, t } from '../../i18n';
import { formatCivil, formatInstant, parseCivil } from '../../lib/dates';
import { Icon } from '../../ui/icons';
import { kindLabel, num, recordStatusLabel, sourceLabel } from '../labels';

export type RecordItem = GrowthRecordFieldsFragment;

export function StatusTag({ status }: { status: RecordItem['status'] }): JSX.Element {
  return <span class={`tag rec-status rec-${status.toLowerCase()}`}>{recordStatusLabel(status)}</span>;
}

export function RecordCard(props: { record: RecordItem; zone: string; showEmployee?: boolean; href?: string; children?: ComponentChildren }): JSX.Element {
  const r = props.record;
  const date = (iso: string) => formatCivil(parseCivil(iso), 'medium');
  const attrs = Object.entries(isRecord(r.attributes) ? r.attributes : {}).filter(([k, v]) => k !== 'mentee_id' && (typeof v === 'string' || typeof v === 'number') && String(v) !== '');
  const title = props.href ? <a href={props.href}>{r.title}</a> : r.title;
  return (
    <article class="record" data-id={r.id} data-status={r.status} aria-label={`${r.title} · ${recordStatusLabel(r.status)}`}>
      <div class="record-head">
        <div class="record-main">
          {props.showEmployee ? <p class="record-who">{r.employee.name}</p> : null}
          <h3 class="record-title">{title}</h3>
          <p class="muted">
            {kindLabel(r.kind)} · {date(r.occurredOn)}
            {r.endsOn ? ` – ${date(r.endsOn)}` : ''}
            {r.quantity ? ` · ${t('growth.hours', { n: num(r.quantity) })}` : ''}
          </p>
        </div>
        {r.file?.thumbnailUrl ? (
          <a class="record-thumb" href={r.file.url} target="_blank" rel="noopener noreferrer" aria-label={t('growth.records.openFile')}>
            <img src={r.file.thumbnailUrl} alt="" width={64} height={64} loading="lazy" />
          </a>
        ) : r.file ? (
          <a class="record-thumb is-doc" href={r.file.url} target="_blank" rel="noopener noreferrer" aria-label={t('growth.records.openFile')}>
            <Icon name="certificate" size={28} />
          </a>
        ) : null}
      </div>
      {attrs.length > 0 ? (
        <dl class="record-attrs">
          {attrs.map(([k, v]) => (
            <div key={k}>
              <dt>{attrLabel(k)}</dt>
              <dd>{attrValue(k, String(v))}</dd>
            </div>
          ))}
        </dl>
      ) : null}
      <p class="record-status">
        <StatusTag status={r.status} />
        <span class="muted">
          {' '}
          {sourceLabel(r.source)}
          {r.confirmedBy && r.status === 'CONFIRMED' ? ` · ${t('growth.records.confirmedBy', { name: r.confirmedBy.name })}` : ''}
          {r.confirmedAt && r.status === 'CONFIRMED' ? ` · ${formatInstant(r.confirmedAt, props.zone)}` : ''}
        </span>
      </p>
      {r.statusReason && r.status !== 'CONFIRMED' && r.status !== 'CLAIMED' ? <p class="record-reason">{t('growth.records.reason', { reason: r.statusReason })}</p> : null}
      {props.children}
    </article>
  );
}

function isRecord(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

/** Known training categories read as words; everything else as recorded. */
function attrValue(name: string, value: string): string {
  const key = `growth.category.${value}`;
  return name === 'category' && hasKey(key) ? t(key) : value;
}

function attrLabel(name: string): string {
  const key = `growth.attr.${name}`;
  return hasKey(key) ? t(key) : name;
}
