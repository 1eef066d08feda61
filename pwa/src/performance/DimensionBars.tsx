/** Live progress per dimension: a bar toward the target ("80 % of target"), points and what is still missing. */
import type { JSX } from 'preact';
import type { PerfScorecardFragment } from '../gql/graphql';
import { t } from '../i18n';
import { dimensionName, percentText, scoreText, sourceLabel, valueText } from './labels';

export function DimensionBars(props: { dimensions: PerfScorecardFragment['dimensions'] }): JSX.Element {
  return (
    <ul class="dim-bars">
      {props.dimensions.map((d) => {
        const name = dimensionName(d);
        const progress = Math.max(0, Math.min(1, d.progress));
        return (
          <li class="dim-bar" key={d.code} data-code={d.code}>
            <div class="dim-bar-head">
              <span class="dim-bar-name">
                {name} <span class="muted">· {t('perf.weightPct', { weight: d.weight })}</span>
              </span>
              <span class="dim-bar-points">{t('perf.pointsShort', { points: scoreText(d.points) })}</span>
            </div>
            <progress
              class={`progress${d.missing ? ' is-missing' : ''}`}
              max={1}
              value={progress}
              aria-label={name}
              aria-valuetext={d.missing ? t('perf.missingData') : t('perf.ofTarget', { pct: percentText(d.progress) })}
            />
            <p class="muted">
              {d.missing ? (
                <span class="dim-missing">{t('perf.missingWhat', { source: sourceLabel(d.source) })}</span>
              ) : (
                <>
                  {t('perf.ofTarget', { pct: percentText(d.progress) })}
                  {d.target !== null && d.target !== undefined ? ` · ${t('perf.rawOfTarget', { raw: valueText(d.raw, d.unit), target: valueText(d.target, d.unit) })}` : ''}
                </>
              )}
            </p>
          </li>
        );
      })}
    </ul>
  );
}
