#!/usr/bin/env python3
"""dqa against a real PostgreSQL server that this script starts itself:
initdb and pg_ctl as the unprivileged user `postgres` (or the current user
when not root) in a temporary directory, listening only on a Unix socket
there, and stopped when the tests end, whatever their outcome.

  a table              the citizens rows give the same result as CSV (equal_results.py)
  a schema and quoting ?table=SCHEMA.NAME with a mixed-case name
  a missing table      exit 3 with the server's message
  bad credentials      exit 3, the password in no output
  a password in a URI  refused, exit 2
  server goes away     the backend ends mid-COPY: exit 3, no report written
  a query              source: {postgresql: URI, query: ...} in the rule file gives
                       the table's result; DATA beside it is a usage error
  sharding by column   dataset: {shard_by: COLUMN}: three shards, each with only its
                       share of the rows, merge to the unsharded audit's JSON, byte
                       for byte but the time it was made (lines of multi-line rows
                       included); so do three shards of a query

  postgresql.py DQA SOURCE_ROOT
Skipped (exit 77) when the server binaries are not installed.
"""
import glob
import json
import os
import pwd
import shutil
import subprocess
import sys
import tempfile
import urllib.parse

HERE = os.path.dirname(os.path.abspath(__file__))


def bindir():
    dirs = sorted(glob.glob("/usr/lib/postgresql/*/bin"))
    return dirs[-1] if dirs and os.path.exists(os.path.join(dirs[-1], "initdb")) else None


class Server:
    def __init__(self, tmp):
        self.bin = bindir()
        self.dir = tmp
        self.data = os.path.join(tmp, "data")
        self.user = "postgres" if os.geteuid() == 0 else pwd.getpwuid(os.geteuid()).pw_name
        if os.geteuid() == 0:
            os.chown(tmp, pwd.getpwnam("postgres").pw_uid, -1)

    def as_user(self, args, **kw):
        if os.geteuid() == 0:
            args = ["runuser", "-u", "postgres", "--"] + args
        return subprocess.run(args, check=True, capture_output=True, text=True, **kw)

    def start(self):
        self.as_user([os.path.join(self.bin, "initdb"), "-D", self.data, "-A", "trust",
                      "-U", self.user, "--no-sync", "-E", "UTF8", "--locale", "C"])
        with open(os.path.join(self.data, "pg_hba.conf"), "w") as f:
            f.write("local all alice scram-sha-256\nlocal all all trust\n")
        self.as_user([os.path.join(self.bin, "pg_ctl"), "-D", self.data, "-w", "-l",
                      os.path.join(self.dir, "log"), "-o",
                      f"-k {self.dir} -c listen_addresses='' -c fsync=off", "start"])

    def stop(self):
        subprocess.run((["runuser", "-u", "postgres", "--"] if os.geteuid() == 0 else []) +
                       [os.path.join(self.bin, "pg_ctl"), "-D", self.data, "-m", "immediate",
                        "stop"], capture_output=True)

    def psql(self, sql, stdin=None):
        return subprocess.run([os.path.join(self.bin, "psql"), "-X", "-q", "-v", "ON_ERROR_STOP=1",
                               "-h", self.dir, "-U", self.user, "-d", "postgres", "-c", sql],
                              check=True, capture_output=True, text=True, input=stdin)

    def uri(self, table, user=None):
        return (f"postgresql:///postgres?host={urllib.parse.quote(self.dir, safe='')}"
                f"&user={user or self.user}&table={table}")


def run(dqa, root, data, env=None, out=None):
    args = [dqa, "audit", os.path.join(root, "rules/examples/citizens.yaml"), data,
            "--format", "json", "--now", "2026-11-22"]
    if out:
        args += ["--out", out]
    return subprocess.run(args, capture_output=True, text=True, env=env, timeout=120)


