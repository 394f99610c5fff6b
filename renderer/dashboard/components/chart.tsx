// A small time-series chart (uPlot: tiny, fast, canvas).
import { useEffect, useRef } from 'react';
import uPlot from 'uplot';
import 'uplot/dist/uPlot.min.css';

interface Props {
  title: string;
  times: number[];
  values: number[];
  color: string;
  /** The dashboard's language: French puts a space before the colon and a comma in numbers. */
  lang: 'en' | 'fr';
  /** What the chart covers, for screen readers ("last 15 minutes"). */
  span: string;
}

export function Chart({ title, times, values, color, lang, span }: Props) {
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
        // Ticks in the operator's language: times as 16:38 (not 4:38pm), numbers as 1 000 in French.
        axes: [
          {
            stroke: '#555',
            values: (_u, ticks) => {
              // Ticks closer than a minute show their seconds too (the first minutes after a start).
              const seconds = ticks.length > 1 && ticks[1]! - ticks[0]! < 60 ? ({ second: '2-digit' } as const) : {};
              return ticks.map((t) => new Date(t * 1000).toLocaleTimeString(lang, { hour: '2-digit', minute: '2-digit', ...seconds }));
            },
          },
          { stroke: '#555', size: 50, values: (_u, ticks) => ticks.map((v) => v.toLocaleString(lang)) },
        ],
        series: [{}, { stroke: color, width: 2, fill: `${color}22` }],
      },
      [[], []],
      ref.current,
    );
    return () => plot.current?.destroy();
  }, [color, lang]);

  useEffect(() => {
    plot.current?.setData([times, values]);
  }, [times, values]);

  const last = values.at(-1);
  return (
    <figure className="chart">
      <figcaption>
        {title}
        {lang === 'fr' ? '\u00a0: ' : ': '}
        <strong>{last === undefined ? '–' : last.toLocaleString(lang, { minimumFractionDigits: 1, maximumFractionDigits: 1 })}</strong>
      </figcaption>
      <div ref={ref} role="img" aria-label={`${title}, ${span}`} />
    </figure>
  );
}
