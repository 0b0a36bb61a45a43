/**
 * Charts through Chart.js (canvas, well kept, tree-shaken to the parts registered here).
 * One component for the line and bar charts the manager and QA reports draw.
 */
import { BarController, BarElement, CategoryScale, Chart, Filler, Legend, LinearScale, LineController, LineElement, PointElement, Tooltip, type ChartConfiguration } from 'chart.js';
import { useEffect, useRef } from 'preact/hooks';

Chart.register(LineController, BarController, LineElement, BarElement, PointElement, CategoryScale, LinearScale, Tooltip, Legend, Filler);

export interface Series {
  label: string;
  data: Array<number | null>;
  color?: string;
}

const PALETTE = ['#2563eb', '#16a34a', '#dc2626', '#9333ea', '#ea580c', '#0891b2', '#4b5563'];

/** A line or bar chart of `series` over `labels`; `max` fixes the y axis top (e.g. 100 for scores). */
export function ChartView({ type, labels, series, title, max, testId, height = 240 }: { type: 'line' | 'bar'; labels: string[]; series: Series[]; title: string; max?: number; testId?: string; height?: number }) {
  const canvas = useRef<HTMLCanvasElement>(null);
  const chart = useRef<Chart | null>(null);
  useEffect(() => {
    if (!canvas.current) return;
    const config: ChartConfiguration = {
      type,
      data: {
        labels,
        datasets: series.map((s, i) => {
          const color = s.color ?? PALETTE[i % PALETTE.length]!;
          return { label: s.label, data: s.data, borderColor: color, backgroundColor: type === 'bar' ? color : `${color}33`, spanGaps: true, tension: 0.2 };
        }),
      },
      options: {
        responsive: true,
        maintainAspectRatio: false,
        animation: false,
        plugins: { legend: { display: series.length > 1 }, title: { display: false } },
        scales: { y: { beginAtZero: true, ...(max !== undefined ? { max } : {}) } },
      },
    };
    chart.current?.destroy();
    chart.current = new Chart(canvas.current, config);
    return () => {
      chart.current?.destroy();
      chart.current = null;
    };
  }, [type, JSON.stringify(labels), JSON.stringify(series), max]);
  return (
    <figure class="chart" data-testid={testId}>
      <figcaption>{title}</figcaption>
      <div style={{ position: 'relative', height: `${height}px` }}>
        <canvas ref={canvas} role="img" aria-label={title} />
      </div>
    </figure>
  );
}
