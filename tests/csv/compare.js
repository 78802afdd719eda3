// Deep equality of a csv-spectrum expected JSON file and csv_dump's output.
// Usage: node compare.js CASE EXPECTED.json ACTUAL.json
// Strings are compared byte for byte (\r\n inside values included). Two known faults of the
// csv-spectrum 2.0.0 data are corrected, and only they:
// - json/location_coordinates.json is a bare object, not an array of one object like every other
//   case (upstream issue max-mapper/csv-spectrum#22): a bare object is read as a one-row array;
// - the same file expects "Contact Phone Number": "1234567890" while the CSV holds 2095257564
//   (upstream issue #20, fix proposed in PR #23): the expected value is taken from the CSV. The
//   erratum applies only while the expected file still holds the wrong value.
'use strict';
const fs = require('fs');
const util = require('util');

const errata = {
  location_coordinates: [{ row: 0, key: 'Contact Phone Number', wrong: '1234567890', right: '2095257564' }],
};

const [name, expectedPath, actualPath] = process.argv.slice(2);
let expected = JSON.parse(fs.readFileSync(expectedPath, 'utf8'));
const actual = JSON.parse(fs.readFileSync(actualPath, 'utf8'));
if (!Array.isArray(expected) && expected !== null && typeof expected === 'object') expected = [expected];
for (const e of errata[name] || []) {
  const row = expected[e.row];
  if (row && row[e.key] === e.wrong) {
    row[e.key] = e.right;
    console.log(`    note: corrected the expected ${e.key} of row ${e.row + 1} (known csv-spectrum data error)`);
  }
}
if (util.isDeepStrictEqual(expected, actual)) process.exit(0);
const show = (v) => JSON.stringify(v, null, 2);
console.log('    expected: ' + show(expected).split('\n').join('\n    '));
console.log('    actual:   ' + show(actual).split('\n').join('\n    '));
process.exit(1);
