/** The scorecard statement: how the number is made. Each dimension's raw value, who supplied it, weight, the curve
 * that turned it into points, then the total, ranks, change, tiers, the bonus line and the appeal window. */
import type { JSX } from 'preact';
import type { PerfStatementFragment } from '../gql/graphql';
import { localized, t } from '../i18n';
import { formatInstant } from '../lib/dates';
import { formatMoney } from '../lib/money';
import { Facts } from '../ui/kit';
import { changeText, dimensionName, percentText, rankText, scoreText, sourceLabel, tierLabel, valueSourceLabel, valueText } from './labels';

type Line = PerfStatementFragment['lines'][number];

export function Statement(props: { statement: PerfStatementFragment; zone: string }): JSX.Element {
  const s = props.statement;
  return (
    <div class="statement">
      <p class="muted">
        {t('perf.templateVersion', { name: localized(s.templateNameEn, s.templateNameZh), version: s.templateVersion })}
        {s.computedAt ? ` · ${t('perf.computedAt', { when: formatInstant(s.computedAt, props.zone) })}` : ''}
      </p>
      <ul class="stmt-lines">
        {s.lines.map((line) => (
          <StatementLine key={line.code} line={line} zone={props.zone} />
        ))}
      </ul>
      <div class="stmt-total">
        <span>{t('perf.total')}</span>
        <strong class="big stmt-total-value">{scoreText(s.total)}</strong>
      </div>
      <Facts
        rows={[
          [t('perf.completion'), t('perf.ofTarget', { pct: percentText(s.completion) })],
          [t('perf.rankDepartment'), rankText(s.rankDepartment, s.departmentSize, s.percentileDepartment)],
          [t('perf.rankOrganization'), rankText(s.rankOrganization, s.organizationSize, s.percentileOrganization)],
          [
            t('perf.change'),
            s.change !== null && s.change !== undefined && s.previousTotal !== null && s.previousTotal !== undefined
              ? t('perf.changeVs', { change: changeText(s.change), previous: scoreText(s.previousTotal) })
              : t('perf.noPrevious'),
          ],
          [t('perf.tiers'), s.tiers.length ? s.tiers.map(tierLabel).join(' · ') : t('perf.noTier')],
          [
            t('perf.bonus'),
            s.bonusMinor !== null && s.bonusMinor !== undefined ? (
              <span class="bonus-line">{formatMoney(s.bonusMinor, s.bonusCurrency ?? 'CNY')}</span>
            ) : (
              t('perf.noBonus')
            ),
          ],
          [
            t('perf.appealWindow'),
            s.appealDeadline
              ? s.appealOpen
                ? t('perf.appealOpenUntil', { when: formatInstant(s.appealDeadline, props.zone) })
                : t('perf.appealClosedAt', { when: formatInstant(s.appealDeadline, props.zone) })
              : null,
          ],
        ]}
      />
    </div>
  );
}

function StatementLine({ line, zone }: { line: Line; zone: string }): JSX.Element {
  const supplied = [
    line.valueSource ? valueSourceLabel(line.valueSource) : null,
    line.sourceLabel || null,
    line.suppliedBy?.name ?? null,
    line.suppliedAt ? formatInstant(line.suppliedAt, zone) : null,
  ].filter(Boolean);
  return (
    <li class="stmt-line" data-code={line.code}>
      <div class="stmt-head">
        <span class="stmt-name">{dimensionName(line)}</span>
        <span class="stmt-weighted" title={t('perf.weighted')}>
          {scoreText(line.weighted)}
        </span>
      </div>
      <dl class="stmt-grid">
        <dt>{t('perf.raw')}</dt>
        <dd class="stmt-raw">
          {line.missing ? <span class="dim-missing">{t('perf.noData')}</span> : valueText(line.raw, line.unit)}
          {line.target !== null && line.target !== undefined ? <span class="muted"> / {valueText(line.target, line.unit)}</span> : null}
        </dd>
        <dt>{t('perf.source')}</dt>
        <dd>
          {sourceLabel(line.source)}
          {supplied.length ? <span class="muted"> · {supplied.join(' · ')}</span> : null}
        </dd>
        <dt>{t('perf.weight')}</dt>
        <dd>{t('perf.weightPct', { weight: line.weight })}</dd>
        <dt>{t('perf.curve')}</dt>
        <dd>{localized(line.curveEn, line.curveZh)}</dd>
        <dt>{t('perf.points')}</dt>
        <dd class="stmt-points">{t('perf.pointsWeighted', { points: scoreText(line.points), weighted: scoreText(line.weighted) })}</dd>
      </dl>
      <Detail detail={line.detail} />
    </li>
  );
}

/** The line's detail JSON (ratings by relation, key results…), shown as plain facts; shapes we do not know are skipped. */
function Detail({ detail }: { detail: unknown }): JSX.Element | null {
  if (!detail || typeof detail !== 'object') return null;
  const items = (Array.isArray(detail) ? detail.map((v, i) => [String(i + 1), v] as const) : Object.entries(detail)).flatMap(([k, v]) => {
    const text = describe(v);
    return text ? [`${humanKey(k)}: ${text}`] : [];
  });
  if (items.length === 0) return null;
  return (
    <ul class="stmt-detail">
      {items.slice(0, 12).map((text, i) => (
        <li key={i}>{text}</li>
      ))}
    </ul>
  );
}

function describe(v: unknown): string {
  if (v === null || v === undefined) return '';
  if (typeof v === 'number') return scoreText(v);
  if (typeof v === 'string' || typeof v === 'boolean') return String(v);
  if (Array.isArray(v)) return v.map(describe).filter(Boolean).join(', ');
  if (typeof v === 'object') {
    const o = v as Record<string, unknown>;
    const title = typeof o.title === 'string' ? o.title : null;
    const rest = Object.entries(o)
      .filter(([k, x]) => k !== 'title' && k !== 'id' && (typeof x === 'number' || typeof x === 'string'))
      .map(([k, x]) => `${humanKey(k)} ${describe(x)}`);
    return title ? `${title} (${rest.join(', ')})` : rest.join(', ');
  }
  return '';
}

/** "by_relation" / "byRelation" → "by relation": server keys read well enough once split. */
function humanKey(key: string): string {
  return key.replace(/_/g, ' ').replace(/([a-z])([A-Z])/g, '$1 $2').toLowerCase();
}
