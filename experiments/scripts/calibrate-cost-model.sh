#!/usr/bin/env bash
# Calibration runs for the dry-run's cost model (src/estimate/cost-model.ts): short training runs of
# several families and sizes, each timed as a whole process (CPU and wall seconds, GNU time), one JSON
# line each on stdout. Fit and check them with `scaling-lab bench cost-model --samples <file>`.
#   usage: THREADS=1 experiments/scripts/calibrate-cost-model.sh <list file> > samples.jsonl
# The list file holds one run a line: a name, then `scaling-lab train` flags for the model.
set -euo pipefail
list=${1:?usage: calibrate-cost-model.sh <list file>}
root=$(cd "$(dirname "$0")/../.." && pwd)
threads=${THREADS:-1}
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
export SCALING_LAB_THREADS=$threads
while read -r name args; do
  [[ -z "$name" || "$name" == \#* ]] && continue
  # shellcheck disable=SC2086 # the list's flags are meant to split
  /usr/bin/time -o "$work/time" -f '{"user":%U,"sys":%S,"wall":%e}' \
    node "$root/experiments/bin/scaling-lab.js" train $args --dataset fashion-mnist --epochs 1 \
    --limit-train 3200 --limit-test 1000 --json --out "$work/$name" > "$work/result" 2> "$work/log" ||
    { echo "calibration run $name failed: $(tail -1 "$work/log")" >&2; continue; }
  echo "{\"name\":\"$name\",\"threads\":$threads,\"time\":$(cat "$work/time"),\"result\":$(cat "$work/result")}"
done < "$list"
