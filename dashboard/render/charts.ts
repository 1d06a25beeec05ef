/** Line charts of an indicator's figures over time (chart.js, bundled: no CDN). */
import {
  CategoryScale,
  Chart,
  Filler,
  LinearScale,
  LineController,
  LineElement,
  PointElement,
  Tooltip,
  type ChartConfiguration,
} from 'chart.js';
import type { SeriesPoint } from '../queries';
import { number } from '../format';

Chart.register(LineController, LineElement, PointElement, LinearScale, CategoryScale, Filler, Tooltip);
Chart.defaults.font.family = getComputedStyle(document.documentElement).getPropertyValue('--font').trim() || 'sans-serif';
Chart.defaults.color = '#5a6472';

const LINE = '#1f4e8c';
const TARGET = '#8a94a3';

const groups = new Map<string, Chart[]>();

/** The target as a line over the periods, when a period's value compares to it (a year's sum does not). */
export function targetLine(rollup: string | undefined, target: number | null): number | null {
  return rollup === 'SUM' ? null : target;
}

/** Destroys the charts of a group (before its canvases are replaced). */
export function destroyCharts(group: string): void {
  for (const chart of groups.get(group) ?? []) chart.destroy();
  groups.delete(group);
}

export interface ChartOptions {
  group: string;
  unit: string;
  /** The line to draw: only for indicators whose periods compare to the target (not sums of a year). */
  target: number | null;
  /** Small: no y axis, few labels (the tiles). */
  compact: boolean;
}

export function lineChart(canvas: HTMLCanvasElement, points: SeriesPoint[], options: ChartOptions): Chart {
  const labels = points.map((p) => p.period);
  const demo = points.map((p) => p.source === 'demo');
  const datasets: ChartConfiguration<'line'>['data']['datasets'] = [
    {
      label: 'Value',
      data: points.map((p) => p.value),
      borderColor: LINE,
      backgroundColor: 'rgba(31, 78, 140, 0.08)',
      fill: true,
      tension: 0.25,
      borderWidth: 2,
      pointRadius: options.compact ? 2 : 3,
      pointBackgroundColor: LINE,
    },
  ];
  if (options.target !== null && points.length > 0) {
    datasets.push({
      label: 'Target',
      data: points.map(() => options.target),
      borderColor: TARGET,
      borderDash: [4, 4],
      borderWidth: 1.5,
      pointRadius: 0,
      fill: false,
    });
  }
  const chart = new Chart(canvas, {
    type: 'line',
    data: { labels, datasets },
    options: {
      responsive: true,
      maintainAspectRatio: false,
      animation: false,
      interaction: { mode: 'index', intersect: false },
      layout: { padding: options.compact ? { top: 4, right: 4, bottom: 0, left: 0 } : 4 },
      plugins: {
        legend: { display: false },
        tooltip: {
          callbacks: {
            label: (item) =>
              `${item.dataset.label}: ${number(item.parsed.y)} ${options.unit}${item.datasetIndex === 0 && demo[item.dataIndex] ? ' (demo)' : ''}`,
          },
        },
      },
      scales: {
        x: {
          grid: { display: false },
          ticks: {
            maxRotation: 0,
            autoSkip: true,
            maxTicksLimit: options.compact ? 4 : 10,
            font: { size: options.compact ? 10 : 11 },
          },
          border: { color: '#d5dae1' },
        },
        y: {
          display: !options.compact,
          grace: '10%',
          grid: { color: '#eef0f3' },
          ticks: { font: { size: 11 }, callback: (value) => number(Number(value)) },
          border: { display: false },
        },
      },
    },
  });
  groups.set(options.group, [...(groups.get(options.group) ?? []), chart]);
  return chart;
}
