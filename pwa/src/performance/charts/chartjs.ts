/** The only module that imports Chart.js, with just the pieces the radar and the trend use (tree-shaken).
 * ChartCanvas loads it on demand, so the library is its own chunk fetched by the performance screens only. */
import {
  CategoryScale,
  Chart,
  Filler,
  LinearScale,
  LineController,
  LineElement,
  PointElement,
  RadarController,
  RadialLinearScale,
} from 'chart.js';

Chart.register(RadarController, RadialLinearScale, LineController, CategoryScale, LinearScale, PointElement, LineElement, Filler);

export { Chart };
