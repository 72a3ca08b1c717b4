import type { Summary } from './stats.js';

export function ms(value: number): string {
  if (!Number.isFinite(value)) return '–';
  if (Math.abs(value) >= 10_000) return `${(value / 1000).toFixed(1)} s`;
  if (Math.abs(value) >= 1_000) return `${(value / 1000).toFixed(2)} s`;
  if (Math.abs(value) >= 10) return `${value.toFixed(0)} ms`;
  return `${value.toFixed(2)} ms`;
}

export function mb(value: number): string {
  return Number.isFinite(value) ? `${value.toFixed(0)} MB` : '–';
}

export function ratio(value: number): string {
  return Number.isFinite(value) ? `${value.toFixed(2)}×` : '–';
}

/** KB = 1024 bytes, as in the targets ("≤ 16 KB"). */
export function kb(bytes: number): string {
  if (bytes >= 1024 * 1024) return `${(bytes / 1024 / 1024).toFixed(2)} MB`;
  return `${(bytes / 1024).toFixed(1)} KB`;
}

export function rate(value: number): string {
  return `${value.toFixed(0)}/s`;
}

/** "median (min–max)". */
export function spread(summary: Summary, unit: (value: number) => string): string {
  return `${unit(summary.median)} (${unit(summary.min)}–${unit(summary.max)})`;
}

export function verdict(met: boolean): string {
  return met ? 'met' : '**missed**';
}

export function markdownTable(
  header: readonly string[],
  rows: ReadonlyArray<readonly string[]>,
  align?: readonly ('l' | 'r')[],
): string {
  const escape = (cell: string) => cell.replace(/\|/g, '\\|').replace(/\n/g, ' ');
  const rule = header.map((_, i) => (align?.[i] === 'r' ? '---:' : '---'));
  return [header, rule, ...rows].map((row) => `| ${row.map(escape).join(' | ')} |`).join('\n');
}
