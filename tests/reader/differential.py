#!/usr/bin/env python3
"""Differential test of dqa's CSV reader against Python's csv module.

For every file of a generated corpus (random files over the alphabet
a , " space CR LF, plus the cases of issue 16), the records dqa reads
(tests/reader/csv_dump.c, cut into blocks of several sizes at the
boundaries the parallel scan uses) must equal csv.reader's (default
dialect, strict=False, the file opened with newline=''): the same fields
and the same physical start line. And a record is flagged by dqa (a
structure finding) exactly when it is not well-formed RFC 4180, judged
here from the record's raw lines with a regular expression, or when its
line end differs from the first record's.

    differential.py CSV_DUMP [ROUNDS]
"""
import csv
import io
import os
import random
import re
import subprocess
import sys
import tempfile

FIELD = r'(?:"(?:[^"]|"")*"|[^",\r\n]*)'
RECORD = re.compile(FIELD + r'(?:,' + FIELD + r')*', re.S)
BLOCKS = [1, 3, 16, 64, 1 << 20]

CASES = [
    b'id,name,city\n1,"GAM MODEL" DI X,Rome\n2,b,c\n3,d,e\n4,f,g\n',
    b'a,b\n"x" ,y\n1,2\n',
    b'a,b\n x,"y"\n "q",2\n',
    b'a,b\nx"y,z\n',
    b'a,b\n1,"open\n2,3\n4,5\n',
    b'a,b\r1,2\r3,4\r',
    b'a,b\r\n1,2\r\n3,4\r\n',
    b'a,b\n1,2\r3,4\n5,6\n',
    b'a,b\r\n1,2\n3,4\r\n',
    b'a,b\n\n1,2\n,\n\n',
    b'a,b\n1,2',
    b'a,b\n1,"2\r\n3"\n4,5\r\n',
    b'"a""b",c\n"",""\n"x"y"z",w\n',
    b'\n\n\na,b\n',
    b'a\r',
    b'a,"b\r',
    b'"',
    b'a,b\n1,2,3\n4\n',
]


def python_records(data):
    """(start line, fields, well-formed) for each record csv.reader yields."""
    text = data.decode('latin-1')
    lines = io.StringIO(text, newline='').readlines()
    consumed = [0]

    def feed():
        for line in lines:
            consumed[0] += 1
            yield line

    out, start, style = [], 1, None
    for fields in csv.reader(feed()):
        raw = ''.join(lines[start - 1:consumed[0]])
        end = next((e for e in ('\r\n', '\r', '\n') if raw.endswith(e)), '')
        body = raw[:len(raw) - len(end)]
        style = style or end
        good = RECORD.fullmatch(body) is not None and (not end or end == style)
        out.append((start, fields, good))
        start = consumed[0] + 1
    return out


def dqa_records(dump, paths, block):
    """dqa's records of each file, as python_records gives them."""
    res = subprocess.run([dump, str(block)] + paths, capture_output=True, check=False)
    if res.returncode != 0:
        raise RuntimeError(f'csv_dump failed: {res.stderr.decode()}')
    files, out = [], []
    for row in res.stdout.decode().splitlines():
        if row == '#':
            files.append(out)
            out = []
            continue
        parts = row.split(' ')
        line, flaw, n = int(parts[0]), int(parts[1]), int(parts[3])
        fields = ['' if f == '-' else bytes.fromhex(f).decode('latin-1') for f in parts[4:4 + n]]
        out.append((line, fields, flaw == 0))
    return files


def random_file(rng):
    alphabet = 'aaa,,,"" \r\n\n'
    return ''.join(rng.choice(alphabet) for _ in range(rng.randrange(0, 60))).encode()


def main():
    dump = sys.argv[1]
    rounds = int(sys.argv[2]) if len(sys.argv) > 2 else 1500
    rng = random.Random(16)
    corpus = CASES + [random_file(rng) for _ in range(rounds)]
    failures = 0
    with tempfile.TemporaryDirectory() as tmp:
        paths = []
        for i, data in enumerate(corpus):
            paths.append(os.path.join(tmp, f'{i}.csv'))
            with open(paths[-1], 'wb') as f:
                f.write(data)
        want = [python_records(data) for data in corpus]
        for block in BLOCKS:
            got = dqa_records(dump, paths, block)
            for i, data in enumerate(corpus):
                if got[i] != want[i] and failures < 6:
                    print(f'file {i} (block {block}): {data!r}\n  python: {want[i]}\n  dqa:    {got[i]}')
                failures += got[i] != want[i]
    print(f'{len(corpus)} files, {failures} disagreements')
    return 1 if failures else 0


if __name__ == '__main__':
    sys.exit(main())
