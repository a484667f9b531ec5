// The benchmark audit of bench/audit.yaml, in DuckDB SQL: one query scans
// the CSV once and counts, per unit (ward_code), the rows each check
// evaluated and failed. Prints {"rows", "checks": {id: [e, f]}, "units":
// {unit: {id: [e, f]}}} as JSON for bench/compare.py.
//
// usage: node audit.mjs --data FILE[.gz] --threads N --now ISO-UTC
//                       --wards CSV --meta JSON [--no-expr]
import { DuckDBInstance } from '@duckdb/node-api';
import { parseArgs } from 'node:util';

const { values: opt } = parseArgs({
  options: {
    data: { type: 'string' }, threads: { type: 'string', default: '1' },
    now: { type: 'string' }, wards: { type: 'string' }, meta: { type: 'string' },
    'no-expr': { type: 'boolean', default: false },
  },
});
for (const name of ['data', 'now', 'wards', 'meta'])
  if (!opt[name]) {
    console.error(`audit.mjs: --${name} is required`);
    process.exit(2);
  }

const sqlString = (s) => `'${s.replaceAll("'", "''")}'`;
const nowEpoch = Date.parse(opt.now) / 1000;
if (Number.isNaN(nowEpoch)) {
  console.error(`audit.mjs: bad --now '${opt.now}'`);
  process.exit(2);
}
const today = new Date(Math.floor(nowEpoch / 86400) * 86400e3).toISOString().slice(0, 10);

// dqa keeps field bytes exactly and an empty field is '', never NULL: the
// sentinel nullstr makes DuckDB do the same. all_varchar: no type guessing.
// A row with the wrong number of fields aborts the read (strict mode), so
// dqa's implicit structure check must count 0 failures when this succeeds.
const csv = (path) => `read_csv(${sqlString(path)}, header = true, all_varchar = true,
  delim = ',', quote = '"', escape = '"', nullstr = chr(1))`;

// PCRE2's $ (dqa's regex) also matches before a final newline; RE2's only
// at the very end, so patterns ending in $ get \n? in front of it.
const pcre = (pattern) => sqlString(pattern.replace(/\$$/, '\\n?$'));
const EDGE = `(' ', chr(9), chr(13), chr(10))`;
const trimmed = (c) => `(left(${c}, 1) NOT IN ${EDGE} AND right(${c}, 1) NOT IN ${EDGE}
  AND NOT contains(${c}, '  '))`;
const notBlank = (c) => `trim(${c}, ' ' || chr(9)) <> ''`;
// dqa-rules(5) number grammar, then the bounds.
const NUMBER = String.raw`^[+-]?([0-9]+(\.[0-9]*)?|\.[0-9]+)([eE][+-]?[0-9]+)?$`;
// dqa-rules(5) date formats: %Y four digits, other fields one or two.
const DAY = String.raw`^[0-9]{4}-[0-9]{1,2}-[0-9]{1,2}$`;
const DAY_TIME = String.raw`^[0-9]{4}-[0-9]{1,2}-[0-9]{1,2} [0-9]{1,2}:[0-9]{1,2}:[0-9]{1,2}$`;
const REQUIRED = ['stt', 'citizen_id', 'full_name', 'gender', 'birth_date', 'ward_code',
  'updated_at', 'status'];
const META_FIELDS = ['owner', 'license', 'description', 'update_frequency', 'contact'];

