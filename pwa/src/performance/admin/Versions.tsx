/** A template's version history: who changed the weights, when, and why (newest first). */
import type { JSX } from 'preact';
import type { PerfTemplateFragment } from '../../gql/graphql';
import { t } from '../../i18n';
import { formatInstant } from '../../lib/dates';
import { Card } from '../../ui/kit';

function weightsText(weights: unknown): string {
  if (!weights || typeof weights !== 'object') return '';
  return Object.entries(weights as Record<string, unknown>)
    .map(([code, w]) => `${code} ${String(w)}`)
    .join(' · ');
}

export function Versions(props: { template: PerfTemplateFragment; zone: string }): JSX.Element {
  const versions = [...props.template.versions].sort((a, b) => b.version - a.version);
  return (
    <Card title={t('perf.versions.title')}>
      <ul class="hits version-list">
        {versions.map((v) => (
          <li key={v.id}>
            <span>
              <strong>v{v.version}</strong> <span class="muted">· {formatInstant(v.createdAt, props.zone)}{v.createdBy ? ` · ${v.createdBy.name}` : ''}</span>
              <br />
              <span class="muted">{weightsText(v.weights)}</span>
              {v.reason ? (
                <>
                  <br />
                  {t('perf.versions.reason', { reason: v.reason })}
                </>
              ) : null}
            </span>
          </li>
        ))}
      </ul>
    </Card>
  );
}
