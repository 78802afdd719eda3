#!/usr/bin/env bash
# The JSON Schemas in data/schema/ checked with ajv (ajv-cli, the npm package, with ajv-formats):
# every schema compiles in strict mode and carries $id, title and description; the real data files
# (data/programs/*.json, the example ledger, the example mappings) and real outputs of the built
# binary on the example data are valid; and files that the loaders refuse (an unknown key, a wrong
# schema string, ...) and outputs with a field removed or added are invalid, so the schemas are as
# strict as the program. ajv-cli is installed at test time into the build directory (never the
# source tree), pinned, and reused once there.
# Usage: validate.sh RECERT SOURCE_DIR BUILD_DIR
set -u
recert=${1:?usage: validate.sh RECERT SOURCE_DIR BUILD_DIR}
src=${2:?usage: validate.sh RECERT SOURCE_DIR BUILD_DIR}
build=${3:?usage: validate.sh RECERT SOURCE_DIR BUILD_DIR}
ajv_cli_version=5.0.0
ajv_version=8.17.1
formats_version=3.0.1
prefix="$build/npm-ajv"
mods="$prefix/node_modules"

. "$(dirname "$0")/../npm-tool.sh"
npm_tool schema "$prefix" "ajv-cli@$ajv_cli_version" "ajv@$ajv_version" "ajv-formats@$formats_version"

schemas="$src/data/schema"
examples="$src/data/examples"
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
pass=0
fail=0

# draft 2020-12; unknown keywords and formats, and type-specific keywords without their type, are
# errors; "date" is a real calendar date (ajv-formats); multipleOf 0.01 allows binary-float error.
ajv_run() { # COMMAND SCHEMA DATA [REF...]
  local cmd=$1 schema=$2 data=$3
  shift 3
  local refs=()
  for r in "$@"; do refs+=(-r "$schemas/$r.schema.json"); done
  local args=(--spec=draft2020 --strict-types=true --strict-tuples=true -c ajv-formats
              --multiple-of-precision=6 -s "$schemas/$schema.schema.json" "${refs[@]}")
  [ "$cmd" = validate ] && args+=(--all-errors --errors=text -d "$data")
  node "$mods/ajv-cli/dist/index.js" "$cmd" "${args[@]}" 2>&1
}
ok() { echo "ok   $1"; pass=$((pass + 1)); }
bad() {
  echo "FAIL $1"
  [ -n "${2:-}" ] && printf '%s\n' "$2" | sed 's/^/    /'
  fail=$((fail + 1))
}
# valid NAME SCHEMA FILE [REF...]: FILE must be valid against SCHEMA
valid() {
  local name=$1 schema=$2 file=$3
  shift 3
  local out
  if out=$(ajv_run validate "$schema" "$file" "$@"); then ok "$name"; else bad "$name" "$out"; fi
}
# invalid NAME SCHEMA FILE [REF...]: FILE must be invalid against SCHEMA (and not for a broken schema)
invalid() {
  local name=$1 schema=$2 file=$3
  shift 3
  local out
  if out=$(ajv_run validate "$schema" "$file" "$@"); then
    bad "$name" "expected $schema.schema.json to reject it, but it is valid"
  elif printf '%s\n' "$out" | grep -qxF "$file invalid"; then
    ok "$name (rejected: $(printf '%s' "$out" | tail -n 1 | cut -c1-150))"
  else
    bad "$name" "$out"
  fi
}
# run NAME EXPECTED_RC OUT ARGS...: recert ARGS must exit EXPECTED_RC; stdout goes to OUT
run() {
  local name=$1 expected=$2 out=$3
  shift 3
  "$recert" "$@" >"$out" 2>"$out.err"
  local rc=$?
  if [ $rc -ne "$expected" ]; then
    bad "$name" "recert $* exited $rc (expected $expected): $(cat "$out.err")"
    return 1
  fi
  return 0
}
# mutate IN OUT JS: OUT is IN parsed as d, changed by the JavaScript JS, written back
mutate() {
  node -e 'const fs = require("fs"); const d = JSON.parse(fs.readFileSync(process.argv[1], "utf8"));
           (new Function("d", process.argv[3]))(d); fs.writeFileSync(process.argv[2], JSON.stringify(d, null, 2));' \
    "$1" "$2" "$3"
}

echo "(ajv-cli $ajv_cli_version, ajv $ajv_version, ajv-formats $formats_version from the npm registry; JSON Schema draft 2020-12)"

