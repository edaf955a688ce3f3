/**
 * The `risk` command's cross-validation through the privacy gate (issue 14): the people of every
 * calibration bin and of every --by group, with how many of them left, are cells of one table tied
 * by `all = sum of bins`, `all = sum of groups` and `group = sum of its bins`, so that no bin or
 * group of 1 to k-1 people (nor one in which everyone left) is shown, or can be worked out from
 * the headline figures beside it. The model's coefficients and AUCs are not additive: they are
 * shown only for cells the gate shows. @internal
 */
import { suppressTable } from '../../privacy/suppressTable.js';
import type { TableCell, TableEquation } from '../../privacy/table.js';
import type { CrossValidateResult } from '../../retention/model/crossValidate.js';
import type { RetentionRow, RetentionValue } from '../../retention/model/fitRetentionModel.js';

type Bin = CrossValidateResult['calibration'][number];

/** A calibration bin as published: its figures, or hidden. @internal */
export type PublishedBin = Bin | { readonly bin: number; readonly status: 'suppressed' };

/** A --by group as published. @internal */
export type PublishedGroup =
  | ({ readonly group: string; readonly status: 'shown' } & Omit<
      Extract<CrossValidateResult['groups'][number]['performance'], { status: 'shown' }>['value'],
      'calibration'
    > & { readonly calibration: readonly PublishedBin[] })
  | { readonly group: string; readonly status: 'suppressed' };

const leavers = (n: number, events: number): Omit<TableCell, 'id'> => ({
  n,
  counts: { leavers: events },
});

/** The text of a --by value, as crossValidate groups it. */
const groupKey = (value: RetentionValue): string =>
  value === null ||
  value === undefined ||
  (typeof value === 'number' && Number.isNaN(value)) ||
  (typeof value === 'string' && value.trim() === '')
    ? '(missing)'
    : String(value);

/**
 * The calibration bins and --by groups of a cross-validation that the gate shows. `rows` are the
 * rows given to `crossValidate` (its `predictions` tell which it used), `positive` the label
 * value that means leaving. @internal
 */
export function gateValidation(
  rows: readonly RetentionRow[],
  validation: CrossValidateResult,
  options: { label: string; positive: RetentionValue; by?: string | undefined; minGroup: number },
): { calibration: PublishedBin[]; groups: PublishedGroup[] } {
  const cells: TableCell[] = [];
  const equations: TableEquation[] = [];
  const binCells = (prefix: string, bins: readonly Bin[], total: string) => {
    const ids = bins.map((bin) => `${prefix}bin:${bin.bin}`);
    bins.forEach((bin, i) => {
      cells.push({ id: ids[i]!, ...leavers(bin.n, bin.events) });
    });
    equations.push({ total, parts: ids });
  };
  const pooled = validation.calibration.reduce((sum, bin) => sum + bin.n, 0);
  // Repeats pool each person several times: the bins then add up to a total of their own.
  const binTotal = pooled === validation.n ? 'all' : 'pooled';
  cells.push({ id: 'all', ...leavers(validation.n, validation.events) });
  if (binTotal === 'pooled') {
    const events = validation.calibration.reduce((sum, bin) => sum + bin.events, 0);
    cells.push({ id: 'pooled', ...leavers(pooled, events) });
  }
  binCells('', validation.calibration, binTotal);
  if (options.by !== undefined) {
    const tally = new Map<string, { n: number; events: number }>();
    rows.forEach((row, i) => {
      if (validation.predictions[i] === null) return;
      const key = groupKey(row[options.by!]);
      const entry = tally.get(key) ?? { n: 0, events: 0 };
      entry.n += 1;
      if (String(row[options.label]) === String(options.positive)) entry.events += 1;
      tally.set(key, entry);
    });
    equations.push({ total: 'all', parts: [...tally.keys()].map((key) => `group:${key}`) });
    for (const [key, { n, events }] of tally)
      cells.push({ id: `group:${key}`, ...leavers(n, events) });
    for (const { group, performance } of validation.groups)
      if (performance.status === 'shown')
        binCells(`group:${group}|`, performance.value.calibration, `group:${group}`);
  }
  const report = suppressTable({ cells, equations }, { minGroupSize: options.minGroup });
  const shown = new Set(
    report.cells.filter((cell) => cell.status === 'shown').map((cell) => cell.id),
  );
  const bins = (prefix: string, list: readonly Bin[]): PublishedBin[] =>
    list.map((bin) =>
      shown.has(`${prefix}bin:${bin.bin}`) ? bin : { bin: bin.bin, status: 'suppressed' },
    );
  return {
    calibration: bins('', validation.calibration),
    groups: validation.groups.map(({ group, performance }): PublishedGroup => {
      if (performance.status !== 'shown' || !shown.has(`group:${group}`))
        return { group, status: 'suppressed' };
      const { calibration, ...rest } = performance.value;
      return {
        group,
        status: 'shown',
        ...rest,
        calibration: bins(`group:${group}|`, calibration),
      };
    }),
  };
}
