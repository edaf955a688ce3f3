/**
 * The deterministic data of the warehouse tests (issue 19): survey answers and employment spells,
 * generated column by column from integer hashes of the row number, so that DuckDB, PostgreSQL, the
 * ClickHouse cluster and the in-memory reference all see exactly the same rows.
 *
 * - answers: `survey_id`, `question_id`, `respondent_id`, `team_id`, `answered_at` (a UTC
 *   timestamp, to the second, across 2024 and 2025, so every quarter boundary is crossed),
 *   `score` (0-10 for the `enps` question, 1-5 for the others; about 2% skipped: NULL).
 * - spells: `person_id`, `team_id`, `hired_on`, `left_on` (NULL while employed), `exit_kind`
 *   (NULL while employed), `regretted` (voluntary leavers only, else NULL).
 *
 * Respondent and person ids are 2^40 + k, so the sum of `respondent_id` over a million answers
 * (about 1.1e18) is far above 2^53 and below 2^63: exact only as a BigInt.
 */

export const TEAMS = Array.from({ length: 40 }, (_, k) => `t${String(k + 1).padStart(2, '0')}`);
export const SURVEYS = Array.from({ length: 8 }, (_, k) => `pulse-${k + 1}`);
export const QUESTIONS = ['enps', 'q1', 'q2', 'q3', 'q4'] as const;
export const EXIT_KINDS = ['voluntary', 'involuntary', 'retirement'] as const;
export const PEOPLE = 20_000;
/** 2^40: the first respondent and person id. */
export const ID_BASE = 1_099_511_627_776n;

const START_2024 = Date.UTC(2024, 0, 1) / 1000;
const TWO_YEARS_SECONDS = 731 * 86_400;
const DAY_2015 = Date.UTC(2015, 0, 1) / 86_400_000;
const DAY_2026 = Date.UTC(2026, 0, 1) / 86_400_000;

/** A 32-bit integer hash of (i, salt) (a murmur3 finaliser): uniform enough for test data. */
export function hash(i: number, salt: number): number {
  let h = Math.imul(i ^ Math.imul(salt, 0x9e3779b9), 0x85ebca6b) ^ salt;
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  h ^= h >>> 16;
  return h >>> 0;
}

/** The team of person k (teams of varied size: the square root leans toward the later teams). */
export function teamOfPerson(k: number): number {
  return Math.floor(Math.sqrt(hash(k, 11) % 1_600));
}

/** Answers as columns (indices into TEAMS, SURVEYS, QUESTIONS; score -1 when skipped). */
export interface Answers {
  readonly count: number;
  readonly person: Int32Array;
  readonly team: Uint8Array;
  readonly survey: Uint8Array;
  readonly question: Uint8Array;
  /** Seconds since 1970-01-01T00:00:00Z. */
  readonly answeredAt: Float64Array;
  readonly score: Int8Array;
}

export function generateAnswers(count: number): Answers {
  const person = new Int32Array(count);
  const team = new Uint8Array(count);
  const survey = new Uint8Array(count);
  const question = new Uint8Array(count);
  const answeredAt = new Float64Array(count);
  const score = new Int8Array(count);
  for (let i = 0; i < count; i++) {
    const k = hash(i, 1) % PEOPLE;
    person[i] = k;
    team[i] = teamOfPerson(k);
    survey[i] = hash(i, 2) % SURVEYS.length;
    const q = hash(i, 3) % QUESTIONS.length;
    question[i] = q;
    answeredAt[i] = START_2024 + (hash(i, 4) % TWO_YEARS_SECONDS);
    // Happier teams score higher; about 2% skip the question.
    const lean = team[i]! % 3;
    score[i] =
      hash(i, 5) % 100 < 2
        ? -1
        : q === 0
          ? Math.min(10, (hash(i, 6) % 8) + lean + (hash(i, 7) % 2))
          : 1 + Math.min(4, (hash(i, 6) % 4) + (lean === 2 ? hash(i, 7) % 2 : 0));
  }
  return { count, person, team, survey, question, answeredAt, score };
}

/** Employment spells as columns (one per person; day numbers since 1970; -1 for NULL). */
export interface Spells {
  readonly count: number;
  readonly team: Uint8Array;
  readonly hiredOn: Int32Array;
  readonly leftOn: Int32Array;
  /** Index into EXIT_KINDS, -1 while employed. */
  readonly exitKind: Int8Array;
  /** 1 regretted, 0 not, -1 NULL (not a voluntary leaver). */
  readonly regretted: Int8Array;
}

export function generateSpells(count: number = PEOPLE): Spells {
  const team = new Uint8Array(count);
  const hiredOn = new Int32Array(count);
  const leftOn = new Int32Array(count);
  const exitKind = new Int8Array(count);
  const regretted = new Int8Array(count);
  for (let k = 0; k < count; k++) {
    team[k] = teamOfPerson(k);
    const hired = DAY_2015 + (hash(k, 21) % (DAY_2026 - DAY_2015 - 30));
    hiredOn[k] = hired;
    // About a third have left, 1 to ~3 000 days after their hire, before 2026.
    const left = hash(k, 22) % 3 === 0 ? hired + 1 + (hash(k, 23) % 3_000) : -1;
    const hasLeft = left >= 0 && left < DAY_2026;
    leftOn[k] = hasLeft ? left : -1;
    const kind = hasLeft ? [0, 0, 0, 1, 1, 2][hash(k, 24) % 6]! : -1;
    exitKind[k] = kind;
    regretted[k] = kind === 0 ? hash(k, 25) % 2 : -1;
  }
  return { count, team, hiredOn, leftOn, exitKind, regretted };
}

