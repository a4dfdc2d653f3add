/**
 * formatTable(rows: BenchRow[]): string  — the rows as one aligned Markdown table (suite, target, metric, value,
 * ratio, goal, met), ready for the terminal and for README's Performance section.
 */
import type { BenchRow } from './suite';

function formatNumber(value: number): string {
  if (!Number.isFinite(value)) return String(value);
  if (Math.abs(value) >= 100) return Math.round(value).toLocaleString('en-US');
  return String(Math.round(value * 10) / 10);
}

export function formatTable(rows: readonly BenchRow[]): string {
  const header = ['suite', 'target', 'metric', 'value', 'ratio', 'goal', 'met'];
  const body = rows.map((row) => [
    row.suite,
    row.target,
    row.metric,
    formatNumber(row.value),
    row.ratio === undefined ? '' : `${row.ratio.toFixed(2)}×`,
    row.goal ?? '',
    row.pass === undefined ? '' : row.pass ? 'yes' : 'NO',
  ]);
  const widths = header.map((title, column) => Math.max(title.length, ...body.map((cells) => cells[column].length)));
  const line = (cells: readonly string[]) => `| ${cells.map((cell, i) => cell.padEnd(widths[i])).join(' | ')} |`;
  return [line(header), `|${widths.map((width) => '-'.repeat(width + 2)).join('|')}|`, ...body.map(line)].join('\n');
}
