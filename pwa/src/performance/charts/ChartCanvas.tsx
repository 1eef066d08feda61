/** A Chart.js chart on a fixed-height canvas (no layout shift), described for screen readers by its label and a
 * data table under a disclosure. The library loads on first use; colours follow the page's light/dark theme. */
import type { ChartConfiguration } from 'chart.js';
import type { ComponentChildren, JSX } from 'preact';
import { useEffect, useRef, useState } from 'preact/hooks';
import { t } from '../../i18n';

export type ChartTheme = { brand: string; accent: string; ink: string; muted: string; line: string; soft: string };

function theme(): ChartTheme {
  const css = getComputedStyle(document.documentElement);
  const v = (name: string, fallback: string) => css.getPropertyValue(name).trim() || fallback;
  return {
    brand: v('--brand', '#0f5f58'),
    accent: v('--accent', '#f2b233'),
    ink: v('--ink', '#1b1f1e'),
    muted: v('--muted', '#59625f'),
    line: v('--line', '#dfe3e1'),
    soft: v('--brand-soft', '#e3f0ee'),
  };
}

const reducedMotion = () => typeof matchMedia === 'function' && matchMedia('(prefers-reduced-motion: reduce)').matches;

export function ChartCanvas(props: {
  /** What the chart shows, read out instead of the canvas. */
  label: string;
  /** Changes when the data change; the chart is rebuilt then. */
  dataKey: string;
  config: (theme: ChartTheme) => ChartConfiguration;
  short?: boolean;
  /** The same numbers as a table, for screen readers and anyone who wants exact values. */
  table: ComponentChildren;
}): JSX.Element {
  const canvas = useRef<HTMLCanvasElement>(null);
  const [failed, setFailed] = useState(false);

  useEffect(() => {
    let chart: { destroy: () => void } | null = null;
    let cancelled = false;
    import('./chartjs').then(
      ({ Chart }) => {
        if (cancelled || !canvas.current) return;
        const config = props.config(theme());
        config.options = { ...config.options, animation: reducedMotion() ? false : config.options?.animation };
        chart = new Chart(canvas.current, config);
      },
      () => setFailed(true),
    );
    return () => {
      cancelled = true;
      chart?.destroy();
    };
    // eslint-disable-next-line react-hooks/exhaustive-deps -- rebuilt when the data (dataKey) change
  }, [props.dataKey]);

  return (
    <figure class="chart">
      <div class={`chart-box${props.short ? ' chart-box-short' : ''}`}>
        <canvas ref={canvas} role="img" aria-label={props.label} />
      </div>
      {failed ? <p class="muted">{t('perf.chartFailed')}</p> : null}
      <details class="chart-data">
        <summary>{t('perf.chartData')}</summary>
        {props.table}
      </details>
    </figure>
  );
}
