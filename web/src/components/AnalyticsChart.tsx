import {
  BarController,
  BarElement,
  CategoryScale,
  Chart,
  type ChartConfiguration,
  Legend,
  LinearScale,
  LineController,
  LineElement,
  PointElement,
  Tooltip,
} from 'chart.js';
import { MatrixController, MatrixElement } from 'chartjs-chart-matrix';
import { createEffect, onCleanup, Show } from 'solid-js';

// Only what the console draws is registered, so the rest of Chart.js stays out of the bundle.
Chart.register(
  BarController,
  BarElement,
  CategoryScale,
  LinearScale,
  LineController,
  LineElement,
  PointElement,
  Tooltip,
  Legend,
  MatrixController,
  MatrixElement,
);

/**
 * One chart on a canvas, redrawn whenever its configuration changes. `summary` says in words what it
 * shows (its accessible name); `points` is how many data points it drew.
 */
export function AnalyticsChart(props: {
  testId: string;
  summary: string;
  points: number;
  config: () => ChartConfiguration;
  height?: number;
}) {
  let canvas!: HTMLCanvasElement;
  let chart: Chart | undefined;
  createEffect(() => {
    const config = props.config();
    chart?.destroy();
    // Drawn at once: an animation would only delay what the page shows.
    chart = new Chart(canvas, {
      ...config,
      options: { responsive: true, maintainAspectRatio: false, animation: false, ...config.options },
    } as ChartConfiguration);
  });
  onCleanup(() => chart?.destroy());
  return (
    <div
      class="chart"
      style={{ height: `${props.height ?? 220}px` }}
      data-testid={props.testId}
      data-points={props.points}
    >
      <Show when={props.points === 0}>
        <p class="muted chart-empty">Nothing in this range.</p>
      </Show>
      <canvas ref={canvas} role="img" aria-label={props.summary} />
    </div>
  );
}
