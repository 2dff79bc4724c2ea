import { execFileSync } from 'node:child_process';
import { resolve } from 'node:path';

/** What the benchmarks share: their figures, how they judge and print them, and where they came from. */

const ROOT = resolve(__dirname, '..');

export type Comparison = '<=' | '>=' | '<' | '==';

export interface Figure {
  label: string;
  value: number;
  unit: string;
  /** e.g. ['>=', 1500] or ['<', 20]; absent for figures shown for information. */
  target?: [Comparison, number];
  note?: string;
  /** Decimals shown; whole numbers unless set. */
  digits?: number;
}

/** Whether the figure meets its target; undefined for information. A figure that could not be measured fails. */
export function passes(figure: Figure): boolean | undefined {
  if (!figure.target) return undefined;
  const [op, bound] = figure.target;
  if (Number.isNaN(figure.value)) return false;
  if (op === '<=') return figure.value <= bound;
  if (op === '>=') return figure.value >= bound;
  if (op === '<') return figure.value < bound;
  return figure.value === bound;
}

export function formatNumber(value: number, digits = 0): string {
  if (Number.isNaN(value)) return 'n/a';
  return value.toLocaleString('en-US', { minimumFractionDigits: digits, maximumFractionDigits: digits });
}

export function printTable(header: string[], rows: string[][], rightAligned: ReadonlySet<number>): void {
  const widths = header.map((title, column) => Math.max(title.length, ...rows.map((row) => (row[column] ?? '').length)));
  const line = (cells: string[]) =>
    cells.map((cell, column) => (rightAligned.has(column) ? cell.padStart(widths[column]!) : cell.padEnd(widths[column]!))).join('  ').trimEnd();
  process.stdout.write(`\n${line(header)}\n${widths.map((w) => '-'.repeat(w)).join('  ')}\n${rows.map(line).join('\n')}\n`);
}

/** The figures as a table: value, target, PASS/FAIL (or info) and the note. */
export function printFigures(figures: readonly Figure[]): void {
  const rows = figures.map((figure) => {
    const pass = passes(figure);
    return [
      figure.label,
      `${formatNumber(figure.value, figure.digits)} ${figure.unit}`,
      figure.target ? `${figure.target[0]} ${formatNumber(figure.target[1], figure.digits)} ${figure.unit}` : '',
      pass === undefined ? 'info' : pass ? 'PASS' : 'FAIL',
      figure.note ?? '',
    ];
  });
  printTable(['Figure', 'Value', 'Target', 'Result', 'Note'], rows, new Set([1, 2]));
}

/** The commit measured, and any uncommitted change under `paths` that the figures include. */
export function gitState(paths: readonly string[]): { head: string; uncommitted: string[] } {
  // Not trimmed: a porcelain line starts with a meaningful space (" M" is a change not yet staged).
  const git = (args: string[]) => execFileSync('git', args, { cwd: ROOT, encoding: 'utf8' });
  try {
    return {
      head: git(['rev-parse', '--short', 'HEAD']).trim(),
      uncommitted: git(['status', '--porcelain', '--', ...paths]).split('\n').filter(Boolean),
    };
  } catch {
    return { head: 'unknown', uncommitted: [] };
  }
}

export function log(message: string): void {
  process.stdout.write(`[bench] ${message}\n`);
}
