// Parses `recert export --format ics` output with ical.js and checks it against the ledger of
// icaljs.sh. Usage: node check.js ICALJS_DIR FIRST.ics SECOND.ics LATER.ics
// FIRST and SECOND are two runs with the same as-of date (2026-11-01), LATER one at 2026-12-15.
'use strict';
const fs = require('fs');
const path = require('path');
const { pathToFileURL } = require('url');

const [pkgDir, firstPath, secondPath, laterPath] = process.argv.slice(2);
let pass = 0;
let fail = 0;
function check(ok, what) {
  if (ok) {
    pass++;
  } else {
    fail++;
    console.log('FAIL ' + what);
  }
}
function eq(actual, expected, what) {
  const ok = JSON.stringify(actual) === JSON.stringify(expected);
  check(ok, `${what}: expected ${JSON.stringify(expected)}, got ${JSON.stringify(actual)}`);
}

// The events expected at 2026-11-01, in file order (by date).
const title = 'Automation; webinar, part 1 \u2014 \u00dcn\u00efc\u00f6d\u00e9 na\u00efve ' +
  'fa\u00e7ade r\u00e9sum\u00e9, long enough to fold';
const expected = [
  { summary: `Submit CE claim: ${title} (Ana Silva)`, start: '2027-01-10', end: '2027-01-11', alarms: [] },
  { summary: 'CCNA expires (Bo Chen)', start: '2027-01-15', end: '2027-01-16', alarms: [90, 30] },
  { summary: 'CCNP Enterprise expires (Ana Silva)', start: '2027-03-10', end: '2027-03-11', alarms: [90, 30] },
  { summary: 'CCNA expires (Ana Silva)', start: '2028-06-01', end: '2028-06-02', alarms: [90, 30] },
];

// RFC 5545 3.1: CRLF line ends, at most 75 octets a line, folding never inside a UTF-8 character.
function checkLines(text, name) {
  check(text.endsWith('\r\n'), `${name}: ends with CRLF`);
  const lines = text.split('\r\n');
  lines.pop();
  let longest = 0;
  lines.forEach((line, i) => {
    check(!/[\r\n]/.test(line), `${name}: line ${i + 1} has a bare CR or LF`);
    const octets = Buffer.byteLength(line, 'utf8');
    longest = Math.max(longest, octets);
    check(octets <= 75, `${name}: line ${i + 1} has ${octets} octets (max 75)`);
    check(!line.includes('\ufffd'), `${name}: line ${i + 1} holds a split UTF-8 character`);
  });
  const folded = lines.filter((l) => l.startsWith(' ')).length;
  console.log(`${name}: ${lines.length} lines, longest ${longest} octets, ${folded} continuation lines`);
  check(folded > 0, `${name}: some long line was folded (the test ledger has long titles)`);
}

function events(ICAL, text) {
  const cal = new ICAL.Component(ICAL.parse(text));
  return { cal, vevents: cal.getAllSubcomponents('vevent') };
}

(async () => {
  const ICAL = (await import(pathToFileURL(path.join(pkgDir, 'dist', 'ical.js')).href)).default;
  const first = fs.readFileSync(firstPath, 'utf8');
  const second = fs.readFileSync(secondPath, 'utf8');
  const later = fs.readFileSync(laterPath, 'utf8');
  checkLines(first, 'first run');
  checkLines(later, 'later run');

  const { cal, vevents } = events(ICAL, first);
  eq(cal.name, 'vcalendar', 'top component');
  eq(cal.getFirstPropertyValue('version'), '2.0', 'VERSION');
  eq(cal.getFirstPropertyValue('calscale'), 'GREGORIAN', 'CALSCALE');
  check(!!cal.getFirstPropertyValue('prodid'), 'PRODID present');
  eq(vevents.length, expected.length, 'number of events');

  vevents.forEach((v, i) => {
    const want = expected[i];
    if (!want) return;
    const e = new ICAL.Event(v);
    const what = `event ${i + 1} (${want.summary})`;
    eq(e.summary, want.summary, `${what} SUMMARY`);
    check(!!e.description && e.description.length > 0, `${what} has a DESCRIPTION`);
    const dtstart = v.getFirstProperty('dtstart');
    eq(dtstart.type, 'date', `${what} DTSTART VALUE=DATE`);
    eq(v.getFirstProperty('dtend').type, 'date', `${what} DTEND VALUE=DATE`);
    check(e.startDate.isDate, `${what} is all-day`);
    eq(e.startDate.toString(), want.start, `${what} DTSTART`);
    eq(e.endDate.toString(), want.end, `${what} DTEND`);
    const stamp = v.getFirstPropertyValue('dtstamp');
    eq(stamp && stamp.toString(), '2026-11-01T00:00:00Z', `${what} DTSTAMP`);
    check(/@recert$/.test(e.uid || ''), `${what} UID ends in @recert (${e.uid})`);
    const alarms = v.getAllSubcomponents('valarm');
    eq(alarms.map((a) => -a.getFirstPropertyValue('trigger').toSeconds() / 86400), want.alarms,
      `${what} VALARM triggers (days before)`);
    for (const a of alarms) {
      eq(a.getFirstPropertyValue('action'), 'DISPLAY', `${what} VALARM ACTION`);
      check(!!a.getFirstPropertyValue('description'), `${what} VALARM has a DESCRIPTION`);
    }
    const raw = alarms.map((a) => a.getFirstProperty('trigger').toICALString().split(':').pop());
    eq(raw, want.alarms.map((d) => `-P${d}D`), `${what} TRIGGER values`);
  });

  const uids = vevents.map((v) => v.getFirstPropertyValue('uid'));
  eq(new Set(uids).size, uids.length, 'UIDs are unique');
  const a = first.split('\r\n');
  const b = second.split('\r\n');
  const differ = a.findIndex((line, i) => line !== b[i]);
  check(first === second, `two runs with the same inputs give the same bytes (line ${differ + 1}: ` +
    `${JSON.stringify(a[differ])} vs ${JSON.stringify(b[differ])})`);
  eq(events(ICAL, second).vevents.map((v) => v.getFirstPropertyValue('uid')), uids, 'UIDs across two runs');
  const laterEvents = events(ICAL, later).vevents;
  eq(laterEvents.map((v) => v.getFirstPropertyValue('uid')), uids, 'UIDs at a later as-of date');
  eq(laterEvents.map((v) => v.getFirstPropertyValue('dtstamp').toString()),
    uids.map(() => '2026-12-15T00:00:00Z'), 'DTSTAMP follows the as-of date');

  console.log(`ical.js: ${pass} passed, ${fail} failed`);
  process.exit(fail === 0 ? 0 : 1);
})().catch((err) => {
  console.log('FAIL ' + (err && err.stack ? err.stack : err));
  console.log(`ical.js: ${pass} passed, ${fail + 1} failed`);
  process.exit(1);
});
