// The "valid for sure" rules of cleanRules.ts in DuckDB's SQL, for duckdbEnpsTallies.
import type { CleanPlan } from '../../csv/internal/cleanRules.js';
import type { EnpsCutoffs } from '../../satisfaction/classifyEnps.js';

/** A SQL string literal. @internal */
export function sqlString(text: string): string {
  return `'${text.replaceAll("'", "''")}'`;
}

/** A column reference by position (the header's own names may repeat or need quoting). @internal */
export function col(index: number): string {
  return `c${index}`;
}

/** The `id` rule of `cleanRules.ts`: first and last characters printable ASCII. */
function idSql(c: string): string {
  return `regexp_full_match(${c}, '[!-~](.*[!-~])?')`;
}

/**
 * The `instant` rule: digits where zod wants them, an hour up to 23 (DuckDB reads 24:00:00 as the
 * next midnight), then a real day and time (try_cast). @internal
 */
export function instantSql(c: string): string {
  return `(${c} GLOB '[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]T[0-2][0-9]:[0-5][0-9]:[0-5][0-9]Z' AND ${c} >= '1000' AND substr(${c}, 12, 2) <= '23' AND try_cast(${c} AS TIMESTAMP) IS NOT NULL)`;
}

/**
 * The `score` rule: one of the scale's points as `String` writes it. One-digit points that run
 * without a gap are a length and a range (cheaper than a list); the others a list.
 */
function scoreSql(c: string, cutoffs: EnpsCutoffs): string {
  const points: string[] = [];
  for (let value = cutoffs.scaleMin; value <= cutoffs.scaleMax; value++) points.push(String(value));
  const digits = points.filter((point) => /^[0-9]$/.test(point));
  const others = points.filter((point) => !/^[0-9]$/.test(point));
  const parts: string[] = [];
  if (digits.length > 0) {
    parts.push(
      `(strlen(${c}) = 1 AND ${c} BETWEEN ${sqlString(digits[0]!)} AND ${sqlString(digits[digits.length - 1]!)})`,
    );
  }
  if (others.length > 0) parts.push(`${c} IN (${others.map(sqlString).join(', ')})`);
  return `(${c} IS NULL OR ${parts.join(' OR ')})`;
}

/**
 * The SQL of the rules that are checked row by row (`cleanRules.ts`): each implies `readCsv`'s
 * verdict, and `duckdbEnpsTallies.test.ts` checks the instant's against zod's. Id columns that
 * are group keys (and `surveyId`) are checked once per distinct value in JavaScript instead
 * (`perValue`), which costs nothing per row.
 */
export function rowRules(
  plan: CleanPlan,
  perValue: ReadonlySet<number>,
  cutoffs: EnpsCutoffs,
): string {
  const rules: string[] = [];
  for (const { index, rule } of plan.rules) {
    const c = col(index);
    if (perValue.has(index)) {
      // Checked per distinct value; only an empty one is checked here.
      if (rule === 'id') rules.push(`${c} IS NOT NULL`);
      continue;
    }
    switch (rule) {
      case 'id':
        rules.push(idSql(c));
        break;
      case 'optionalId':
        rules.push(`(${c} IS NULL OR ${idSql(c)})`);
        break;
      case 'instant':
        rules.push(instantSql(c));
        break;
      case 'score':
        rules.push(scoreSql(c, cutoffs));
        break;
      case 'answer':
        rules.push(`(${c} IS NULL OR strlen(${c}) <= 300)`);
        break;
      case 'comments':
        rules.push(`(${c} IS NULL OR ${c} = '[]')`);
        break;
    }
  }
  return rules.length === 0 ? 'true' : `coalesce(${rules.join(' AND ')}, false)`;
}
