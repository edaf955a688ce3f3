import type { RowStageColumn } from '../../csv/createRowStage.js';
import type { CleanPlan, CleanRule } from './cleanRules.js';
import type { EnpsAggregationParams } from './enpsAggregation.js';
import { RESPONSE_FIELDS } from './enpsAggregation.js';

/**
 * Plans the "valid for sure" rules of a responses file, whose rows the reader counts without
 * building records: each rule only needs to imply `readCsv`'s verdict (a valid record, counted in the same group
 * with the same score), so every other row is read the full way, and results are the same by
 * construction. Undefined when some column has no rule (a mapped field the rules do not know),
 * a required column is missing, or a group column is not an id, an optional id or the instant:
 * then every row is read the full way. @internal
 */
export function planCleanRows(
  columns: readonly RowStageColumn[],
  params: EnpsAggregationParams,
): CleanPlan | undefined {
  const scorePath = `answers.${params.question}`;
  const rules: { index: number; rule: CleanRule }[] = [];
  const byPath = new Map<string, { index: number; rule: CleanRule }>();
  for (const column of columns) {
    const path = column.path;
    let rule: CleanRule;
    if (path === 'id' || path === 'surveyId') rule = 'id';
    else if (path === 'respondentId') rule = 'optionalId';
    else if (path === 'submittedAt') rule = 'instant';
    else if (path === scorePath) rule = 'score';
    else if (/^answers\.[^.]+$/.test(path)) rule = 'answer';
    else if (path === 'comments') rule = 'comments';
    else if (!RESPONSE_FIELDS.has(path) && params.groupBy.includes(path)) rule = 'id';
    else return undefined;
    const entry = { index: column.index, rule };
    rules.push(entry);
    byPath.set(path, entry);
  }
  for (const required of ['id', 'surveyId', 'submittedAt', scorePath]) {
    if (!byPath.has(required)) return undefined;
  }
  const groups: (number | undefined)[] = [];
  for (const name of params.groupBy) {
    const entry = byPath.get(name);
    if (entry === undefined) {
      // An absent optional field is a null key; an absent extra id makes every row invalid.
      if (name !== 'respondentId') return undefined;
      groups.push(undefined);
    } else if (entry.rule === 'id' || entry.rule === 'optionalId' || entry.rule === 'instant') {
      groups.push(entry.index);
    } else {
      return undefined;
    }
  }
  return {
    rules,
    score: byPath.get(scorePath)!.index,
    instant: byPath.get('submittedAt')!.index,
    groups,
  };
}
