/** The import's row-by-row report: every row with its employee number, metric, value and what is wrong with it
 * (the server explains each error in both languages). */
import type { JSX } from 'preact';
import { localized, t } from '../../i18n';
import { valueText } from '../labels';
import type { Report } from './MetricImport';

export function ImportReport({ report }: { report: Report }): JSX.Element {
  const bad = report.rows.filter((r) => r.errorCode);
  return (
    <div class="import-report">
      <p class="muted">{t('perf.import.summary', { total: report.total, valid: report.valid, bad: bad.length })}</p>
      <div class="table-scroll" tabIndex={0} role="region" aria-label={t('perf.import.report')}>
        <table class="data-table import-table">
          <caption class="visually-hidden">{t('perf.import.report')}</caption>
          <thead>
            <tr>
              <th scope="col">{t('perf.import.row')}</th>
              <th scope="col">
                {t('perf.import.employee')} / {t('perf.import.metric')}
              </th>
              <th scope="col" class="num">
                {t('perf.import.value')}
              </th>
              <th scope="col">{t('perf.import.result')}</th>
            </tr>
          </thead>
          <tbody>
            {report.rows.map((r) => (
              <tr key={r.row} class={r.errorCode ? 'row-bad' : 'row-ok'}>
                <td>{r.row}</td>
                <td>
                  <span class="mono">{r.employeeNumber || '—'}</span>
                  <br />
                  <span class="mono muted">{r.metricCode || '—'}</span>
                </td>
                <td class="num">{valueText(r.value, '')}</td>
                <td>{r.errorCode ? localized(r.message, r.messageZh) : report.committed ? t('perf.import.rowImported') : t('perf.import.rowOk')}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </div>
  );
}
