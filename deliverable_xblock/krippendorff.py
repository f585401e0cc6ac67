"""Krippendorff's alpha (nominal, ordinal, interval) for inter-rater reliability. Pure Python.

``alpha(units, level)``: ``units`` is an iterable of lists of values, one list per unit (the
values the coders gave it; missing values simply absent). Units with fewer than two values are
not pairable and are ignored. Implements the coincidence-matrix computation of Krippendorff
(2011), "Computing Krippendorff's Alpha-Reliability", checked in the tests against that paper's
worked example (nominal 0.743, ordinal 0.815, interval 0.849).
"""

from collections import Counter
from itertools import combinations

NOMINAL, ORDINAL, INTERVAL = "nominal", "ordinal", "interval"


def _coincidences(units):
    """Coincidence matrix o[(c, k)] and marginals n_c over pairable units."""
    matrix = Counter()
    for values in units:
        values = [v for v in values if v is not None]
        m = len(values)
        if m < 2:
            continue
        weight = 1.0 / (m - 1)
        for i, j in combinations(range(m), 2):
            matrix[(values[i], values[j])] += weight
            matrix[(values[j], values[i])] += weight
    marginals = Counter()
    for (c, _k), count in matrix.items():
        marginals[c] += count
    return matrix, marginals


def _delta_function(level, marginals):
    if level == NOMINAL:
        return lambda c, k: 0.0 if c == k else 1.0
    if level == INTERVAL:
        return lambda c, k: float(c - k) ** 2
    if level == ORDINAL:
        ranks = sorted(marginals)
        position = {value: i for i, value in enumerate(ranks)}
        cumulative = [0.0]
        for value in ranks:
            cumulative.append(cumulative[-1] + marginals[value])

        def ordinal(c, k):
            lo, hi = sorted((position[c], position[k]))
            between = cumulative[hi + 1] - cumulative[lo]
            return (between - (marginals[c] + marginals[k]) / 2.0) ** 2

        return ordinal
    raise ValueError(f"unknown level of measurement: {level}")


def alpha(units, level=INTERVAL):
    """Krippendorff's alpha, or None when there is nothing to compare (no pairable values or
    no variation at all)."""
    matrix, marginals = _coincidences(units)
    n = sum(marginals.values())
    if n <= 1:
        return None
    delta = _delta_function(level, marginals)
    observed = sum(count * delta(c, k) for (c, k), count in matrix.items())
    values = list(marginals)
    expected = sum(marginals[c] * marginals[k] * delta(c, k) for c in values for k in values) / (
        n - 1
    )
    if expected == 0:
        return None
    return 1.0 - observed / expected
