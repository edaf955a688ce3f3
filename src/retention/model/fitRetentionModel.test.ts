import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { InternalCustomerError } from '../../core/errors.js';
import { codeOf } from '../../internal/testing/codeOf.js';
import {
  type FitRetentionModelOptions,
  fitRetentionModel,
  type RetentionModel,
  type RetentionRow,
} from './fitRetentionModel.js';

// src/retention/model/fixtures/small-glm.R: 300 made-up employees and R glm(family = binomial)
// fits of them with glm.control(epsilon = 1e-14), run once; the JSON is checked in.
interface RCoefficient {
  readonly term: string;
  readonly estimate: number;
  readonly standardError: number;
  readonly z: number;
  readonly pValue: number;
}
interface RFit {
  readonly coefficients: readonly RCoefficient[];
  readonly deviance: number;
  readonly nullDeviance: number;
  readonly aic: number;
  readonly n: number;
  readonly driftingTerms: readonly string[];
  readonly fitted: readonly number[];
}
const small = JSON.parse(
  readFileSync(new URL('./fixtures/small-glm.json', import.meta.url), 'utf8'),
) as {
  rows: RetentionRow[];
  clean: RFit;
  withTeam: RFit;
  scaleAsCategory: RFit;
};
const rows = small.rows;

/** R's name of a term: feature and level run together (`overtimeYes`, `remoteTRUE`). */
function rName(term: string): string {
  const [feature, level] = term.split(': ');
  if (level === undefined) return feature!;
  return `${feature}${level === 'true' || level === 'false' ? level.toUpperCase() : level}`;
}

function coefficient(model: RetentionModel, term: string) {
  const found = model.coefficients.find((c) => rName(c.term) === term || c.term === term);
  if (!found) throw new Error(`no coefficient ${term}`);
  return found;
}

/** Compares every coefficient R reports to 1e-6 (absolute, and relative for large ones). */
function expectMatchesR(model: RetentionModel, reference: RFit, skip: readonly string[] = []) {
  let compared = 0;
  for (const r of reference.coefficients) {
    if (skip.includes(r.term)) continue;
    const ours = coefficient(model, r.term.replace('factor(satisfaction)', 'satisfaction: '));
    const close = (a: number, b: number) =>
      expect(Math.abs(a - b)).toBeLessThan(1e-6 * Math.max(1, Math.abs(b)));
    close(ours.estimate, r.estimate);
    close(ours.standardError, r.standardError);
    close(ours.z, r.z);
    close(ours.pValue, r.pValue);
    compared++;
  }
  return compared;
}

const options: FitRetentionModelOptions = {
  features: ['overtime', 'tenure', 'satisfaction', 'remote'],
  label: 'left',
};

