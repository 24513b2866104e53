"""The gov-info-2018 rules (DESIGN.md / schema/builtin/gov-info-2018.yaml) applied to a
file's values: blank = 0 (already 0 in values); a rule is skipped when a value it needs is null."""
from decimal import Decimal

SUMS = [('3.1', ['3.1.1', '3.1.2', '3.1.3', '3.1.4']), ('3.2', ['3.2.1', '3.2.2']),
        ('3.3', ['3.3.1', '3.3.2', '3.3.3', '3.3.4', '3.3.5', '3.3.6', '3.3.7', '3.3.8']),
        ('3.3.4', ['3.3.4.1', '3.3.4.2', '3.3.4.3', '3.3.4.4', '3.3.4.5', '3.3.4.6']),
        ('4', ['4.1', '4.2', '4.3']), ('5', ['5.1', '5.2', '5.3']), ('8.3', ['8.3.1', '8.3.2'])]
CH = ['1.2.1', '1.2.2', '1.2.3', '1.2.4', '1.2.5']
RULES = []
for t, ps in SUMS:
    RULES.append(('sum', 'error', t, [t], '=', ps, None))
for p, w in [('1.1.1', '1.1'), ('2.2.1.1', '2.2.1'), ('2.2.2.1', '2.2.2')]:
    RULES.append(('of-which', 'error', p, [p], '<=', [w], None))
for c in CH:
    RULES.append(('bound', 'error', c, [c], '<=', ['1.1'], None))
RULES += [('bound', 'warning', '1.1', ['1.1'], '<=', CH, None),
          ('consistency', 'warning', '1.1.1', ['1.1.1'], '<=', ['1.1.2'], None),
          ('consistency', 'warning', '3.3', ['3.3'], '=', ['3.2'], None),
          ('consistency', 'warning', '3.2', ['3.2'], '<=', ['3.1'], None),
          ('consistency', 'warning', '9.3', ['9.2'], '<=', ['9.3'], '9.2')]

def check(values, cells):
    out = []
    for kind, sev, at, left, op, right, ifpos in RULES:
        need = left + right + ([ifpos] if ifpos else [])
        if any(values.get(c) is None for c in need):
            continue
        if ifpos and values[ifpos] <= 0:
            continue
        l = sum((values[c] for c in left), Decimal(0))
        r = sum((values[c] for c in right), Decimal(0))
        if (op == '=' and l == r) or (op == '<=' and l <= r):
            continue
        f = {'kind': kind, 'severity': sev, 'cell': (cells or {}).get(at, '?'), 'codes': [at]}
        if kind == 'sum':
            f['expected'] = r
            f['actual'] = l
        out.append(f)
    return out
