/** The smallest valid config; tests derive broken ones from it, so their line numbers are easy to work out. */
export const VALID = `version: 1
criteria:
  effort:
    weight: 10
    field: effort
    map: {XS: 1, XL: 0}
`;
