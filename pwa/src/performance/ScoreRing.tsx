/** The score ring: completion toward targets around the edge, the weighted total inside. A progress indicator
 * drawn with CSS (conic-gradient) so the Home card needs no chart library. */
import type { JSX } from 'preact';
import { t } from '../i18n';
import { percentText, scoreText } from './labels';

export function ScoreRing(props: { total: number; completion: number; small?: boolean }): JSX.Element {
  const ring = Math.max(0, Math.min(1, props.completion));
  return (
    <div
      class={`score-ring${props.small ? ' score-ring-sm' : ''}`}
      style={{ '--ring': String(ring) }}
      role="img"
      aria-label={t('perf.ringLabel', { total: scoreText(props.total), pct: percentText(props.completion) })}
    >
      <span class="score-ring-text" aria-hidden="true">
        <span class="score-ring-total">{scoreText(props.total)}</span>
        <span class="score-ring-sub">{props.small ? percentText(props.completion) : t('perf.ofTarget', { pct: percentText(props.completion) })}</span>
      </span>
    </div>
  );
}
