// A small time-series chart (uPlot: tiny, fast, canvas).
import { useEffect, useRef } from 'react';
import uPlot from 'uplot';
import 'uplot/dist/uPlot.min.css';

export function Chart({ title, times, values, color }: { title: string; times: number[]; values: number[]; color: string }) {
  const ref = useRef<HTMLDivElement>(null);
  const plot = useRef<uPlot | null>(null);

  useEffect(() => {
    if (!ref.current) return;
    plot.current = new uPlot(
      {
        width: ref.current.clientWidth || 300,
        height: 140,
        legend: { show: false },
        scales: { x: { time: true }, y: { range: (_u, min, max) => [Math.min(0, min), Math.max(1, max * 1.1)] } },
        axes: [{ stroke: '#555' }, { stroke: '#555', size: 50 }],
        series: [{}, { stroke: color, width: 2, fill: `${color}22` }],
      },
      [[], []],
      ref.current,
    );
    return () => plot.current?.destroy();
  }, [color]);

  useEffect(() => {
    plot.current?.setData([times, values]);
  }, [times, values]);

  const last = values.at(-1);
  return (
    <figure className="chart">
      <figcaption>
        {title}: <strong>{last === undefined ? '–' : last.toFixed(1)}</strong>
      </figcaption>
      <div ref={ref} role="img" aria-label={`${title}, last 15 minutes`} />
    </figure>
  );
}
