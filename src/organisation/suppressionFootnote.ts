/**
 * The reasons a value may be hidden, in words, for one footnote under a table or report. Readers
 * get the list, never the reason of one cell: a cell's own reason would tell what it hides (that
 * everyone in it gave the same answer, say). `unit` names what is counted (`answers`, `people`).
 *
 * @example
 * suppressionReasons(5, 'answers') // => ['fewer than 5 answers', 'all answers in one category', 'hidden so that another hidden value cannot be worked out']
 */
export function suppressionReasons(minGroupSize: number, unit: string): readonly string[] {
  return [
    `fewer than ${minGroupSize} ${unit}`,
    `all ${unit} in one category`,
    'hidden so that another hidden value cannot be worked out',
  ];
}

/**
 * The one footnote that lists {@link suppressionReasons}, for a report or a table.
 *
 * @example
 * suppressionFootnote(5, 'people') // => 'Hidden (suppressed) values: fewer than 5 people, all people in one category, or hidden so that another hidden value cannot be worked out.'
 */
export function suppressionFootnote(minGroupSize: number, unit: string): string {
  const [few, same, complement] = suppressionReasons(minGroupSize, unit);
  return `Hidden (suppressed) values: ${few}, ${same}, or ${complement}.`;
}
