#!/usr/bin/env bash
# End-to-end check of the backbone generator (run by tools/src/generators/generator.e2e.test.ts, or by hand):
# copies the workspace without node_modules (linked instead) to a scratch directory, runs the generator there
# from the command line (dry run first: nothing may be written), then checks the new backbone through the CLI,
# the experiment targets nx infers for it, its own tests, the registry tests and a smoke experiment.
#
# Usage: tools/scripts/e2e-backbone.sh [id] [scratch-dir]     (defaults: demo-net, a fresh temporary dir)
#        E2E_REGISTRY=all runs the registry tests for every backbone, not only the new one.
set -euo pipefail
root=$(cd "$(dirname "$0")/../.." && pwd)
id=${1:-demo-net}
scratch=${2:-$(mktemp -d -t backbone-e2e-XXXXXX)}
export NX_DAEMON=false NX_NO_CLOUD=true
step() { printf '\n== %s\n' "$*"; }

step "copy $root -> $scratch"
mkdir -p "$scratch"
tar -C "$root" --exclude=./node_modules --exclude=./.git --exclude=./.nx --exclude=./reports --exclude=./.scaling-lab --exclude=out-tsc -cf - . | tar -C "$scratch" -xf -
# Link every installed package except the workspace's own scope, whose relative links must point into the copy.
mkdir -p "$scratch/node_modules"
for entry in "$root"/node_modules/* "$root"/node_modules/.bin; do
  [ "$(basename "$entry")" = "@scaling-lab" ] || ln -sfn "$entry" "$scratch/node_modules/"
done
if [ -d "$root/node_modules/@scaling-lab" ]; then cp -P -r "$root/node_modules/@scaling-lab" "$scratch/node_modules/"; fi
cd "$scratch"

step "nx g @scaling-lab/tools:backbone $id --dry-run (must write nothing)"
snapshot() { find . \( -path ./node_modules -o -path ./.nx \) -prune -o -type f -print | sort; md5sum tsconfig.base.json experiments/project.json packages/backbones/src/index.ts packages/backbones/package.json; }
before=$(snapshot)
npx nx g @scaling-lab/tools:backbone "$id" --dry-run
after=$(snapshot)
[ "$before" = "$after" ] && [ ! -e "packages/$id" ] || { echo "dry run wrote files" >&2; exit 1; }

step "nx g @scaling-lab/tools:backbone $id"
npx nx g @scaling-lab/tools:backbone "$id"

step "an invalid and a clashing id are refused"
if npx nx g @scaling-lab/tools:backbone "Bad_Id" --dry-run; then echo "accepted Bad_Id" >&2; exit 1; fi
if npx nx g @scaling-lab/tools:backbone "$id" --dry-run; then echo "accepted $id twice" >&2; exit 1; fi

step "scaling-lab list / inspect"
node experiments/bin/scaling-lab.js list | grep -- "$id"
node experiments/bin/scaling-lab.js inspect --backbone "$id"

step "nx show project experiments lists the inferred $id targets"
targets=$(npx nx show project experiments --json)
for suffix in depth width resolution compound all search; do
  grep -q "\"$id-$suffix\":" <<<"$targets" || { echo "nx infers no $id-$suffix target" >&2; exit 1; }
done
echo "inferred: $id-{depth,width,resolution,compound,all,search}"

step "typecheck and tests of packages/$id"
npx tsc -p "packages/$id/tsconfig.json" --noEmit
npx jest -c "packages/$id/jest.config.js"

step "registry tests"
if [ "${E2E_REGISTRY:-}" = all ]; then
  npx jest -c packages/backbones/jest.config.js
else
  npx jest -c packages/backbones/jest.config.js -t "registers the backbones|^$id "
fi

step "smoke experiment through nx with saved coefficients; the nx cache follows the saved file"
# The scratch workspace has its own nx cache: a caller's --skip-nx-cache (passed down in the environment when
# this runs as an nx task) must not switch it off here.
unset NX_SKIP_NX_CACHE NX_DISABLE_NX_CACHE
coefficients=".scaling-lab/coefficients/smoke/$id.json"
mkdir -p "$(dirname "$coefficients")"
echo '{"coefficients":{"alpha":1.2,"beta":1.1,"gamma":1.15}}' >"$coefficients"
run_compound() { npx nx run "experiments:$id-compound" --preset smoke --coefficients searched 2>&1; }
run_compound
rm reports/index.html
second=$(run_compound)
grep -q "local cache" <<<"$second" || { echo "$second"; echo "unchanged inputs were not a cache hit" >&2; exit 1; }
[ -s reports/index.html ] && [ -s "reports/smoke/$id-compound-a1.20-b1.10-g1.15/index.html" ] \
  || { echo "the cache hit did not restore reports/index.html and the report" >&2; exit 1; }
echo "unchanged: cache hit, reports/index.html restored"
# An out-of-range winner makes the run stop at once: it must run (and fail), not replay the cached success.
echo '{"coefficients":{"alpha":9,"beta":1.1,"gamma":1.15}}' >"$coefficients"
if third=$(run_compound); then echo "$third"; echo "a changed saved winner replayed the cache" >&2; exit 1; fi
grep -q "has no valid alpha" <<<"$third" || { echo "$third"; echo "the changed saved winner was not read" >&2; exit 1; }
echo "changed saved winner: no cache hit"

step "all checks passed in $scratch"