def rules_with(root, tmp, name, dataset_lines="", source=None):
    """The citizens example rule file, its files named by absolute paths, with
    lines added to its dataset section and a source entry, written to tmp."""
    examples = os.path.join(root, "rules/examples")
    with open(os.path.join(examples, "citizens.yaml"), encoding="utf-8") as f:
        text = f.read()
    text = text.replace("../refs/", os.path.join(root, "rules/refs") + "/")
    text = text.replace("citizens.meta.yaml", os.path.join(examples, "citizens.meta.yaml"))
    text = text.replace("\ndataset:\n", "\ndataset:\n" + dataset_lines, 1)
    if source:
        text += "source:\n" + "".join(f"  {k}: {json.dumps(v)}\n" for k, v in source.items())
    path = os.path.join(tmp, name)
    with open(path, "w", encoding="utf-8") as f:
        f.write(text)
    return path


def audit_json(dqa, rules, *data, extra=()):
    out = subprocess.run([dqa, "audit", rules, *data, "--now", "2026-11-22", *extra],
                         capture_output=True, text=True, timeout=120)
    return out, (json.loads(out.stdout) if out.returncode in (0, 1) and out.stdout else None)


def sharded(dqa, rules, data, tmp, tag, n=3):
    """Audits n shards of data into states and merges them: (merged JSON, rows
    per shard, failures)."""
    states, rows, errors = [], [], []
    for i in range(1, n + 1):
        state = os.path.join(tmp, f"{tag}{i}.state")
        out = subprocess.run([dqa, "audit", rules, *data, "--shard", f"{i}/{n}", "--state", state,
                              "--now", "2026-11-22"], capture_output=True, text=True, timeout=120)
        if out.returncode != 0:
            errors.append(out.stderr)
        rows += [int(w) for w in out.stderr.split() if w.isdigit()][-1:]
        states.append(state)
    if errors:
        return None, rows, errors
    out = subprocess.run([dqa, "merge", *states, "--format", "json"], capture_output=True,
                         text=True, timeout=120)
    return (json.loads(out.stdout) if out.stdout else None), rows, [out.stderr] if not out.stdout else []


# What a query's audit and its view's may differ in: the rule file, the
# input's name, the moment the result was made.
SAME = {"inputs": 0, "rules": 0, "generated_at": 0}


def without_time(result):
    return {k: v for k, v in result.items() if k != "generated_at"} if result else result


