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

  postgresql.py DQA SOURCE_ROOT
Skipped (exit 77) when the server binaries are not installed.
"""
import glob
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
