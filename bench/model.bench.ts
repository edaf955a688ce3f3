/**
 * The retention-risk model, each case beside a baseline in the same run:
 * - the IBM HR attrition fit (1470 rows, 30 predictors, 45 coefficients, quasi-complete
 *   separation) beside a textbook IRLS written the plain way (number[][] and Gauss-Jordan, run to
 *   R's default tolerance) that does no separation handling; goal < 50 ms;
 * - 1 000 000 rows x 10 numeric features beside R's glm(family = binomial) on the same numbers,
 *   spawned with Rscript: the goal (at least 2x faster) is judged against glm's own time, measured
 *   inside R, so R's start-up and the reading of the data are not counted against it. The table's
 *   baseline column is the wall time of the whole Rscript run.
 * A case whose input is missing (the IBM file, or Rscript) is left out with a printed message.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createRandom } from '../src/core/index.js';
import { fitRetentionModel, type RetentionRow } from '../src/retention/model/index.js';
import {
  IBM_FEATURES,
  IBM_MISSING,
  IBM_PROTECTED,
  ibmAvailable,
  loadIbmRows,
} from '../tests/support/ibm.js';
import type { BenchCase } from './harness.js';

/** A textbook IRLS on a dense design (rows of numbers, intercept first), as in a statistics text. */
export function textbookIrls(x: number[][], y: number[], tolerance = 1e-8, maxIterations = 25) {
  const p = x[0]!.length;
  let beta = new Array<number>(p).fill(0);
  let devianceOld = Number.POSITIVE_INFINITY;
  let iterations = 0;
  for (; iterations < maxIterations; iterations++) {
    const a = Array.from({ length: p }, () => new Array<number>(p + 1).fill(0));
    let deviance = 0;
    x.forEach((row, i) => {
      const eta = row.reduce((sum, v, j) => sum + v * beta[j]!, 0);
      const mu = 1 / (1 + Math.exp(-eta));
      deviance -= 2 * (y[i]! * Math.log(mu) + (1 - y[i]!) * Math.log(1 - mu));
      const w = Math.max(mu * (1 - mu), 1e-12);
      const z = eta + (y[i]! - mu) / w;
      for (let j = 0; j < p; j++) {
        for (let l = 0; l < p; l++) a[j]![l]! += w * row[j]! * row[l]!;
        a[j]![p]! += w * row[j]! * z;
      }
    });
    // Gauss-Jordan elimination with partial pivoting.
    for (let c = 0; c < p; c++) {
      let pivot = c;
      for (let r = c + 1; r < p; r++) if (Math.abs(a[r]![c]!) > Math.abs(a[pivot]![c]!)) pivot = r;
      [a[c], a[pivot]] = [a[pivot]!, a[c]!];
      for (let r = 0; r < p; r++) {
        if (r === c) continue;
        const f = a[r]![c]! / a[c]![c]!;
        for (let l = c; l <= p; l++) a[r]![l]! -= f * a[c]![l]!;
      }
    }
    beta = a.map((row, j) => row[p]! / row[j]!);
    if (Math.abs(deviance - devianceOld) / (Math.abs(deviance) + 0.1) < tolerance) break;
    devianceOld = deviance;
  }
  return { beta, iterations };
}

/** The IBM design for the textbook fit: the same 45 columns, one-hot by hand. */
function ibmDesign(rows: readonly RetentionRow[]): { x: number[][]; y: number[] } {
  const levels = new Map<string, string[]>();
  for (const feature of IBM_FEATURES) {
    if (typeof rows[0]![feature] === 'string') {
      levels.set(feature, [...new Set(rows.map((row) => String(row[feature])))].sort().slice(1));
    }
  }
  const x = rows.map((row) => [
    1,
    ...IBM_FEATURES.flatMap((feature) => {
      const own = levels.get(feature);
      return own ? own.map((level) => (row[feature] === level ? 1 : 0)) : [row[feature] as number];
    }),
  ]);
  return { x, y: rows.map((row) => (row.Attrition === 'Yes' ? 1 : 0)) };
}

/** n rows of p standard-normal features and a logistic outcome, from createRandom(seed). */
export function generatedRows(n: number, p: number, seed = 7) {
  const random = createRandom(seed);
  const normal = () => Math.sqrt(-2 * Math.log(1 - random())) * Math.cos(2 * Math.PI * random());
  const beta = Array.from({ length: p }, (_, j) => (j % 2 ? 0.3 : -0.2) / (1 + j / 3));
  const columns = Array.from({ length: p + 1 }, () => new Float64Array(n));
  const rows: Record<string, number>[] = new Array(n);
  for (let i = 0; i < n; i++) {
    const row: Record<string, number> = {};
    let eta = -1.5;
    for (let j = 0; j < p; j++) {
      const value = normal();
      row[`x${j}`] = value;
      columns[j]![i] = value;
      eta += beta[j]! * value;
    }
    const left = random() < 1 / (1 + Math.exp(-eta)) ? 1 : 0;
    row.left = left;
    columns[p]![i] = left;
    rows[i] = row;
  }
  return { rows, columns };
}

