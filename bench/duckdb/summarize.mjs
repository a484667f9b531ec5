// DuckDB SUMMARIZE of a CSV file: the column statistics DuckDB computes.
import { DuckDBInstance } from '@duckdb/node-api';
const [file, threads] = process.argv.slice(2);
const db = await DuckDBInstance.create(':memory:', { threads: String(threads) });
const con = await db.connect();
const sql = `SUMMARIZE SELECT * FROM read_csv('${file}', header = true, all_varchar = false)`;
const reader = await con.runAndReadAll(sql);
console.log(reader.getRowObjects().length + ' columns summarized');