# --- the schemas themselves --------------------------------------------------------------------
declare -A refs_of=([explain]=status [plan]=status [import]=ledger [activities]=ledger)
for f in "$schemas"/*.schema.json; do
  s=$(basename "$f" .schema.json)
  if out=$(ajv_run compile "$s" "" ${refs_of[$s]:-}); then
    if meta=$(node -e 'const d = require(process.argv[1]);
                       for (const k of ["$schema", "$id", "title", "description"])
                         if (typeof d[k] !== "string" || !d[k]) { console.log("no " + k); process.exit(1); }
                       if (d.$schema !== "https://json-schema.org/draft/2020-12/schema") { console.log("not draft 2020-12"); process.exit(1); }' "$f"); then
      ok "schema $s.schema.json compiles (strict) and has \$id, title, description"
    else
      bad "schema $s.schema.json" "$meta"
    fi
  else
    bad "schema $s.schema.json compiles" "$out"
  fi
done
for s in rules ledger map status explain plan check import activities report; do
  [ -f "$schemas/$s.schema.json" ] || bad "schema $s.schema.json exists"
done

# --- real files ----------------------------------------------------------------------------------
for f in "$src"/data/programs/*.json; do valid "rules file data/programs/$(basename "$f")" rules "$f"; done
valid "ledger data/examples/ledger.json" ledger "$examples/ledger.json"
valid "ledger data/examples/mixed-ledger.json" ledger "$examples/mixed-ledger.json"
for f in "$examples"/*.map.json; do valid "mapping data/examples/$(basename "$f")" map "$f"; done

# --- real outputs ----------------------------------------------------------------------------------
# RECERT_LEDGER must not leak into the runs; each names its inputs
unset RECERT_LEDGER
export NO_COLOR=1
L=(--ledger "$examples/ledger.json" --as-of 2026-11-30)
TEAM=(--certs "$examples/team-certs.csv" --activities "$examples/team-activities.csv" --as-of 2026-11-30)
o="$work/status-ledger.json"
run "status (ledger)" 0 "$o" "${L[@]}" status --format json && valid "status --format json (example ledger)" status "$o"
o="$work/status-team.json"
run "status (team)" 0 "$o" "${TEAM[@]}" status --format json &&
  valid "status --format json (--certs team-certs.csv --activities team-activities.csv)" status "$o"
# several programs in one ledger: a CISSP in its grace period, a PMP with carry-over
M=(--ledger "$examples/mixed-ledger.json" --as-of 2026-06-30)
o="$work/status-mixed.json"
run "status (mixed programs)" 0 "$o" "${M[@]}" status --format json &&
  valid "status --format json (mixed-ledger.json: cisco, comptia, isc2, pmi)" status "$o"
o="$work/explain-mixed.json"
run "explain cissp (grace)" 0 "$o" "${M[@]}" explain cissp --format json &&
  valid "explain cissp --format json (grace)" explain "$o" status
o="$work/check-mixed.json"
run "check (mixed programs)" 1 "$o" "${M[@]}" check --format json &&
  valid "check --format json (a certification in its grace period)" check "$o"
o="$work/plan-mixed.json"
run "plan pmp" 0 "$o" "${M[@]}" plan pmp --format json && valid "plan pmp --format json" plan "$o" status
for cert in ccna ccnp-enterprise ccst-networking; do
  o="$work/explain-$cert.json"
  run "explain $cert" 0 "$o" "${L[@]}" explain "$cert" --format json &&
    valid "explain $cert --format json" explain "$o" status
done
o="$work/explain-team.json"
run "explain ccna (team)" 0 "$o" "${TEAM[@]}" explain ccna --format json &&
  valid "explain ccna --format json (team: two holders)" explain "$o" status
# the example ledger's CCNP Enterprise is pending (nothing to buy); its CCNA is active (courses chosen)
for cert in ccnp-enterprise ccna; do
  o="$work/plan-$cert.json"
  run "plan $cert" 0 "$o" "${L[@]}" plan "$cert" --catalog "$examples/catalog.csv" --format json &&
    valid "plan $cert --catalog catalog.csv --format json" plan "$o" status
done
o="$work/plan-lifetime.json"
run "plan ccst-networking" 0 "$o" "${L[@]}" plan ccst-networking --format json &&
  valid "plan ccst-networking --format json (lifetime, no catalog)" plan "$o" status
o="$work/check.json"
run "check" 1 "$o" "${L[@]}" check --format json && valid "check --format json (exit 1: problems found)" check "$o"
o="$work/check-none.json"
run "check (nothing due)" 0 "$o" "${TEAM[@]}" --holder "Ana Silva" check --within 30 --format json &&
  valid "check --format json (exit 0: no problems)" check "$o"
o="$work/activities.json"
run "activities" 0 "$o" "${L[@]}" activities --format json && valid "activities --format json" activities "$o" ledger
o="$work/activities-team.json"
run "activities (team)" 0 "$o" "${TEAM[@]}" activities --format json &&
  valid "activities --format json (team)" activities "$o" ledger
o="$work/status-hr.json"
run "status (HR exports, --map)" 0 "$o" --certs "$examples/hr-certs.csv" --activities "$examples/hr-export.csv" \
  --map "$examples/hr-export.map.json" --as-of 2026-09-01 status --format json &&
  valid "status --format json (--map hr-export.map.json: skip, derive)" status "$o"
o="$work/export.json"
run "export" 0 "$o" "${L[@]}" export && valid "export (a ledger document)" ledger "$o"
o="$work/export-team.json"
run "export (team)" 0 "$o" "${TEAM[@]}" export --format json && valid "export --format json (team CSV inputs)" ledger "$o"
cp "$examples/ledger.json" "$work/import-ledger.json"
o="$work/import.json"
run "import --dry-run" 0 "$o" --ledger "$work/import-ledger.json" import "$examples/foreign-export.csv" \
  --map "$examples/foreign-export.map.json" --dry-run --format json &&
  valid "import foreign-export.csv --map foreign-export.map.json --dry-run --format json" import "$o" ledger
if ! cmp -s "$examples/ledger.json" "$work/import-ledger.json"; then bad "import --dry-run left the ledger unchanged"; fi
# a real import into the copy (a certification and an activity of a new holder), and the ledger
# it writes
o="$work/import-real.json"
printf 'holder,certification,earned,date,kind,credits,exam,title\nDee Park,ccna,2025-01-10,,,,,\nDee Park,,,2025-03-01,ce,8.5,,Webinar\nDee Park,,,2025-04-01,exam,,200-301,\n' >"$work/mixed.csv"
run "import (writes)" 0 "$o" --ledger "$work/import-ledger.json" import "$work/mixed.csv" --format json &&
  valid "import --format json (written: a certification and activities)" import "$o" ledger &&
  valid "the ledger written by import" ledger "$work/import-ledger.json"
# news of a record the ledger has (--update): an unclaimed activity submitted since
printf 'holder,date,credits,title,status\nDee Park,2025-05-01,2,Lab,unclaimed\n' >"$work/unclaimed.csv"
printf 'holder,date,credits,title,status,submitted\nDee Park,2025-05-01,2,Lab,pending,2025-05-03\n' >"$work/submitted.csv"
o="$work/import-update.json"
run "import (an unclaimed activity)" 0 "$work/import-unclaimed.json" --ledger "$work/import-ledger.json" \
  import "$work/unclaimed.csv" --format json &&
run "import --update" 0 "$o" --ledger "$work/import-ledger.json" import "$work/submitted.csv" --update --format json &&
  valid "import --update --format json (an update)" import "$o" ledger &&
  valid "the ledger updated by import" ledger "$work/import-ledger.json"
 # the team view, with requirements (a CSV file) and without
P=(--certs "$examples/partner-certs.csv" --activities "$examples/partner-activities.csv" --as-of 2026-11-30)
o="$work/report-partner.json"
run "report (partner team, --require)" 0 "$o" "${P[@]}" report --require "$examples/partner-require.csv" --format json &&
  valid "report --require partner-require.csv --format json" report "$o"
o="$work/report-team.json"
run "report (team, --limit 1)" 0 "$o" "${TEAM[@]}" report --limit 1 --format json &&
  valid "report --limit 1 --format json (no requirements)" report "$o"
o="$work/rules.json"
run "rules show" 0 "$o" rules show --format json && valid "rules show --format json" rules "$o"

# --- negative checks: what the loaders refuse, the schemas refuse too ---------------------------
# rejected NAME SCHEMA FILE LOADER-ARGS...: recert refuses FILE (exit 2) and so does the schema
rejected() {
  local name=$1 schema=$2 file=$3
  shift 3
  if "$recert" "$@" >"$work/neg.out" 2>"$work/neg.err"; then
    bad "$name" "recert $* accepted it"
    return
  fi
  invalid "$name" "$schema" "$file"
}
n="$work/neg"
mkdir -p "$n"
mutate "$examples/ledger.json" "$n/ledger-unknown-key.json" 'd.activities[0].credit = d.activities[0].credits'
rejected "ledger: an activity with an unknown key (\"credit\")" ledger "$n/ledger-unknown-key.json" \
  --ledger "$n/ledger-unknown-key.json" --as-of 2026-11-30 status
mutate "$examples/ledger.json" "$n/ledger-top-key.json" 'd.holders = ["x"]'
rejected "ledger: an unknown top-level key" ledger "$n/ledger-top-key.json" --ledger "$n/ledger-top-key.json" status
mutate "$examples/ledger.json" "$n/ledger-bad-date.json" 'd.certifications[0].earned = "2024-02-30"'
rejected "ledger: an impossible date (2024-02-30)" ledger "$n/ledger-bad-date.json" --ledger "$n/ledger-bad-date.json" status
mutate "$examples/ledger.json" "$n/ledger-no-credits.json" 'delete d.activities[0].credits'
rejected "ledger: a CE activity without credits" ledger "$n/ledger-no-credits.json" --ledger "$n/ledger-no-credits.json" status
mutate "$examples/ledger.json" "$n/ledger-3-decimals.json" 'd.activities[0].credits = 1.125'
rejected "ledger: credits with three decimals" ledger "$n/ledger-3-decimals.json" --ledger "$n/ledger-3-decimals.json" status
mutate "$examples/ledger.json" "$n/ledger-exam-credits.json" 'd.activities[4].credits = 5'
rejected "ledger: an exam with credits" ledger "$n/ledger-exam-credits.json" --ledger "$n/ledger-exam-credits.json" status
mutate "$src/data/programs/cisco.json" "$n/rules-schema.json" 'd.schema = "recert-rules/2"'
rejected "rules: a wrong schema string (\"recert-rules/2\")" rules "$n/rules-schema.json" rules check "$n/rules-schema.json"
mutate "$src/data/programs/cisco.json" "$n/rules-key.json" 'd.levels[1].validity = 3'
rejected "rules: an unknown key in a level" rules "$n/rules-key.json" rules check "$n/rules-key.json"
mutate "$src/data/programs/cisco.json" "$n/rules-path.json" 'd.levels[1].paths.push({})'
rejected "rules: an empty path" rules "$n/rules-path.json" rules check "$n/rules-path.json"
mutate "$src/data/programs/cisco.json" "$n/rules-enum.json" 'd.cascade = "ranks"'
rejected "rules: an unknown cascade value" rules "$n/rules-enum.json" rules check "$n/rules-enum.json"
mutate "$src/data/programs/cisco.json" "$n/rules-ce.json" 'd.levels[0].paths.push({credits: {total: 30}})'
rejected "rules: credits in a level that CE does not renew" rules "$n/rules-ce.json" rules check "$n/rules-ce.json"
mutate "$src/data/programs/cisco.json" "$n/rules-lifetime.json" \
  'd.levels.find((l) => l.validity_years === null).lifetime_before = "2025-07-15"'
rejected "rules: lifetime_before on a lifetime level" rules "$n/rules-lifetime.json" \
  rules check "$n/rules-lifetime.json"
mutate "$examples/foreign-export.map.json" "$n/map-field.json" 'd.columns.dat = d.columns.date; delete d.columns.date'
rejected "map: an unknown field in columns" map "$n/map-field.json" \
  --ledger "$work/import-ledger.json" import "$examples/foreign-export.csv" --map "$n/map-field.json" --dry-run
HR=(--certs "$examples/hr-certs.csv" --activities "$examples/hr-export.csv" status)
mutate "$examples/hr-export.map.json" "$n/map-encoding.json" 'd.encoding = "cp1252"'
rejected "map: an unknown encoding" map "$n/map-encoding.json" --map "$n/map-encoding.json" "${HR[@]}"
mutate "$examples/hr-export.map.json" "$n/map-derive.json" 'delete d.derive.kind.from'
rejected "map: a derived field without its column" map "$n/map-derive.json" --map "$n/map-derive.json" "${HR[@]}"
mutate "$examples/hr-export.map.json" "$n/map-skip.json" 'd.skip.Vendor = []'
rejected "map: a skip column without values" map "$n/map-skip.json" --map "$n/map-skip.json" "${HR[@]}"
# outputs with a field taken away or added
mutate "$work/status-ledger.json" "$n/status-missing.json" 'delete d.certifications[0].days_left'
invalid "status: a record without days_left" status "$n/status-missing.json"
mutate "$work/status-ledger.json" "$n/status-extra.json" 'd.certifications[0].credits.extra = 1'
invalid "status: an unknown key in credits" status "$n/status-extra.json"
mutate "$work/activities.json" "$n/activities-extra.json" 'd.activities[0].note = "x"'
invalid "activities: an unknown key in an activity" activities "$n/activities-extra.json" ledger
mutate "$work/report-partner.json" "$n/report-missing.json" 'delete d.certifications[0].month_ends'
invalid "report: a certification without month_ends" report "$n/report-missing.json"
mutate "$work/report-partner.json" "$n/report-state.json" 'd.at_risk.rows[0].state = "active"'
invalid "report: an at-risk row in state active" report "$n/report-state.json"
mutate "$work/plan-ccna.json" "$n/plan-missing.json" 'delete d.courses_price'
invalid "plan: without courses_price" plan "$n/plan-missing.json" status

echo "schema: $pass passed, $fail failed"
[ $fail -eq 0 ]