export function respondentId(k: number): bigint {
  return ID_BASE + BigInt(k);
}

const pad = (n: number) => String(n).padStart(2, '0');

/** `YYYY-MM-DD hh:mm:ss` in UTC: what every engine reads as a timestamp. */
export function timestampText(seconds: number): string {
  const d = new Date(seconds * 1000);
  return `${d.getUTCFullYear()}-${pad(d.getUTCMonth() + 1)}-${pad(d.getUTCDate())} ${pad(d.getUTCHours())}:${pad(d.getUTCMinutes())}:${pad(d.getUTCSeconds())}`;
}

/** `YYYY-MM-DD`. */
export function dateText(day: number): string {
  return new Date(day * 86_400_000).toISOString().slice(0, 10);
}

/**
 * Answers `from` to `to` as tab-separated text with `\N` for NULL, the text format both
 * PostgreSQL's COPY and ClickHouse's TabSeparated read.
 */
export function answersTsv(answers: Answers, from = 0, to = answers.count): string {
  const ids = Array.from({ length: PEOPLE }, (_, k) => String(respondentId(k)));
  // Formatting a Date per row takes seconds for a million rows: days and clock times from tables.
  const days = new Map<number, string>();
  const two = Array.from({ length: 60 }, (_, n) => pad(n));
  const parts: string[] = [];
  for (let i = from; i < to; i++) {
    const score = answers.score[i]!;
    const at = answers.answeredAt[i]!;
    const day = Math.floor(at / 86_400);
    let dayText = days.get(day);
    if (dayText === undefined) {
      dayText = dateText(day);
      days.set(day, dayText);
    }
    const second = at - day * 86_400;
    const time = `${two[Math.floor(second / 3600)]}:${two[Math.floor(second / 60) % 60]}:${two[second % 60]}`;
    parts.push(
      `${SURVEYS[answers.survey[i]!]}\t${QUESTIONS[answers.question[i]!]}\t${ids[answers.person[i]!]}\t${TEAMS[answers.team[i]!]}\t${dayText} ${time}\t${score < 0 ? '\\N' : score}\n`,
    );
  }
  return parts.join('');
}

/** Spells as tab-separated text (`\N` for NULL; regretted as 1 or 0). */
export function spellsTsv(spells: Spells): string {
  const parts: string[] = [];
  for (let k = 0; k < spells.count; k++) {
    const left = spells.leftOn[k]!;
    const kind = spells.exitKind[k]!;
    const regretted = spells.regretted[k]!;
    parts.push(
      `${respondentId(k)}\t${TEAMS[spells.team[k]!]}\t${dateText(spells.hiredOn[k]!)}\t${left < 0 ? '\\N' : dateText(left)}\t${kind < 0 ? '\\N' : EXIT_KINDS[kind]}\t${regretted < 0 ? '\\N' : regretted}\n`,
    );
  }
  return parts.join('');
}

/** Survey invitations as columns (one per person and survey invited; -1 for NULL). */
export interface Invitations {
  readonly count: number;
  readonly person: Int32Array;
  readonly team: Uint8Array;
  readonly survey: Uint8Array;
  /** Seconds since 1970-01-01T00:00:00Z. */
  readonly invitedAt: Float64Array;
  /** Seconds since 1970-01-01T00:00:00Z, -1 when the person did not respond. */
  readonly respondedAt: Float64Array;
}

/** Each person invited to about half the surveys, about 70% responding a day later. */
export function generateInvitations(): Invitations {
  const rows: [number, number][] = [];
  for (let k = 0; k < PEOPLE; k++)
    for (let s = 0; s < SURVEYS.length; s++) if (hash(k * 8 + s, 31) % 2 === 0) rows.push([k, s]);
  const count = rows.length;
  const person = new Int32Array(count);
  const team = new Uint8Array(count);
  const survey = new Uint8Array(count);
  const invitedAt = new Float64Array(count);
  const respondedAt = new Float64Array(count);
  rows.forEach(([k, s], i) => {
    person[i] = k;
    team[i] = teamOfPerson(k);
    survey[i] = s;
    // Each survey opens at a quarter's first midnight UTC, give or take a day, so some
    // invitations fall just before a period boundary.
    const opens = Date.UTC(2024, 3 * s, 1) / 1000;
    invitedAt[i] = opens - 86_400 + (hash(i, 32) % (2 * 86_400));
    respondedAt[i] = hash(i, 33) % 10 < 7 ? invitedAt[i]! + 86_400 : -1;
  });
  return { count, person, team, survey, invitedAt, respondedAt };
}

/** Invitations as tab-separated text (`\N` for NULL). */
export function invitationsTsv(invitations: Invitations): string {
  const parts: string[] = [];
  for (let i = 0; i < invitations.count; i++) {
    const responded = invitations.respondedAt[i]!;
    parts.push(
      `${SURVEYS[invitations.survey[i]!]}\t${respondentId(invitations.person[i]!)}\t${TEAMS[invitations.team[i]!]}\t${timestampText(invitations.invitedAt[i]!)}\t${responded < 0 ? '\\N' : timestampText(responded)}\n`,
    );
  }
  return parts.join('');
}
