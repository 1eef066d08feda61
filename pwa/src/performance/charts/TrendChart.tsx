/** Totals of the person's last cycles, oldest first, as a line. */
import type { JSX } from 'preact';
import { t } from '../../i18n';
import { scoreText } from '../labels';
import { ChartCanvas } from './ChartCanvas';

export function TrendChart(props: { points: { label: string; total: number }[] }): JSX.Element {
  const labels = props.points.map((p) => p.label);
  const totals = props.points.map((p) => p.total);
  return (
    <ChartCanvas
      short
      label={t('perf.trendLabel', { list: props.points.map((p) => `${p.label} ${scoreText(p.total)}`).join(', ') })}
      dataKey={JSON.stringify([labels, totals])}
      config={(c) => ({
        type: 'line',
        data: {
          labels,
          datasets: [{ label: t('perf.total'), data: totals, borderColor: c.brand, backgroundColor: c.soft, pointBackgroundColor: c.brand, fill: true, tension: 0.25 }],
        },
        options: {
          responsive: true,
          maintainAspectRatio: false,
          scales: {
            y: { suggestedMin: 0, suggestedMax: 100, ticks: { color: c.muted }, grid: { color: c.line } },
            x: { ticks: { color: c.muted, maxRotation: 0, autoSkip: true }, grid: { display: false } },
          },
        },
      })}
      table={
        <table class="chart-table">
          <thead>
            <tr>
              <th scope="col">{t('perf.cycle')}</th>
              <th scope="col">{t('perf.total')}</th>
            </tr>
          </thead>
          <tbody>
            {props.points.map((p, i) => (
              <tr key={i}>
                <th scope="row">{p.label}</th>
                <td>{scoreText(p.total)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      }
    />
  );
}
