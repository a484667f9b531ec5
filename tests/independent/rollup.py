"""The roll-up of dqa-rules(5) SCORING, written from the man page alone and shared by
the independent expectations (expected_citizens.py, example_audit.py):

  check score       100 * (evaluated - failed) / evaluated; none when evaluated = 0
  unit criterion    weighted mean of the unit's unit-level check scores (check weights)
  unit score        weighted mean of its criteria (criterion weights)
  missing unit      0 in every criterion some present unit scores, none elsewhere; score 0
  units' roll-up    per criterion, the plain mean over the units with a score in it
  dataset criterion weighted mean of the units' roll-up (weight: the summed weights of
                    the criterion's unit-level checks in the rule set) and of each
                    dataset-level check with a score (its weight); none without either
  dataset score     weighted mean of the dataset criteria (criterion weights)
  dataset-level check cost  (100 - score) * weight / (criterion's total weight)
                            * criterion weight / (summed weights of scored criteria)
Scores that are none take no part in any mean.
"""

CRITERIA = ["correct", "sufficient", "clean", "alive", "unified", "shared"]


def check_score(evaluated, failed):
    return None if evaluated == 0 else 100.0 * (evaluated - failed) / evaluated


def weighted_mean(pairs):
    """Weighted mean of (score, weight) pairs, ignoring null scores and zero weights;
    null if none is left."""
    pairs = [(s, w) for s, w in pairs if s is not None and w > 0]
    total = sum(w for _, w in pairs)
    return None if not pairs else sum(s * w for s, w in pairs) / total


def unit_criteria(checks):
    """checks: dicts with criterion, score, weight (default 1)."""
    return {k: weighted_mean((c["score"], c.get("weight", 1)) for c in checks
                             if c["criterion"] == k) for k in CRITERIA}


def roll_up(present, missing, dataset_checks, unit_weights, criterion_weights, status_of):
    """present: [(unit, rows, unit-level checks)] with evaluated, failed, criterion and
    optionally weight; missing: names of expected units without rows; dataset_checks:
    dataset-level checks like the unit ones; unit_weights: criterion -> summed weights
    of the rule set's unit-level checks. Returns (units, criteria, score, dataset_checks)
    with every score filled in."""
    units = []
    for unit, rows, checks in present:
        for c in checks:
            c["score"] = check_score(c["evaluated"], c["failed"])
        criteria = unit_criteria(checks)
        score = weighted_mean((criteria[k], criterion_weights[k]) for k in CRITERIA)
        units.append({"unit": unit, "rows": rows, "score": score, "status": status_of(score),
                      "criteria": criteria, "checks": checks})
    scored = {k for k in CRITERIA if any(u["criteria"][k] is not None for u in units)}
    for unit in missing:
        criteria = {k: (0.0 if k in scored else None) for k in CRITERIA}
        units.append({"unit": unit, "rows": 0, "score": 0.0, "status": "missing",
                      "criteria": criteria, "checks": []})
    rollup = {}
    for k in CRITERIA:
        scores = [u["criteria"][k] for u in units if u["criteria"][k] is not None]
        rollup[k] = sum(scores) / len(scores) if scores else None
    for c in dataset_checks:
        c["score"] = check_score(c["evaluated"], c["failed"])
    criteria, totals = {}, {}
    for k in CRITERIA:
        pairs = [(rollup[k], unit_weights.get(k, 0))]
        pairs += [(c["score"], c.get("weight", 1)) for c in dataset_checks if c["criterion"] == k]
        criteria[k] = weighted_mean(pairs)
        totals[k] = sum(w for s, w in pairs if s is not None and w > 0)
    score = weighted_mean((criteria[k], criterion_weights[k]) for k in CRITERIA)
    scored_weight = sum(criterion_weights[k] for k in CRITERIA if criteria[k] is not None)
    for c in dataset_checks:
        k = c["criterion"]
        c["cost"] = 0.0 if c["score"] is None else \
            (100 - c["score"]) * c.get("weight", 1) / totals[k] * criterion_weights[k] / scored_weight
    return units, criteria, score, dataset_checks
