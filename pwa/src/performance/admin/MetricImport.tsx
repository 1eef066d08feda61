/** Metric import (CSV or XLSX: employee_number, metric_code, value). Pick a file, check it (a dry run: read and
 * upload progress, then the row-by-row report), then commit all or nothing, or only the valid rows. */
import type { JSX } from 'preact';
import { useState } from 'preact/hooks';
import type { ImportMetricValuesMutation } from '../../gql/graphql';
import { t } from '../../i18n';
import { useQuery } from '../../lib/useQuery';
import { ErrorNote, Loading, Select } from '../../ui/kit';
import { cycleName } from '../labels';
import { ImportReport } from './ImportReport';
import { ImportControls, useImportFlow } from './importFlow';
import { gqlWithProgress } from './upload';
import { ImportMetricValuesDocument, PerformanceCyclesDocument } from '../../gql/graphql';

export type Report = Extract<ImportMetricValuesMutation['importMetricValues'], { __typename: 'MetricImportReport' }>;

export function MetricImport(): JSX.Element {
  const cycles = useQuery(PerformanceCyclesDocument, {});
  const open = (cycles.data?.reviewCycles ?? []).filter((c) => c.status === 'OPEN');
  const [cycleId, setCycleId] = useState('');
  const cycle = open.find((c) => c.id === cycleId) ?? open[0] ?? null;
  const flow = useImportFlow<Report>(
    async (file, { dryRun, commitValidRows }, onUpload) => {
      const vars = { cycleId: cycle?.id ?? '', fileName: file.name, contentBase64: file.base64, allOrNothing: !commitValidRows, dryRun };
      return (await gqlWithProgress(ImportMetricValuesDocument, vars, onUpload)).importMetricValues;
    },
    (r) => t('perf.import.imported', { count: r.imported }),
    (r) => t('perf.import.nothing', { bad: r.total - r.valid }),
  );

  if (cycles.error) return <ErrorNote error={cycles.error} onRetry={cycles.reload} />;
  if (!cycles.data) return <Loading lines={3} />;
  return (
    <section aria-labelledby="import-title" class="metric-import">
      <h2 id="import-title" class="section-title">
        {t('perf.import.title')}
      </h2>
      <p class="muted">{t('perf.import.intro')}</p>
      {open.length === 0 ? (
        <p class="muted">{t('perf.import.noOpen')}</p>
      ) : (
        <div class="form card">
          <Select label={t('perf.cycle')} name="importCycle" value={cycle?.id ?? ''} onValue={(v) => { setCycleId(v); flow.reset(); }} options={open.map((c) => ({ value: c.id, label: cycleName(c) }))} />
          <ImportControls flow={flow} inputName="metricFile" rows={(report) => <ImportReport report={report} />} />
        </div>
      )}
    </section>
  );
}