def main():
    dqa, root = os.path.abspath(sys.argv[1]), os.path.abspath(sys.argv[2])
    if not bindir():
        print("PostgreSQL server binaries not installed")
        return 77
    failures = []

    def expect(label, ok, detail=""):
        print(f"{'ok' if ok else 'FAILED'}: {label}")
        if not ok:
            print(detail)
            failures.append(label)

    tmp = tempfile.mkdtemp(prefix="dqa-pg-")
    server = Server(tmp)
    try:
        server.start()
        with open(os.path.join(root, "testdata/citizens.csv"), encoding="utf-8") as f:
            header = f.readline().strip().split(",")
        import csv
        with open(os.path.join(root, "testdata/citizens.csv"), newline="", encoding="utf-8") as f:
            rows = [r for r in csv.reader(f)][1:]
        rows = [r for r in rows if len(r) == len(header)]
        cols = ", ".join(f'"{c}" text' for c in header)
        server.psql(f"CREATE SCHEMA reg; CREATE TABLE reg.\"Citizens\" ({cols});"
                    "CREATE ROLE alice LOGIN PASSWORD 'right-password';")
        buf = "\n".join(",".join('"' + v.replace('"', '""') + '"' for v in r) for r in rows)
        server.psql("COPY reg.\"Citizens\" FROM STDIN WITH (FORMAT csv)", stdin=buf + "\n")
        # A view whose backend ends its own session mid-read: the server goes away.
        server.psql("CREATE VIEW reg.dying AS SELECT c.*, CASE WHEN n = 2000 THEN "
                    "pg_terminate_backend(pg_backend_pid()) END AS x FROM "
                    "(SELECT *, row_number() OVER () AS n FROM reg.\"Citizens\") c;")

        eq = subprocess.run([sys.executable, os.path.join(HERE, "equal_results.py"), dqa, root,
                             "--postgresql", server.uri("reg.Citizens")],
                            capture_output=True, text=True)
        expect("a table gives the result of the same rows as CSV",
               eq.returncode == 0 and "postgresql: same result as CSV" in eq.stdout,
               eq.stdout + eq.stderr)

        out = run(dqa, root, server.uri("reg.missing"))
        expect("a missing table: exit 3 with the server's message",
               out.returncode == 3 and "does not exist" in out.stderr, out.stderr)

        env = dict(os.environ, PGPASSWORD="wrong-password")
        out = run(dqa, root, server.uri("reg.Citizens", user="alice"), env=env)
        expect("bad credentials: exit 3, the password shown nowhere",
               out.returncode == 3 and "authentication failed" in out.stderr
               and "wrong-password" not in out.stderr + out.stdout, out.stderr)

        uri = server.uri("reg.Citizens").replace("postgresql:///", "postgresql://u:secret@/")
        out = run(dqa, root, uri)
        expect("a password in the URI: refused, exit 2",
               out.returncode == 2 and "secret" not in out.stderr + out.stdout, out.stderr)

        table_rules = rules_with(root, tmp, "table.yaml", dataset_lines="  shard_by: full_name\n")
        out, whole = audit_json(dqa, table_rules, server.uri("reg.Citizens"), extra=["--format", "json"])
        expect("the table audited whole", whole is not None, out.stderr)
        merged, rows, errors = sharded(dqa, table_rules, [server.uri("reg.Citizens")], tmp, "t")
        expect("three shards of the table, hashed on full_name, each with only its share",
               not errors and len(rows) == 3 and sum(rows) == whole["rows"]
               and all(0 < r < whole["rows"] for r in rows), f"{rows} {errors}")
        expect("the merge of the three shards equals the unsharded audit",
               without_time(merged) == without_time(whole),
               str(without_time(merged))[:300] + " != " + str(without_time(whole))[:300])

        query = 'SELECT * FROM reg."Citizens" WHERE ward_code <> \'00106\''
        uri = server.uri("x").replace("&table=x", "")
        query_rules = rules_with(root, tmp, "query.yaml", dataset_lines="  shard_by: citizen_id\n",
                                 source={"postgresql": uri, "query": query})
        view_rules = rules_with(root, tmp, "view.yaml")
        server.psql(f"CREATE VIEW reg.some AS {query}")
        out, by_query = audit_json(dqa, query_rules, extra=["--format", "json"])
        _, by_view = audit_json(dqa, view_rules, server.uri("reg.some"), extra=["--format", "json"])
        expect("a query in the rule file reads the rows a view of it reads",
               by_query is not None and by_view is not None
               and {**by_query, **SAME} == {**by_view, **SAME}
               and by_query["inputs"] == [uri], out.stderr)
        merged, rows, errors = sharded(dqa, query_rules, [], tmp, "q")
        expect("three shards of the query merge to its unsharded audit",
               not errors and without_time(merged) == without_time(by_query), f"{rows} {errors}")
        out, _ = audit_json(dqa, query_rules, server.uri("reg.Citizens"))
        expect("DATA beside a rule file's source: usage error, exit 2",
               out.returncode == 2 and "give no DATA" in out.stderr, out.stderr)
        out, _ = audit_json(dqa, rules_with(root, tmp, "bad.yaml", source={
            "postgresql": uri, "query": "SELECT * FROM reg.nowhere"}))
        expect("a query the server refuses: exit 3 with its message",
               out.returncode == 3 and "does not exist" in out.stderr, out.stderr)

        report = os.path.join(tmp, "report")
        out = run(dqa, root, server.uri("reg.dying"), out=report)
        expect("the server goes away mid-read: exit 3, nothing written",
               out.returncode == 3 and not os.path.exists(report) and out.stdout == ""
               and "terminating connection" in out.stderr, out.stderr)
        print("   ", out.stderr.strip().replace("\n", "\n    "))
    finally:
        server.stop()
        shutil.rmtree(tmp, ignore_errors=True)
    if failures:
        print("failed: " + ", ".join(failures))
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
