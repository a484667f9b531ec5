# Sourced by the suite shard tests: builds a city suite of 6 datasets in
# "$tmp/city" and sets $suite to it. The two datasets of the golden case
# tests/cli/suite-city (per-unit files with units from paths, a dataset
# without a unit column), the three shipped examples (every check kind,
# duplicates, samples, masked PII) and the citizens example once more as
# gzip. Needs $ROOT (the source tree) and $tmp.
mkdir -p "$tmp/city"
cp -r "$ROOT/tests/cli/suite-city/data" "$ROOT/tests/cli/suite-city/health" \
	"$ROOT/tests/cli/suite-city/rules" "$tmp/city/"
suite=$tmp/city/city.yaml
cat > "$suite" <<YAML
version: 1
name: hanoi
datasets:
  - name: wards
    rules: rules/citizens.yaml
    data: ['data/*/citizens.csv']
  - name: clinics
    rules: rules/health.yaml
    data: health
  - rules: $ROOT/rules/examples/citizens.yaml
    data: $ROOT/testdata/citizens.csv
  - name: health
    rules: $ROOT/rules/examples/health-facilities.yaml
    data: $ROOT/testdata/health-facilities.csv
  - rules: $ROOT/rules/examples/businesses.yaml
    data: $ROOT/testdata/businesses.csv
  - name: citizens-gz
    rules: $ROOT/rules/examples/citizens.yaml
    data: $ROOT/testdata/citizens.csv.gz
YAML
# Every report the same to the byte: generated_at is pinned.
export SOURCE_DATE_EPOCH=1795392000
now=2026-11-22T00:00:00Z
