/**
 * The reasons a value may be hidden, in words, for one footnote under a table or report. Readers
 * get the list, never the reason of one cell: a cell's own reason would tell what it hides (that
 * everyone in it gave the same answer, say). `unit` names what is counted (`answers`, `people`).
 * `highest` is the largest minimum in force where a survey declared a higher one than
 * `minGroupSize`, so that a reader who knows a group of 7 is not misled into thinking its values
 * were hidden for being all alike. Each hidden cell's own reason stays in the audit record
 * (`PublishedCell.reason` of `suppressTable`).
 *
 * @example
 * suppressionReasons(5, 'answers') // => ['fewer than 5 answers', 'all answers in one category', 'hidden so that another hidden value cannot be worked out']
 * suppressionReasons(5, 'answers', 10)[0] // => 'fewer than 5 answers (up to 10 where a survey promised its respondents more)'
 */
export function suppressionReasons(
  minGroupSize: number,
  unit: string,
  highest: number = minGroupSize,
): readonly string[] {
  return [
    highest > minGroupSize
      ? `fewer than ${minGroupSize} ${unit} (up to ${highest} where a survey promised its respondents more)`
      : `fewer than ${minGroupSize} ${unit}`,
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
export function suppressionFootnote(
  minGroupSize: number,
  unit: string,
  highest: number = minGroupSize,
): string {
  const [few, same, complement] = suppressionReasons(minGroupSize, unit, highest);
  return `Hidden (suppressed) values: ${few}, ${same}, or ${complement}.`;
}