// Row checks: id, the rows evaluated (allow_empty skips empty values) and
// the condition for passing; NULL counts as a failure.
const rowChecks = [
  ['correct.regex.citizen_id', 'true',
    `regexp_matches(citizen_id, ${pcre('^0[0-9]{2}[0-3][0-9]{8}$')})`],
  ['correct.regex.phone', `phone <> ''`, `regexp_matches(phone, ${pcre('^0[35789][0-9]{8}$')})`],
  ['correct.regex.email', `email <> ''`,
    `regexp_matches(email, ${pcre(String.raw`^[a-z0-9._%+-]+@[a-z0-9.-]+\.[a-z]{2,}$`)})`],
  ['correct.enum.gender', 'true', `gender IN ('Nam', 'Nữ')`],
  ['correct.type.birth_date', 'true',
    `regexp_matches(birth_date, '${DAY}') AND try_strptime(birth_date, '%Y-%m-%d') IS NOT NULL`],
  ['correct.length.full_name', 'true', `length(full_name) BETWEEN 2 AND 60`],
  ['correct.range.household_size', 'true',
    `regexp_matches(household_size, '${NUMBER}') AND TRY_CAST(household_size AS DOUBLE) BETWEEN 1 AND 20`],
  ['correct.expr.gender-id', 'true',
    `gender <> 'Nữ' OR regexp_matches(citizen_id, '^[0-9]{3}[13]')`],
  // a value that does not convert to the column's type (date) fails
  ['correct.expr.born-by-today', 'true', `regexp_matches(birth_date, '${DAY}')
    AND try_strptime(birth_date, '%Y-%m-%d')::DATE <= DATE '${today}'`],
  ['sufficient.not_null.citizen_id', 'true', notBlank('citizen_id')],
  ['sufficient.not_null.full_name', 'true', notBlank('full_name')],
  ['sufficient.not_null.ward_code', 'true', notBlank('ward_code')],
  // unique: every occurrence of a key after the first, in file order (stt)
  ['clean.unique.citizen_id', 'true', 'first_of_key'],
  ['clean.trimmed.full_name', 'true', trimmed('full_name')],
  ['clean.trimmed.address', 'true', trimmed('address')],
  ['alive.fresh.updated_at', 'true', `regexp_matches(updated_at, '${DAY_TIME}')
    AND ${nowEpoch} - epoch(try_strptime(updated_at, '%Y-%m-%d %H:%M:%S')) <= 365 * 86400`],
  ['unified.in_ref.ward_code', 'true', `ward_code IN (SELECT unit_code FROM ${csv(opt.wards)})`],
  ['unified.enum.status', 'true',
    `status IN ('thường trú', 'tạm trú', 'tạm vắng', 'đã chuyển đi', 'đã mất')`],
].filter(([id]) => !(opt['no-expr'] && id.startsWith('correct.expr.')));

const columns = rowChecks.flatMap(([id, evaluated, passes], i) => [
  `count(*) FILTER (WHERE ${evaluated}) AS e${i}`,
  `count(*) FILTER (WHERE ${evaluated} AND NOT coalesce(${passes}, false)) AS f${i}`,
]);
const perUnit = `
  WITH t AS (
    SELECT *, row_number() OVER (PARTITION BY citizen_id ORDER BY CAST(stt AS BIGINT)) = 1
      AS first_of_key
    FROM ${csv(opt.data)})
  SELECT ward_code AS unit, count(*) AS rows, ${columns.join(',\n  ')}
  FROM t GROUP BY ward_code`;

// Dataset-level checks: the same counts for every unit.
const requiredMissing = `
  SELECT count(*) AS n FROM unnest([${REQUIRED.map(sqlString).join(', ')}]) AS r(name)
  WHERE name NOT IN (SELECT column_name FROM (DESCRIBE SELECT * FROM ${csv(opt.data)}))`;
const metaMissing = `
  SELECT ${META_FIELDS.map((f) =>
    `(coalesce(json_extract_string(content, '$.${f}'), '') = '')::INT`).join(' + ')} AS n
  FROM read_text(${sqlString(opt.meta)})`;

const instance = await DuckDBInstance.create(':memory:', {
  threads: opt.threads,
  // results are ordered by stt or grouped, never by insertion order
  preserve_insertion_order: 'false',
});
const db = await instance.connect();
const one = async (sql) => Number((await db.runAndReadAll(sql)).getRowObjectsJson()[0].n);
const missingColumns = await one(requiredMissing);
const missingMeta = await one(metaMissing);
const rows = (await db.runAndReadAll(perUnit)).getRowObjectsJson();

const out = { rows: 0, checks: {}, units: {} };
const add = (unit, id, e, f) => {
  out.units[unit][id] = [e, f];
  const total = (out.checks[id] ??= [0, 0]);
  total[0] += e;
  total[1] += f;
};
for (const r of rows) {
  const n = Number(r.rows);
  out.rows += n;
  out.units[r.unit] = {};
  rowChecks.forEach(([id], i) => add(r.unit, id, Number(r[`e${i}`]), Number(r[`f${i}`])));
  add(r.unit, 'correct.structure', n, 0);
  add(r.unit, 'sufficient.required_columns', REQUIRED.length, missingColumns);
  add(r.unit, 'sufficient.rows', 1, n < 1000 ? 1 : 0);
  add(r.unit, 'shared.metadata', META_FIELDS.length, missingMeta);
}
console.log(JSON.stringify(out));
