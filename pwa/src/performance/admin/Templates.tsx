/** Scorecard templates (retired ones too): version, weights at a glance, who they apply to; open one to edit. */
import type { JSX } from 'preact';
import { t } from '../../i18n';
import { useQuery } from '../../lib/useQuery';
import { ErrorNote, Loading } from '../../ui/kit';
import { Icon } from '../../ui/icons';
import { dimensionName } from '../labels';
import { AdminTemplatesDocument } from '../../gql/graphql';

export function Templates(): JSX.Element {
  const { data, error, loading, reload } = useQuery(AdminTemplatesDocument, {});
  return (
    <section aria-labelledby="templates-title">
      <h2 id="templates-title" class="section-title">
        {t('perf.templates.title')}
      </h2>
      <a class="btn btn-secondary btn-block new-template" href="/performance/admin/templates/new">
        <Icon name="plus" size={20} /> {t('perf.templates.new')}
      </a>
      {error ? (
        <ErrorNote error={error} onRetry={reload} />
      ) : loading && !data ? (
        <Loading lines={4} />
      ) : (
        <ul class="perf-list template-list">
          {data?.scorecardTemplates.map((tpl) => (
            <li key={tpl.id} class={`card perf-item${tpl.active ? '' : ' is-inactive'}`} data-id={tpl.id}>
              <a class="member-link" href={`/performance/admin/templates/${encodeURIComponent(tpl.id)}`}>
                <span class="person-text">
                  <span class="perf-item-title">
                    {dimensionName(tpl)} <span class="muted">· v{tpl.currentVersion}</span>
                  </span>
                  <span class="muted">{tpl.dimensions.map((d) => `${dimensionName(d)} ${d.weight}`).join(' · ')}</span>
                  <span class="muted">
                    {tpl.assignments.length
                      ? t('perf.templates.appliesTo', { count: tpl.assignments.reduce((n, a) => n + a.matchedCount, 0) })
                      : t('perf.templates.unassigned')}
                    {tpl.active ? '' : ` · ${t('perf.templates.inactive')}`}
                  </span>
                </span>
                <Icon name="chevron" size={20} />
              </a>
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
