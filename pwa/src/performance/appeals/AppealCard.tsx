/** One appeal as the appellant, the reviewer and HR see it: status, due date, reason, evidence, the decision. */
import type { ComponentChildren, JSX } from 'preact';
import type { PerfAppealFragment } from '../../gql/graphql';
import { t } from '../../i18n';
import { formatInstant } from '../../lib/dates';
import { isAppPath } from '../../lib/router';
import { Facts } from '../../ui/kit';
import { appealStatusLabel, cycleName, scoreText } from '../labels';

export function AppealCard(props: { appeal: PerfAppealFragment; zone: string; dimensionName?: string | null; children?: ComponentChildren }): JSX.Element {
  const a = props.appeal;
  const about = a.dimensionCode ? (props.dimensionName ?? a.dimensionCode) : t('perf.appeal.whole');
  return (
    <li class="card perf-item appeal" data-id={a.id} data-status={a.status}>
      <div class="perf-item-head">
        <p class="perf-item-title">
          {t('perf.appeal.about', { cycle: cycleName(a.cycle), about })}
        </p>
        <span class={`tag tag-${a.status.toLowerCase()} appeal-status`}>{appealStatusLabel(a.status)}</span>
      </div>
      <p class="feedback-message">{a.reason}</p>
      {a.evidence.length ? (
        <ul class="evidence-links" aria-label={t('perf.appeal.evidence')}>
          {a.evidence.map((link, i) => (
            <li key={i}>{/^https?:\/\//.test(link) || isAppPath(link) ? <a href={link} target={isAppPath(link) ? undefined : '_blank'} rel="noopener noreferrer">{link}</a> : link}</li>
          ))}
        </ul>
      ) : null}
      <Facts
        rows={[
          [t('perf.appeal.employee'), a.employee?.name],
          [t('perf.appeal.reviewer'), a.reviewer?.name ?? t('perf.appeal.noReviewer')],
          [t('perf.appeal.filed'), formatInstant(a.filedAt, props.zone)],
          [
            t('perf.appeal.due'),
            a.status === 'OPEN' ? (
              <>
                {formatInstant(a.dueAt, props.zone)}
                {a.overdue ? <span class="tag tag-overdue"> {t('perf.appeal.overdue')}</span> : null}
              </>
            ) : null,
          ],
          [t('perf.appeal.decision'), a.decision],
          [t('perf.appeal.decidedBy'), a.decidedBy ? `${a.decidedBy.name}${a.decidedAt ? ` · ${formatInstant(a.decidedAt, props.zone)}` : ''}` : null],
          [
            t('perf.appeal.totals'),
            a.totalBefore !== null && a.totalBefore !== undefined
              ? a.totalAfter !== null && a.totalAfter !== undefined
                ? t('perf.appeal.totalChange', { before: scoreText(a.totalBefore), after: scoreText(a.totalAfter) })
                : a.status === 'UPHELD'
                  ? t('perf.appeal.totalBefore', { before: scoreText(a.totalBefore) })
                  : scoreText(a.totalBefore)
              : null,
          ],
        ]}
      />
      {a.correctionAfterLock ? (
        <p class="appeal-after-lock" role="note">
          {t('perf.appeal.afterLock')}
        </p>
      ) : null}
      {props.children}
    </li>
  );
}
