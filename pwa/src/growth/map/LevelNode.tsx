/** A level on the path: its dot (filled when complete, ringed when current), name, percent and requirement chips. */
import type { JSX } from 'preact';
import { t } from '../../i18n';
import { formatInstantDate } from '../../lib/dates';
import { Icon } from '../../ui/icons';
import { named, percentText } from '../labels';
import { RequirementChip } from './RequirementChip';
import type { LevelItem } from './types';

export function LevelNode({ item, zone, employeeId }: { item: LevelItem; zone: string; employeeId?: string | null }): JSX.Element {
  const { level } = item;
  const state = item.complete ? 'complete' : item.isCurrent ? 'current' : item.percent > 0 ? 'started' : 'future';
  const name = named(level);
  const chips = (
    <ul class="req-chips" aria-label={t('growth.map.requirementsOf', { name })}>
      {item.requirements.map((r) => (
        <RequirementChip key={r.requirement.id} item={r} employeeId={employeeId} />
      ))}
    </ul>
  );
  return (
    <li class={`lvl lvl-${state}`} data-level={level.code} data-complete={item.complete ? 'true' : 'false'} aria-current={item.isCurrent ? 'step' : undefined}>
      <span class="lvl-dot" aria-hidden="true">
        {item.complete ? <Icon name="check" size={18} /> : item.isCurrent ? <Icon name="flag" size={16} /> : null}
      </span>
      <div class="lvl-body">
        <h3 class="lvl-name">
          {name}
          {item.isCurrent ? <span class="tag tag-current">{t('growth.map.current')}</span> : null}
        </h3>
        <p class="lvl-meta">
          <span class="lvl-percent">{item.complete ? t('growth.map.complete') : percentText(item.percent)}</span>
          {item.completedAt ? <span class="muted"> · {t('growth.map.completedOn', { date: formatInstantDate(item.completedAt, zone) })}</span> : null}
        </p>
        <progress class="progress lvl-progress" max={100} value={item.percent} aria-label={t('growth.map.levelProgress', { name })} aria-valuetext={percentText(item.percent)} />
        {item.requirements.length === 0 ? null : item.complete && !item.isCurrent ? (
          // A level behind the person keeps its chips folded: the path stays short, what it took is one tap away.
          <details class="lvl-done-reqs">
            <summary>{t('growth.map.showDone', { count: item.requirements.length })}</summary>
            {chips}
          </details>
        ) : (
          chips
        )}
      </div>
    </li>
  );
}