const R_SCRIPT = `
args <- commandArgs(trailingOnly = TRUE)
n <- as.integer(args[2]); p <- as.integer(args[3])
con <- file(args[1], "rb"); values <- readBin(con, "double", n * (p + 1)); close(con)
d <- as.data.frame(matrix(values, n, p + 1))
names(d) <- c(paste0("x", 0:(p - 1)), "left")
elapsed <- system.time(fit <- glm(left ~ ., family = binomial, data = d))[["elapsed"]]
cat(sprintf("%.3f", 1000 * elapsed), sprintf("%.17g", coef(fit)), "\\n")
`;

function rscriptAvailable(): boolean {
  const result = spawnSync('Rscript', ['--version'], { encoding: 'utf8' });
  return result.status === 0;
}

function median(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[middle]! : (sorted[middle - 1]! + sorted[middle]!) / 2;
}

const cases: BenchCase[] = [];

if (ibmAvailable()) {
  const rows = await loadIbmRows();
  const options = { features: IBM_FEATURES, label: 'Attrition', allowProtected: IBM_PROTECTED };
  const { x, y } = ibmDesign(rows);
  cases.push({
    name: 'fitRetentionModel, IBM HR attrition',
    size: '1470 rows, 30 predictors (45 coefficients)',
    goal: '< 50 ms',
    run: () => fitRetentionModel(rows, options),
    baselineName: 'textbook IRLS (number[][], Gauss-Jordan, no separation handling)',
    baseline: () => textbookIrls(x, y),
    meets: (medianMs) => medianMs < 50,
    iterations: 30,
  });
} else {
  console.log(`model.bench: IBM fit ${IBM_MISSING}`);
}

if (rscriptAvailable()) {
  const n = 1_000_000;
  const p = 10;
  let data: ReturnType<typeof generatedRows> | undefined;
  let folder: string | undefined;
  const glmTimes: number[] = [];
  const features = Array.from({ length: p }, (_, j) => `x${j}`);
  // Lazily, so that importing this file costs nothing; the first call is the warm-up.
  const prepare = () => {
    if (data && folder) return { data, folder };
    data = generatedRows(n, p);
    folder = mkdtempSync(join(tmpdir(), 'internal-customer-bench-'));
    const bytes = new Float64Array(n * (p + 1));
    data.columns.forEach((column, j) => {
      bytes.set(column, j * n);
    });
    writeFileSync(join(folder, 'data.bin'), new Uint8Array(bytes.buffer));
    writeFileSync(join(folder, 'glm.R'), R_SCRIPT);
    return { data, folder };
  };
  cases.push({
    name: 'fitRetentionModel, 1 000 000 rows',
    size: '1 000 000 rows x 10 numeric features',
    goal: '>= 2x faster than R glm (glm time measured inside R)',
    run: () => fitRetentionModel(prepare().data.rows, { features, label: 'left' }),
    baselineName: 'R glm(family = binomial) via Rscript (wall time incl. start-up and readBin)',
    baseline: () => {
      const { folder: where } = prepare();
      const result = spawnSync(
        'Rscript',
        [join(where, 'glm.R'), join(where, 'data.bin'), String(n), String(p)],
        { encoding: 'utf8', maxBuffer: 1 << 20 },
      );
      if (result.status !== 0) throw new Error(`Rscript failed: ${result.stderr}`);
      const [elapsed, ...coefficients] = result.stdout.trim().split(/\s+/).map(Number);
      glmTimes.push(elapsed!);
      // The same numbers as R: compare the coefficients once.
      if (glmTimes.length === 1) {
        const model = fitRetentionModel(prepare().data.rows, { features, label: 'left' });
        const worst = Math.max(
          ...model.coefficients.map((c, j) => Math.abs(c.estimate - coefficients[j]!)),
        );
        console.log(
          `model.bench: max |coefficient - R| on 1 000 000 rows: ${worst.toExponential(2)}`,
        );
      }
      return elapsed;
    },
    meets: (medianMs) => {
      const glm = median(glmTimes.slice(1));
      console.log(
        `model.bench: R glm alone, median ${glm.toFixed(0)} ms; fitRetentionModel ${medianMs.toFixed(0)} ms (${(glm / medianMs).toFixed(2)}x faster)`,
      );
      if (folder) rmSync(folder, { recursive: true, force: true });
      return medianMs * 2 <= glm;
    },
    iterations: 3,
  });
} else {
  console.log('model.bench: Rscript not found, the 1 000 000-row comparison with R glm is skipped');
}

/** The model's benchmark cases (bench/index.ts runs them with the others). */
export const modelCases: BenchCase[] = cases;
