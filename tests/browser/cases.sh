# Sourced by the browser tests (report.sh, validate.sh, screenshot.sh): the teams whose report
# pages they open, as recert arguments.
#
#   report_case NAME RECERT GEN SOURCE_DIR WORK_DIR
#
# sets the array CASE_ARGS to the global options and `report` with its options (no --format),
# making what the case needs in WORK_DIR:
#   example  the partner team of data/examples (partner-*.csv, partner-require.csv) as of 2026-11-30
#   2000     2,000 holders from bench/gen (20,000 activity rows, seed 7) with three requirements,
#            --limit 250 so that the page says how many more are at risk
#   hostile  tests/browser/hostile-*.csv: holders, and activity titles, that are markup, script,
#            comment or CDATA ends, quotes, | and entities; under the Cisco rules with the names of
#            the Associate level, the CCNA and the credit unit made as hostile (jq)
#   empty    no certifications at all
#   plain    the example team without requirements
report_case() {
  local name=$1 recert=$2 gen=$3 src=$4 work=$5
  local ex="$src/data/examples"
  case $name in
  example | plain)
    CASE_ARGS=(--certs "$ex/partner-certs.csv" --activities "$ex/partner-activities.csv" --as-of 2026-11-30 report)
    if [ "$name" = example ]; then CASE_ARGS+=(--require "$ex/partner-require.csv"); fi
    ;;
  2000)
    "$gen" --holders 2000 --rows 20000 --seed 7 --out "$work" >/dev/null
    printf 'certification,minimum\nccna,300\nccnp-enterprise,200\nccie-security,100\n' >"$work/require.csv"
    CASE_ARGS=(--certs "$work/certs.csv" --activities "$work/activities.csv" --as-of 2026-11-30
               report --require "$work/require.csv" --limit 250)
    ;;
  hostile)
    jq '(.program.unit) |= "CE <b>credits</b> </script>"
        | (.levels[] | select(.id == "associate") | .name) |= "Associate <script>alert(\"level\")</script> ]]> <!-- & \" '"'"'"
        | (.certifications[] | select(.id == "ccna")) |= (.name = "CCNA \" onmouseover=\"alert(9)\" </style><img src=x onerror=alert(10)>" | .aliases = [])' \
      "$src/data/programs/cisco.json" >"$work/hostile-rules.json"
    CASE_ARGS=(--rules "$work/hostile-rules.json" --certs "$src/tests/browser/hostile-certs.csv"
               --activities "$src/tests/browser/hostile-activities.csv" --as-of 2026-11-30
               report --require "$src/tests/browser/hostile-require.csv")
    ;;
  empty)
    printf 'holder,certification,earned,expires\n' >"$work/empty.csv"
    CASE_ARGS=(--certs "$work/empty.csv" --as-of 2026-11-30 report)
    ;;
  *)
    echo "report_case: no case $name" >&2
    return 1
    ;;
  esac
}
