#!/bin/sh
# The GNU parallel recipe for a suite in docs/sharding.md, run for real: a
# city suite of 6 datasets (suite_setup.sh) audited as 4 suite shards by 4
# parallel jobs, then merged. suite.json, every dataset's result.json, the
# text summary and the exit status must equal the unsharded --suite run's.
# Skipped (77) without GNU parallel.
set -u
DQA=$(realpath "$1")
ROOT=$(realpath "$2")
command -v parallel >/dev/null || { echo "GNU parallel is not installed"; exit 77; }
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
. "$ROOT/tests/shards/suite_setup.sh"
cd "$tmp" || exit 1

"$DQA" audit --suite "$suite" --now $now --out whole > whole.txt 2> /dev/null
whole=$?
parallel --will-cite --halt now,fail=1 \
	"$DQA" audit --suite "$suite" --now $now --threads 1 --shard {}/4 --state states/city-{}.state \
	::: 1 2 3 4 || { echo "a suite shard failed"; exit 1; }
"$DQA" merge states/city-*.state --out merged > merged.txt 2> /dev/null
merged=$?

[ "$whole" = "$merged" ] || { echo "exit status $merged, unsharded $whole"; exit 1; }
cmp whole.txt merged.txt || exit 1
cmp whole/suite.json merged/suite.json || exit 1
for f in whole/*/result.json; do
	cmp "$f" "merged/${f#whole/}" || exit 1
done
# Not a vacuous pass: 4 states, 6 datasets merged, shipped examples included.
[ "$(ls states | wc -l)" = 4 ] && [ "$(ls merged/*/result.json | wc -l)" = 6 ] &&
	grep -q '"rows": 2988,' merged/citizens/result.json
