"""The failures of each check recomputed from the rule file's meaning with
Python's csv module: a value is a number when, after removing the '.'
thousands separators (only between groups of three digits) and turning
the decimal ',' into '.', float() reads it. Prints what dqa counted
beside it; the golden file holds lines where both agree."""
import csv, json, re, sys

NUMBER = re.compile(r'[+-]?(\d{1,3}(\.\d{3})*|\d+)?(,\d*)?$')

def number(text):
    if not text or not NUMBER.match(text) or not re.search(r'\d', text):
        return None
    return float(text.replace('.', '').replace(',', '.'))

def integer(text):
    return re.fullmatch(r'[+-]?(\d{1,3}(\.\d{3})*|\d+)', text) is not None

rows = list(csv.DictReader(open(sys.argv[1], encoding='utf-8')))
fails = {
    'correct.type.dien_tich': sum(number(r['dien_tich']) is None for r in rows),
    # an empty value is no integer: type judges it like any other value
    'correct.type.so_nguoi': sum(not integer(r['so_nguoi']) for r in rows),
    'correct.range.dien_tich': sum(not (number(r['dien_tich']) is not None and
                                        0 <= number(r['dien_tich']) <= 5000) for r in rows),
    'correct.range.gia_tri': sum(not (number(r['gia_tri']) is not None and
                                      number(r['gia_tri']) >= 10000) for r in rows),
}
result = json.load(open(sys.argv[2]))
counted = {}
for unit in result['units']:
    for c in unit['checks']:
        counted[c['id']] = counted.get(c['id'], 0) + c['failed']
for check, expected in fails.items():
    print(check, 'failed', counted.get(check), 'agrees' if counted.get(check) == expected
          else f'DIFFERS (python: {expected})')
# expr: a row whose values are not both numbers fails (dqa-rules(5)).
per_m2 = sum(not (number(r['gia_tri']) is not None and number(r['dien_tich'])
                  and number(r['gia_tri']) / number(r['dien_tich']) < 100000) for r in rows)
check = 'value-per-m2'
print(check, 'failed', counted.get(check), 'agrees' if counted.get(check) == per_m2
      else f'DIFFERS (python: {per_m2})')
