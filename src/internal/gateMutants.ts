/**
 * Test-only switches that break the privacy gate on purpose, so that the acceptance property test
 * (`tests/publishers.prop.test.ts`) can show it catches a gate without them. Never set outside
 * tests; every switch is off by default and costs one comparison where it is read. @internal
 */
export const gateMutants = {
  /** The suppression's audit forgets that counts are >= 0 (no forced zeros). */
  dropNonNegativity: false,
  /** `stayersVersusLeavers` forgets that its horizons nest (no increment equations). */
  dropNesting: false,
  /** The suppression forgets unions: suppressed cells pinned together, never one by one. */
  dropUnions: false,
};
