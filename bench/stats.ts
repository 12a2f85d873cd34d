// The bench's pure parts: a figure's runs summarised (median, min, max), its ratio to the floor,
// its budget verdict, and the Markdown tables docs/benchmarks.md and README's budgets are made of.

/** One measured quantity of a scenario, one value per run. */
export interface Figure {
  /** Stable id, e.g. `resync.wall` (what README's budgets refer to). */
  id: string;
  label: string;
  unit: 'ms' | 'count' | 'bytes' | 'MB' | 'ratio';
  values: number[];
  /** The floor's values for the same quantity, when there is a floor. */
  floor?: number[];
  /** What the issue states as measured before this work (text, as the issue says it). */
  before?: string;
  /** The goal: the median must be at most `max` (or at most `floorTimes` × the floor's median). */
  budget?: { max?: number; floorTimes?: number };
}

export interface Summary {
  median: number;
  min: number;
  max: number;
}

export function summarize(values: readonly number[]): Summary {
  if (values.length === 0) throw new Error('summarize: no values');
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  const median = sorted.length % 2 === 1 ? (sorted[mid] as number) : ((sorted[mid - 1] as number) + (sorted[mid] as number)) / 2;
  return { median, min: sorted[0] as number, max: sorted[sorted.length - 1] as number };
}

/** The figure's median over the floor's median (undefined without a floor, or a zero floor). */
export function floorRatio(figure: Figure): number | undefined {
  if (!figure.floor || figure.floor.length === 0) return undefined;
  const floor = summarize(figure.floor).median;
  return floor > 0 ? summarize(figure.values).median / floor : undefined;
}

/** The budget's limit in the figure's unit (a floor multiple resolved), or undefined. */
export function budgetLimit(figure: Figure): number | undefined {
  const b = figure.budget;
  if (!b) return undefined;
  if (b.max !== undefined) return b.max;
  if (b.floorTimes !== undefined && figure.floor?.length) return b.floorTimes * summarize(figure.floor).median;
  return undefined;
}

export function meetsBudget(figure: Figure): boolean | undefined {
  const limit = budgetLimit(figure);
  return limit === undefined ? undefined : summarize(figure.values).median <= limit;
}

export function formatValue(value: number, unit: Figure['unit']): string {
  switch (unit) {
    case 'ms':
      return `${Math.round(value)} ms`;
    case 'bytes':
      return value >= 10_000 ? `${(value / 1000).toFixed(1)} KB` : `${Math.round(value)} B`;
    case 'MB':
      return `${value.toFixed(0)} MB`;
    case 'ratio':
      return `×${value.toFixed(2)}`;
    default:
      return Number.isInteger(value) ? String(value) : value.toFixed(1);
  }
}

const range = (values: readonly number[], unit: Figure['unit']) => {
  const s = summarize(values);
  return values.length === 1 ? formatValue(s.median, unit) : `${formatValue(s.median, unit)} (${formatValue(s.min, unit)}–${formatValue(s.max, unit)})`;
};

export function budgetText(figure: Figure): string {
  const b = figure.budget;
  if (!b) return '';
  if (b.max !== undefined) return `≤ ${formatValue(b.max, figure.unit)}`;
  return b.floorTimes !== undefined ? `≤ ${b.floorTimes}× floor` : '';
}

const verdict = (figure: Figure) => {
  const ok = meetsBudget(figure);
  return ok === undefined ? '' : ok ? 'met' : '**missed**';
};

/** One row per figure: before (from the issue), after (median (min–max)), floor, ratio, budget. */
export function resultsTable(figures: readonly Figure[]): string {
  const rows = figures.map((f) => {
    const ratio = floorRatio(f);
    return `| ${f.label} | ${f.before ?? ''} | ${range(f.values, f.unit)} | ${f.floor?.length ? range(f.floor, f.unit) : ''} | ${ratio === undefined ? '' : `×${ratio.toFixed(1)}`} | ${budgetText(f)} | ${verdict(f)} |`;
  });
  return ['| figure | before (from the issue) | after: median (min–max) | floor | ×floor | goal | |', '| --- | --- | --- | --- | --- | --- | --- |', ...rows].join('\n');
}

/** README's performance budgets: only the figures with a goal, their median against it. */
export function budgetsTable(figures: readonly Figure[]): string {
  const rows = figures
    .filter((f) => f.budget)
    .map((f) => `| ${f.label} | ${budgetText(f)} | ${formatValue(summarize(f.values).median, f.unit)} | ${verdict(f)} |`);
  return ['| what (median of the bench runs) | budget | measured | |', '| --- | --- | --- | --- |', ...rows].join('\n');
}
