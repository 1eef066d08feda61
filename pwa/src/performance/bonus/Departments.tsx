/** Department shares of a previewed pool: headcount × mean score × weight decides each department's amount
 * (two columns so it reads at 360 px; the basis sits under the department's name). */
import type { JSX } from 'preact';
import type { PerfPoolFragment } from '../../gql/graphql';
import { locale, t } from '../../i18n';
import { formatMoneyShort } from '../../lib/money';
import { Card } from '../../ui/kit';
import { scoreText } from '../labels';

export function Departments({ pool }: { pool: PerfPoolFragment }): JSX.Element {
  const fmt = new Intl.NumberFormat(locale(), { maximumFractionDigits: 2 });
  return (
    <Card title={t('perf.pool.departments')}>
      <div class="table-scroll" tabIndex={0} role="region" aria-label={t('perf.pool.departments')}>
        <table class="data-table department-shares">
          <thead>
            <tr>
              <th scope="col">{t('home.department')}</th>
              <th scope="col" class="num">
                {t('perf.pool.amountShort')}
              </th>
            </tr>
          </thead>
          <tbody>
            {pool.departments.map((d, i) => (
              <tr key={d.department?.id ?? `none-${i}`}>
                <th scope="row">
                  {d.department?.name ?? t('perf.pool.noDepartment')}
                  <br />
                  <span class="muted">{t('perf.pool.shareBasis', { count: d.headcount, mean: scoreText(d.meanScore), weight: fmt.format(d.weight) })}</span>
                </th>
                <td class="num">{formatMoneyShort(d.amountMinor, pool.currency)}</td>
              </tr>
            ))}
          </tbody>
          <tfoot>
            <tr>
              <td>{t('perf.total')}</td>
              <td class="num">{formatMoneyShort(pool.departments.reduce((sum, d) => sum + d.amountMinor, 0), pool.currency)}</td>
            </tr>
          </tfoot>
        </table>
      </div>
    </Card>
  );
}
