/** The shape of a scorecard: each dimension's points (0–100, a cap may allow more) on one radar. */
import type { JSX } from 'preact';
import { t } from '../../i18n';
import { dimensionName, scoreText } from '../labels';
import { ChartCanvas } from './ChartCanvas';

type Dim = { code: string; nameEn: string; nameZh: string; points: number | null | undefined; missing: boolean };

export function RadarChart(props: { dimensions: Dim[] }): JSX.Element {
  const names = props.dimensions.map(dimensionName);
  // A dimension that cannot be scored (no target) sits at 0 on the radar and says so in the table.
  const points = props.dimensions.map((d) => d.points ?? 0);
  const max = Math.max(100, ...points);
  return (
    <ChartCanvas
      label={t('perf.radarLabel', { list: props.dimensions.map((d, i) => `${names[i] ?? d.code} ${scoreText(d.points)}`).join(', ') })}
      dataKey={JSON.stringify([names, points])}
      config={(c) => ({
        type: 'radar',
        data: {
          labels: names,
          datasets: [
            {
              label: t('perf.points'),
              data: points,
              borderColor: c.brand,
              backgroundColor: `${c.brand}33`,
              pointBackgroundColor: props.dimensions.map((d) => (d.missing ? c.accent : c.brand)),
              fill: true,
            },
          ],
        },
        options: {
          responsive: true,
          maintainAspectRatio: false,
          scales: {
            r: {
              min: 0,
              max,
              ticks: { stepSize: 25, color: c.muted, backdropColor: 'transparent' },
              grid: { color: c.line },
              angleLines: { color: c.line },
              pointLabels: { color: c.ink, font: { size: 12 } },
            },
          },
        },
      })}
      table={
        <table class="chart-table">
          <thead>
            <tr>
              <th scope="col">{t('perf.dimension')}</th>
              <th scope="col">{t('perf.points')}</th>
            </tr>
          </thead>
          <tbody>
            {props.dimensions.map((d, i) => (
              <tr key={d.code}>
                <th scope="row">{names[i]}</th>
                <td>{d.missing || d.points === null || d.points === undefined ? t('perf.noData') : scoreText(d.points)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      }
    />
  );
}
