/** One requirement on a level: a chip that fills in as evidence counts (done / 2 of 3 / missing), linking to its detail. */
import type { JSX } from 'preact';
import { t } from '../../i18n';
import { Icon } from '../../ui/icons';
import { amountText, named, reqStatusLabel } from '../labels';
import { requirementHref, type RequirementItem } from './types';

export function RequirementChip({ item, employeeId }: { item: RequirementItem; employeeId?: string | null }): JSX.Element {
  const r = item.requirement;
  const fill = item.target > 0 ? Math.min(1, Math.max(0, item.current / item.target)) : item.status === 'DONE' ? 1 : 0;
  const amount = item.status === 'DONE' ? reqStatusLabel('DONE') : item.status === 'MISSING' && item.current <= 0 ? reqStatusLabel('MISSING') : amountText(item.current, item.target, r.aggregate, r.measureField);
  return (
    <li>
      <a
        class={`req-chip req-${item.status.toLowerCase()}`}
        href={requirementHref(r.id, employeeId)}
        data-requirement={r.id}
        data-status={item.status}
        style={{ '--fill': String(fill) }}
        aria-label={t('growth.chipLabel', { name: named(r), state: amount })}
      >
        <span class="req-icon" aria-hidden="true">
          {item.status === 'DONE' ? <Icon name="check" size={16} /> : item.status === 'PARTIAL' ? '◐' : '○'}
        </span>
        <span class="req-name">{named(r)}</span>
        <span class="req-amount">{amount}</span>
      </a>
    </li>
  );
}
