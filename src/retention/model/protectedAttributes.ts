/**
 * Column names the retention model treats as protected attributes unless told otherwise: the
 * protected characteristics of employment law (UK Equality Act 2010 s. 4; EU Directive
 * 2000/78/EC and 2006/54/EC: age, disability, gender reassignment, marriage and civil partnership,
 * pregnancy and maternity, race, religion or belief, sex, sexual orientation) and the special
 * categories of personal data of GDPR Art. 9 (racial or ethnic origin, political opinions,
 * religious or philosophical beliefs, trade-union membership, genetic, biometric and health data,
 * sex life or sexual orientation), with their common column spellings. Names are compared with
 * {@link isProtectedAttribute}: case, spaces, `_` and `-` do not matter.
 *
 * A model without these columns can still discriminate through proxies (part-time work, a career
 * break, a postcode); check its calibration per group with `crossValidate(..., { groupBy })`.
 */
export const DEFAULT_PROTECTED_ATTRIBUTES: readonly string[] = Object.freeze([
  'Age',
  'AgeGroup',
  'AgeBand',
  'DateOfBirth',
  'BirthDate',
  'BirthYear',
  'YearOfBirth',
  'Gender',
  'Sex',
  'GenderIdentity',
  'GenderReassignment',
  'Transgender',
  'MaritalStatus',
  'CivilStatus',
  'CivilPartnership',
  'Pregnancy',
  'Pregnant',
  'Maternity',
  'MaternityLeave',
  'Race',
  'Ethnicity',
  'EthnicOrigin',
  'RacialOrigin',
  'Colour',
  'Color',
  'Nationality',
  'NationalOrigin',
  'Citizenship',
  'CountryOfBirth',
  'Religion',
  'Belief',
  'ReligionOrBelief',
  'Disability',
  'Disabled',
  'Health',
  'HealthStatus',
  'MedicalCondition',
  'SexualOrientation',
  'PoliticalOpinion',
  'PoliticalOpinions',
  'TradeUnion',
  'TradeUnionMembership',
  'UnionMember',
  'UnionMembership',
  'Genetic',
  'GeneticData',
  'Biometric',
  'BiometricData',
]);

const normalise = (name: string) => name.toLowerCase().replace(/[\s_-]+/g, '');

/**
 * Whether a column name is a protected attribute: it matches, ignoring case, spaces, `_` and `-`,
 * a name of {@link DEFAULT_PROTECTED_ATTRIBUTES} or of the extra list given.
 *
 * O(list length).
 *
 * @example
 * isProtectedAttribute('MaritalStatus') // => true
 * isProtectedAttribute('marital_status') // => true
 * isProtectedAttribute('OverTime') // => false
 * isProtectedAttribute('Postcode', ['Postcode']) // => true
 */
export function isProtectedAttribute(name: string, extra: readonly string[] = []): boolean {
  const key = normalise(name);
  return (
    DEFAULT_PROTECTED_ATTRIBUTES.some((item) => normalise(item) === key) ||
    extra.some((item) => normalise(item) === key)
  );
}
