#!/bin/sh
# A city suite of 6 datasets (suite_setup.sh) audited in 1, 2, 3 and 7
# shards by dataset (--suite --shard I/N --state), then merged: stdout
# (text and json), the whole report folder (suite.json, summary.md,
# index.html, every dataset's folder and result.json), the history rows and
# the exit status must equal the unsharded --suite run's, byte for byte
# (generated_at is pinned by SOURCE_DATE_EPOCH).
set -u
DQA=$(realpath "$1")
ROOT=$(realpath "$2")
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
. "$ROOT/tests/shards/suite_setup.sh"
cd "$tmp" || exit 1

"$DQA" audit --suite "$suite" --now $now --threads 1 --out whole --history whole.db \
	> whole.txt 2> whole.err
whole=$?
"$DQA" audit --suite "$suite" --now $now --threads 1 --format json > whole.json 2> /dev/null
for n in 1 2 3 7; do
	rm -f part-*.state
	i=1
	while [ $i -le $n ]; do
		"$DQA" audit --suite "$suite" --now $now --threads 1 --shard $i/$n \
			--state part-$i.state 2>> shards.err ||
			{ echo "suite shard $i/$n failed"; cat shards.err; exit 1; }
		i=$((i + 1))
	done
	"$DQA" merge part-*.state --out merged-$n --history merged-$n.db > merged-$n.txt \
		2> merged-$n.err
	merged=$?
	[ "$whole" = "$merged" ] || { echo "$n shards: exit status $merged, unsharded $whole"; exit 1; }
	cmp whole.txt merged-$n.txt || { echo "$n shards: text summary differs"; exit 1; }
	[ "$(sed 1d whole.err)" = "$(sed 1d merged-$n.err)" ] ||
		{ echo "$n shards: the gate says otherwise"; cat merged-$n.err; exit 1; }
	diff -r whole merged-$n || { echo "$n shards: report folder differs"; exit 1; }
	"$DQA" history export --history whole.db > whole.csv && "$DQA" history export --history merged-$n.db > merged-$n.csv && cmp whole.csv merged-$n.csv || { echo "$n shards: history rows differ"; exit 1; }
	"$DQA" merge part-*.state --format json > merged-$n.json 2> /dev/null
	cmp whole.json merged-$n.json || { echo "$n shards: json differs"; exit 1; }
done
# Not a vacuous pass: 6 datasets, each with its own folder and result.json
# (2,988 citizens twice, duplicates sampled), the suite failing its gate;
# the states are suite states; 7 shards of 6 datasets leave one empty.
[ "$(ls whole/*/result.json | wc -l)" = 6 ] || { echo "expected 6 result.json"; exit 1; }
[ "$(grep -c '"rows": 2988,' whole/suite.json)" = 2 ] && [ "$(grep -l '"rows": 2988,' whole/*/result.json | wc -l)" = 2 ] ||
	{ echo "expected 2988 rows x2"; exit 1; }
grep -q 'duplicate of line' whole/citizens/result.json || { echo "expected duplicates"; exit 1; }
[ "$whole" = 1 ] || { echo "expected the gate to fail (exit 1), got $whole"; exit 1; }
[ "$(head -c 8 part-1.state)" = DQASUITE ] || { echo "not a suite state"; exit 1; }
grep -q 'suite shard 7/7: 0 datasets, 0 rows' shards.err || { echo "expected an empty shard"; exit 1; }
grep -q 'suite shard 2/3: 2 datasets' shards.err || { echo "expected 2 datasets in shard 2/3"; exit 1; }
