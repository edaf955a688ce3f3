/**
 * The aggregates of the warehouse tests computed here, in JavaScript, over the generated columns
 * (data.ts): what every engine must return. Keys and counts as strings, so that comparisons are
 * exact whatever the engine's integer type.
 */
import { type Answers, EXIT_KINDS, PEOPLE, respondentId, type Spells, TEAMS } from './data.js';

/** Year and quarter of a UTC timestamp (seconds). */
export function yearQuarter(seconds: number): [number, number] {
  const d = new Date(seconds * 1000);
  return [d.getUTCFullYear(), Math.floor(d.getUTCMonth() / 3) + 1];
}

function add(map: Map<string, bigint[]>, key: string, values: readonly bigint[]): void {
  const sums = map.get(key);
  if (sums === undefined) map.set(key, [...values]);
  else
    values.forEach((value, index) => {
      sums[index]! += value;
    });
}

/** `key|value|value...` lines, sorted: one per group. */
function lines(map: Map<string, bigint[]>): string[] {
  return [...map].map(([key, values]) => [key, ...values].join('|')).sort();
}

/** Per team: answers, answered (score not NULL), sum of scores. */
export function perTeam(answers: Answers): string[] {
  const map = new Map<string, bigint[]>();
  for (let i = 0; i < answers.count; i++) {
    const score = answers.score[i]!;
    add(map, TEAMS[answers.team[i]!]!, [1n, score < 0 ? 0n : 1n, score < 0 ? 0n : BigInt(score)]);
  }
  return lines(map);
}

/** Per team, year and quarter (UTC) of the eNPS question: detractors, passives, promoters, skipped. */
export function enpsPerTeamQuarter(answers: Answers): string[] {
  const map = new Map<string, bigint[]>();
  for (let i = 0; i < answers.count; i++) {
    if (answers.question[i] !== 0) continue;
    const score = answers.score[i]!;
    const [year, quarter] = yearQuarter(answers.answeredAt[i]!);
    add(map, `${TEAMS[answers.team[i]!]}|${year}|${quarter}`, [
      score >= 0 && score <= 6 ? 1n : 0n,
      score === 7 || score === 8 ? 1n : 0n,
      score >= 9 ? 1n : 0n,
      score < 0 ? 1n : 0n,
    ]);
  }
  return lines(map);
}

/** Per year and quarter (UTC): answers. */
export function perQuarter(answers: Answers): string[] {
  const map = new Map<string, bigint[]>();
  for (let i = 0; i < answers.count; i++) {
    const [year, quarter] = yearQuarter(answers.answeredAt[i]!);
    add(map, `${year}|${quarter}`, [1n]);
  }
  return lines(map);
}

/** The sum of respondent_id over every answer: about 1.1e18, far above 2^53. */
export function respondentIdSum(answers: Answers): bigint {
  const counts = new Float64Array(PEOPLE);
  for (let i = 0; i < answers.count; i++) counts[answers.person[i]!]! += 1;
  let sum = 0n;
  counts.forEach((n, k) => {
    sum += BigInt(n) * respondentId(k);
  });
  return sum;
}

/** Per team and exit kind (leavers only): leavers, regretted. */
export function leaversPerTeamKind(spells: Spells): string[] {
  const map = new Map<string, bigint[]>();
  for (let k = 0; k < spells.count; k++) {
    const kind = spells.exitKind[k]!;
    if (kind < 0) continue;
    add(map, `${TEAMS[spells.team[k]!]}|${EXIT_KINDS[kind]}`, [
      1n,
      spells.regretted[k] === 1 ? 1n : 0n,
    ]);
  }
  return lines(map);
}
