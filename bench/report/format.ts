// Number formatting for the Markdown report.
export const ms = (v: number | undefined) =>
  v === undefined || !Number.isFinite(v) ? '–' : v >= 10_000 ? `${(v / 1000).toFixed(1)} s` : `${Math.round(v)} ms`;
export const s1 = (v: number | undefined) => (v === undefined || !Number.isFinite(v) ? '–' : `${(v / 1000).toFixed(1)} s`);
export const mb = (bytes: number | undefined) => (bytes === undefined || !Number.isFinite(bytes) ? '–' : `${Math.round(bytes / 1048576)} MB`);
export const kb = (bytes: number) => `${(bytes / 1024).toFixed(1)} kB`;
export const pct = (v: number | undefined) => (v === undefined || !Number.isFinite(v) ? '–' : `${Math.round(v)} %`);
export const x = (v: number | undefined) => (v === undefined || !Number.isFinite(v) ? '–' : `${v.toFixed(2)}×`);
export const n0 = (v: number | undefined) => (v === undefined || !Number.isFinite(v) ? '–' : `${Math.round(v)}`);

export function table(head: string[], rows: (string | number)[][]): string {
  return [`| ${head.join(' | ')} |`, `| ${head.map(() => '---').join(' | ')} |`, ...rows.map((r) => `| ${r.join(' | ')} |`)].join('\n');
}