describe('fitRetentionModel', () => {
  it('matches R glm(family = binomial) on coefficients, standard errors, z, p, deviance and AIC', () => {
    // glm(y ~ overtime + tenure + satisfaction + remote, binomial, epsilon = 1e-14)
    const model = fitRetentionModel(rows, options);
    expect(expectMatchesR(model, small.clean)).toBe(5);
    expect(model.deviance).toBeCloseTo(small.clean.deviance, 9);
    expect(model.nullDeviance).toBeCloseTo(small.clean.nullDeviance, 9);
    expect(model.aic).toBeCloseTo(small.clean.aic, 9);
    expect(model.n).toBe(small.clean.n);
    expect(model.converged).toBe(true);
    expect(model.separation).toBeNull();
    expect(model.coefficients.map((c) => c.term)).toEqual([
      '(Intercept)',
      'overtime: Yes',
      'tenure',
      'satisfaction',
      'remote: true',
    ]);
  });

  it('reports odds ratios with Wald intervals', () => {
    const model = fitRetentionModel(rows, options);
    const overtime = coefficient(model, 'overtimeYes');
    expect(overtime.oddsRatio).toBeCloseTo(Math.exp(overtime.estimate), 12);
    expect(overtime.oddsRatioInterval.lower).toBeCloseTo(
      Math.exp(overtime.estimate - 1.959963984540054 * overtime.standardError),
      12,
    );
    expect(overtime.oddsRatioInterval).toMatchObject({ level: 0.95, method: 'wald' });
    const narrow = fitRetentionModel(rows, { ...options, level: 0.5 });
    expect(coefficient(narrow, 'overtimeYes').oddsRatioInterval.upper).toBeLessThan(
      overtime.oddsRatioInterval.upper,
    );
  });

  it('one-hot encodes numbers declared categorical, as R factor(), reference the first level', () => {
    // glm(y ~ overtime + tenure + factor(satisfaction), binomial)
    const model = fitRetentionModel(rows, {
      features: ['overtime', 'tenure', 'satisfaction'],
      label: 'left',
      categorical: ['satisfaction'],
    });
    expect(expectMatchesR(model, small.scaleAsCategory)).toBe(6);
    expect(model.features.find((f) => f.name === 'satisfaction')).toMatchObject({
      kind: 'categorical',
      levels: ['1', '2', '3', '4'],
      reference: '1',
    });
  });

  it('takes another reference level on request, without changing the fit', () => {
    const model = fitRetentionModel(rows, {
      ...options,
      features: ['team', 'overtime', 'tenure'],
      referenceLevels: { team: 'Sales' },
    });
    expect(model.features[0]).toMatchObject({
      reference: 'Sales',
      levels: ['Sales', 'Design', 'Engineering', 'Support'],
    });
    const defaultReference = fitRetentionModel(rows, {
      ...options,
      features: ['team', 'overtime', 'tenure'],
    });
    expect(model.deviance).toBeCloseTo(defaultReference.deviance, 8);
    expect(
      codeOf(() => fitRetentionModel(rows, { ...options, referenceLevels: { overtime: 'Maybe' } })),
    ).toBe('INVALID_OPTION');
  });

  it('leaves out rows with a missing value, lists them and says so', () => {
    const model = fitRetentionModel(rows, options);
    expect(model.excludedRows).toEqual([5, 77, 150]);
    expect(model.n).toBe(297);
    expect(model.warnings[0]).toMatch(
      /3 row\(s\) with a missing label or feature were left out \(rows 5, 77, 150\)/,
    );
    const blanks = rows.map((row, i) =>
      i === 0 ? { ...row, overtime: ' ' } : i === 1 ? { ...row, left: null } : row,
    );
    expect(fitRetentionModel(blanks, options).excludedRows).toEqual([1, 2, 5, 77, 150]);
  });

  it('flags quasi-complete separation, naming the terms R lets drift, and matches R elsewhere', () => {
    // Nobody in Design left; Design is the reference level of team.
    const model = fitRetentionModel(rows, { ...options, features: ['team', ...options.features] });
    expect(model.separation).toMatchObject({
      kind: 'quasi-complete',
      terms: ['(Intercept)', 'team: Engineering', 'team: Sales', 'team: Support'],
      features: ['team'],
      boundedByPenalty: false,
    });
    expect(small.withTeam.driftingTerms).toEqual([
      '(Intercept)',
      'teamEngineering',
      'teamSales',
      'teamSupport',
    ]);
    const design = rows.flatMap((row, i) =>
      row.team === 'Design' && row.tenure !== null ? [i + 1] : [],
    );
    expect(model.separation?.rows).toEqual(design);
    expect(model.warnings.join('\n')).toMatch(
      /Quasi-complete separation: 30 row\(s\) .* coefficients of \(Intercept\), team: Engineering, team: Sales, team: Support have no maximum-likelihood estimate/,
    );
    for (const term of ['(Intercept)', 'team: Engineering']) {
      const c = coefficient(model, term);
      expect(c.separated).toBe(true);
      expect(c.standardError).toBeNaN();
      expect(c.pValue).toBeNaN();
      expect(c.oddsRatio).toBeNaN();
    }
    expect(expectMatchesR(model, small.withTeam, small.withTeam.driftingTerms)).toBe(4);
    // The deviance converges even though the coefficients do not.
    expect(model.deviance).toBeCloseTo(small.withTeam.deviance, 8);
  });

  it('flags complete separation', () => {
    const data = [
      { tenure: 1, left: 1 },
      { tenure: 2, left: 1 },
      { tenure: 3, left: 0 },
      { tenure: 4, left: 0 },
    ];
    const model = fitRetentionModel(data, { features: ['tenure'], label: 'left' });
    expect(model.separation).toMatchObject({ kind: 'complete', rows: [1, 2, 3, 4] });
    expect(model.deviance).toBeLessThan(1e-9);
  });

  it('keeps separated coefficients finite with a penalty, still reporting the separation', () => {
    const features = ['team', ...options.features];
    const penalised = fitRetentionModel(rows, {
      ...options,
      features,
      regularization: 1,
      standardize: true,
    });
    expect(penalised.separation).toMatchObject({ kind: 'quasi-complete', boundedByPenalty: true });
    expect(penalised.warnings.join('\n')).toMatch(/finite only because of the penalty/);
    for (const c of penalised.coefficients) {
      expect(Number.isFinite(c.estimate)).toBe(true);
      expect(Number.isFinite(c.standardError)).toBe(true);
      expect(Math.abs(c.estimate)).toBeLessThan(5);
    }
  });

  it('maximises log L - lambda/2 |beta|^2: the penalised score is zero at the estimate', () => {
    for (const standardize of [false, true]) {
      const lambda = 3;
      const model = fitRetentionModel(rows, { ...options, regularization: lambda, standardize });
      const complete = rows.filter((row) => row.tenure !== null);
      const x = (row: RetentionRow) => [
        1,
        row.overtime === 'Yes' ? 1 : 0,
        standardize
          ? ((row.tenure as number) - feature(model, 'tenure').mean) /
            feature(model, 'tenure').standardDeviation
          : (row.tenure as number),
        standardize
          ? ((row.satisfaction as number) - feature(model, 'satisfaction').mean) /
            feature(model, 'satisfaction').standardDeviation
          : (row.satisfaction as number),
        row.remote === true ? 1 : 0,
      ];
      const beta = model.coefficients.map((c) => c.estimate);
      const score = [0, 0, 0, 0, 0];
      for (const row of complete) {
        const xi = x(row);
        const p = 1 / (1 + Math.exp(-xi.reduce((sum, v, j) => sum + v * beta[j]!, 0)));
        const y = row.left === 'Yes' ? 1 : 0;
        xi.forEach((v, j) => {
          score[j]! += v * (y - p);
        });
      }
      score.forEach((s, j) => {
        expect(s - (j === 0 ? 0 : lambda * beta[j]!)).toBeCloseTo(0, 7);
      });
    }
  });

  it('shrinks the slopes more as the penalty grows', () => {
    const norm = (model: RetentionModel) =>
      model.coefficients.slice(1).reduce((sum, c) => sum + c.estimate ** 2, 0);
    const norms = [0, 1, 10, 100].map((lambda) =>
      norm(fitRetentionModel(rows, { ...options, regularization: lambda, standardize: true })),
    );
    for (let i = 1; i < norms.length; i++) expect(norms[i]).toBeLessThan(norms[i - 1]!);
  });

  it('reports per standard deviation when standardised, with the same fit', () => {
    const raw = fitRetentionModel(rows, options);
    const standard = fitRetentionModel(rows, { ...options, standardize: true });
    const sd = feature(standard, 'tenure').standardDeviation;
    expect(coefficient(standard, 'tenure').estimate).toBeCloseTo(
      coefficient(raw, 'tenure').estimate * sd,
      10,
    );
    expect(coefficient(standard, 'tenure').z).toBeCloseTo(coefficient(raw, 'tenure').z, 8);
    expect(coefficient(standard, 'overtimeYes').estimate).toBeCloseTo(
      coefficient(raw, 'overtimeYes').estimate,
      10,
    );
    expect(standard.deviance).toBeCloseTo(raw.deviance, 9);
  });

  it('drops a constant column with a warning instead of failing on a singular matrix', () => {
    const model = fitRetentionModel(rows, {
      ...options,
      features: [...options.features, 'company'],
    });
    expect(model.droppedTerms).toEqual([
      { term: 'company', feature: 'company', level: null, reason: 'constant' },
    ]);
    expect(model.features.find((f) => f.name === 'company')?.status).toBe('constant');
    expect(model.warnings).toContain('company is constant in the fitted rows and was dropped');
    expect(model.deviance).toBeCloseTo(small.clean.deviance, 9);
    const numeric = rows.map((row) => ({ ...row, hours: 40 }));
    expect(
      fitRetentionModel(numeric, { ...options, features: [...options.features, 'hours'] })
        .droppedTerms[0],
    ).toMatchObject({ term: 'hours', reason: 'constant' });
  });

  it('drops a column that is a linear combination of others (R: NA), keeping the rest exact', () => {
    const doubled = rows.map((row) => ({
      ...row,
      months: typeof row.tenure === 'number' ? row.tenure * 12 : null,
      balance:
        typeof row.tenure === 'number' ? (row.satisfaction as number) - row.tenure / 2 : null,
    }));
    const model = fitRetentionModel(doubled, {
      ...options,
      features: [...options.features, 'months', 'balance'],
    });
    expect(model.droppedTerms.map((t) => [t.term, t.reason])).toEqual([
      ['months', 'aliased'],
      ['balance', 'aliased'],
    ]);
    expect(model.warnings.join('\n')).toMatch(/months is a linear combination of earlier terms/);
    expect(expectMatchesR(model, small.clean)).toBe(5);
  });

  it('refuses a protected attribute unless it is allowed by name, and says how', () => {
    const withGender = rows.map((row, i) => ({
      ...row,
      Gender: i % 2 ? 'F' : 'M',
      age: 30 + (i % 20),
    }));
    const refuse = () =>
      fitRetentionModel(withGender, { ...options, features: ['Gender', 'age', 'tenure'] });
    expect(codeOf(refuse)).toBe('INVALID_OPTION');
    expect(refuse).toThrow(
      /protected attributes .* include Gender, age.*allowProtected: \["Gender","age"\]/,
    );
    expect(
      codeOf(() =>
        fitRetentionModel(withGender, {
          ...options,
          features: ['Gender', 'age'],
          allowProtected: ['Gender'],
        }),
      ),
    ).toBe('INVALID_OPTION');
    const allowed = fitRetentionModel(withGender, {
      ...options,
      features: ['Gender', 'age', 'tenure'],
      allowProtected: ['Gender', 'age'],
    });
    expect(allowed.protectedFeatures).toEqual(['Gender', 'age']);
    expect(allowed.warnings.join('\n')).toMatch(/uses protected attributes \(Gender, age\)/);
    expect(
      fitRetentionModel(withGender, {
        ...options,
        features: ['Gender', 'tenure'],
        allowProtected: true,
      }).protectedFeatures,
    ).toEqual(['Gender']);
    // A caller's own list adds to the default one.
    expect(codeOf(() => fitRetentionModel(rows, { ...options, protected: ['remote'] }))).toBe(
      'INVALID_OPTION',
    );
  });

  it('refuses a label that is not binary, or has one value, or whose event is unclear', () => {
    const three = rows.map((row, i) => ({ ...row, left: i % 3 === 0 ? 'Maybe' : row.left }));
    expect(codeOf(() => fitRetentionModel(three, options))).toBe('INVALID_INPUT');
    expect(() => fitRetentionModel(three, options)).toThrow(
      /binary label, but left has more than two values/,
    );
    const one = rows.map((row) => ({ ...row, left: 'No' }));
    expect(codeOf(() => fitRetentionModel(one, options))).toBe('INVALID_INPUT');
    const unclear = rows.map((row) => ({ ...row, left: row.left === 'Yes' ? 'A' : 'B' }));
    expect(codeOf(() => fitRetentionModel(unclear, options))).toBe('INVALID_OPTION');
    const named = fitRetentionModel(unclear, { ...options, positive: 'A' });
    expect(named.positive).toBe('A');
    expect(named.deviance).toBeCloseTo(small.clean.deviance, 9);
    expect(codeOf(() => fitRetentionModel(unclear, { ...options, positive: 'C' }))).toBe(
      'INVALID_OPTION',
    );
    const numeric = rows.map((row) => ({ ...row, left: row.left === 'Yes' ? 1 : 0 }));
    expect(fitRetentionModel(numeric, options).deviance).toBeCloseTo(small.clean.deviance, 9);
    const booleans = rows.map((row) => ({ ...row, left: row.left === 'Yes' }));
    expect(fitRetentionModel(booleans, options).positive).toBe(true);
  });

  it('refuses malformed options and data with the error code and the offending value', () => {
    const attempt = (o: unknown, data: unknown = rows) =>
      codeOf(() => fitRetentionModel(data as RetentionRow[], o as FitRetentionModelOptions));
    expect(attempt({ ...options, features: [] })).toBe('INVALID_OPTION');
    expect(attempt({ ...options, features: 'tenure' })).toBe('INVALID_OPTION');
    expect(attempt({ ...options, features: ['tenure', 'tenure'] })).toBe('INVALID_OPTION');
    expect(attempt({ ...options, label: '' })).toBe('INVALID_OPTION');
    expect(attempt({ ...options, features: ['left', 'tenure'] })).toBe('INVALID_OPTION');
    expect(attempt({ ...options, categorical: ['team'] })).toBe('INVALID_OPTION');
    expect(attempt({ ...options, regularization: -1 })).toBe('INVALID_OPTION');
    expect(attempt({ ...options, regularization: Number.NaN })).toBe('INVALID_OPTION');
    expect(attempt({ ...options, maxIterations: 0 })).toBe('INVALID_OPTION');
    expect(attempt({ ...options, tolerance: 0 })).toBe('INVALID_OPTION');
    expect(attempt({ ...options, level: 1 })).toBe('INVALID_OPTION');
    expect(attempt(null)).toBe('INVALID_OPTION');
    expect(attempt(options, 'rows')).toBe('INVALID_INPUT');
    expect(attempt(options, [null])).toBe('INVALID_INPUT');
    expect(attempt(options, [])).toBe('INVALID_INPUT');
    expect(
      attempt(
        options,
        rows.map((row) => ({ ...row, tenure: null })),
      ),
    ).toBe('INVALID_INPUT');
    const mixed = rows.map((row, i) => ({ ...row, tenure: i === 7 ? 'long' : row.tenure }));
    expect(attempt(options, mixed)).toBe('INVALID_INPUT');
    expect(() => fitRetentionModel(mixed, options)).toThrow(
      /tenure .* mixes numbers with "long"; list it in categorical/,
    );
    expect(
      attempt(
        options,
        rows.map((row, i) => ({ ...row, tenure: i === 3 ? Infinity : row.tenure })),
      ),
    ).toBe('INVALID_INPUT');
    expect(
      attempt(
        options,
        rows.map((row, i) => ({ ...row, tenure: i === 3 ? { years: 1 } : row.tenure })),
      ),
    ).toBe('INVALID_INPUT');
    expect(() => fitRetentionModel([], options)).toThrow(InternalCustomerError);
  });

  it('reports non-convergence when the iterations run out', () => {
    const model = fitRetentionModel(rows, { ...options, maxIterations: 1 });
    expect(model.converged).toBe(false);
    expect(model.warnings.join('\n')).toMatch(/did not converge in 1 iterations/);
  });

  it('does not depend on the order of the rows and does not mutate them', () => {
    const frozen = rows.map((row) => Object.freeze({ ...row }));
    const forward = fitRetentionModel(frozen, options);
    const backward = fitRetentionModel([...frozen].reverse(), options);
    forward.coefficients.forEach((c, j) => {
      expect(backward.coefficients[j]!.estimate).toBeCloseTo(c.estimate, 9);
    });
    expect(frozen[0]).toEqual(rows[0]);
  });

  it('returns plain data that survives a JSON round trip', () => {
    const model = fitRetentionModel(rows, options);
    expect(JSON.parse(JSON.stringify(model))).toEqual(model);
    expect(model.riskPercentiles).toHaveLength(101);
    const fitted = [...small.clean.fitted].sort((a, b) => a - b);
    // R: quantile(fitted(fit), c(0, 0.5, 1))
    expect(model.riskPercentiles[0]).toBeCloseTo(fitted[0]!, 9);
    expect(model.riskPercentiles[100]).toBeCloseTo(fitted.at(-1)!, 9);
    expect(model.riskPercentiles[50]).toBeCloseTo(fitted[148]!, 9);
  });
});

function feature(model: RetentionModel, name: string) {
  const found = model.features.find((f) => f.name === name);
  if (found?.kind !== 'numeric') throw new Error(`${name} is not numeric`);
  return found;
}
