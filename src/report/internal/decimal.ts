/**
 * Multiplies a finite number by 10^places on its shortest decimal text (what `String(value)`
 * prints), so 0.285 x 100 is 28.5 and not 28.499999999999996. @internal
 */
export function shiftDecimal(value: number, places: number): number {
  const [mantissa, exponent = '0'] = String(value).split('e');
  return Number(`${mantissa}e${Number(exponent) + places}`);
}
