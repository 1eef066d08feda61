/** Training import (HR): a CSV or XLSX file (employee_number, kind, title, occurred_on, ends_on, hours, provider,
 * category, result, certificate_code). Check it first (a dry run, with read and upload progress, then the row-by-row
 * report), then commit all or nothing, or only the valid rows. Rows imported before are reported and not added again. */
import type { JSX } from 'preact';
import type { ImportGrowthRecordsMutation } from '../../gql/graphql';
import { localized, t } from '../../i18n';
import { ImportControls, useImportFlow } from '../../performance/admin/importFlow';
import { gqlWithProgress } from '../../performance/admin/upload';
import { ImportGrowthRecordsDocument } from '../../gql/graphql';

type Report = Extract<ImportGrowthRecordsMutation['importGrowthRecords'], { __typename: 'GrowthImportReport' }>;

export function Import(): JSX.Element {
  const flow = useImportFlow<Report>(
    async (file, { dryRun, commitValidRows }, onUpload) => {
      const input = { fileBase64: file.base64, fileName: file.name, commitValidRows, dryRun };
      return (await gqlWithProgress(ImportGrowthRecordsDocument, { input }, onUpload)).importGrowthRecords;
    },
    (r) => t('growth.import.created', { count: r.created, bad: r.total - r.valid }),
    (r) => t('growth.import.nothing', { bad: r.total - r.valid }),
  );
  return (
    <section aria-labelledby="growth-import-title" class="growth-import">
      <h2 id="growth-import-title" class="section-title">
        {t('growth.import.title')}
      </h2>
      <p class="muted">{t('growth.import.intro')}</p>
      <div class="form card">
        <ImportControls flow={flow} inputName="growthFile" rows={(report) => <ImportRows report={report} />} />
      </div>
    </section>
  );
}

function ImportRows({ report }: { report: Report }): JSX.Element {
  return (
    <div class="import-report">
      <p class="muted">{t('perf.import.summary', { total: report.total, valid: report.valid, bad: report.total - report.valid })}</p>
      <div class="table-scroll" tabIndex={0} role="region" aria-label={t('perf.import.report')}>
        <table class="data-table import-table">
          <caption class="visually-hidden">{t('perf.import.report')}</caption>
          <thead>
            <tr>
              <th scope="col">{t('perf.import.row')}</th>
              <th scope="col">{t('perf.import.employee')}</th>
              <th scope="col">{t('perf.import.result')}</th>
            </tr>
          </thead>
          <tbody>
            {report.rows.map((r) => (
              <tr key={r.row} class={r.ok ? 'row-ok' : 'row-bad'}>
                <td>{r.row}</td>
                <td class="mono">{r.employeeNumber || '—'}</td>
                <td>{r.ok ? (r.alreadyImported ? t('growth.import.already') : report.committed ? t('perf.import.rowImported') : t('perf.import.rowOk')) : r.messages.map((m, i) => localized(m, r.messagesZh[i] ?? '')).join('; ')}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </div>
  );
}
