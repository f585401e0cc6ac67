"""Pure statistics for the insights pages: medians, buckets, shares, trends, survey tallies.

No Django here (see pyproject's "Pure logic stays free of Django").
"""

from __future__ import annotations

import math
from collections import Counter
from datetime import date, timedelta

#: Time-to-first-response buckets (upper bounds in hours; the last is open).
RESPONSE_BUCKETS = ((1, "<1h"), (4, "1-4h"), (24, "4-24h"), (None, ">24h"))


def median(values):
    """The median of ``values`` (None when empty)."""
    ordered = sorted(values)
    if not ordered:
        return None
    middle = len(ordered) // 2
    if len(ordered) % 2:
        return ordered[middle]
    return (ordered[middle - 1] + ordered[middle]) / 2


def share(part, whole):
    """``part / whole`` as a fraction, or None when ``whole`` is 0."""
    return part / whole if whole else None


def bucket_hours(hours_list):
    """Counts of response times (hours) in :data:`RESPONSE_BUCKETS`, as [(key, count)]."""
    counts = dict.fromkeys((key for _limit, key in RESPONSE_BUCKETS), 0)
    for hours in hours_list:
        for limit, key in RESPONSE_BUCKETS:
            if limit is None or hours < limit:
                counts[key] += 1
                break
    return list(counts.items())


def top_share(counts, fraction=0.1):
    """Share of the total held by the top ``fraction`` of contributors (at least one person).

    ``counts`` are per-person totals (e.g. answers per answerer).
    """
    ordered = sorted((c for c in counts if c > 0), reverse=True)
    total = sum(ordered)
    if not total:
        return None
    top = max(1, math.ceil(len(ordered) * fraction))
    return sum(ordered[:top]) / total


def returning_share(weeks):
    """Week-over-week returning contributors.

    ``weeks`` is an ordered list of sets of contributor ids, one per week. Returns
    [(week index, share of the previous week's contributors who contributed again)], from the
    second week on (None when the previous week had nobody).
    """
    result = []
    for index in range(1, len(weeks)):
        previous, current = weeks[index - 1], weeks[index]
        result.append((index, share(len(previous & current), len(previous))))
    return result


def trend(current, previous):
    """Relative change from ``previous`` to ``current`` (None when it cannot be told)."""
    if current is None or previous in (None, 0):
        return None
    return (current - previous) / abs(previous)


def days(start: date, end: date):
    """Every day from ``start`` to ``end`` included."""
    return [start + timedelta(days=n) for n in range((end - start).days + 1)]


def previous_period(start: date, end: date):
    """The period of the same length just before ``start``..``end``."""
    length = (end - start).days + 1
    return start - timedelta(days=length), start - timedelta(days=1)


def prorated_cost(entries, start: date, end: date):
    """Yen spent in ``start``..``end``: each (from, to, amount) counted for its overlapping days."""
    total = 0.0
    for first, last, amount in entries:
        span = (last - first).days + 1
        overlap = (min(last, end) - max(first, start)).days + 1
        if span > 0 and overlap > 0:
            total += amount * overlap / span
    return round(total)


# --- surveys ------------------------------------------------------------------------------------


def tally(values, options):
    """[(option, count)] for choice answers (``values`` are str or lists of str)."""
    counter = Counter()
    for value in values:
        for item in value if isinstance(value, list) else [value]:
            counter[str(item)] += 1
    return [(option, counter.get(str(option), 0)) for option in options]


def nps(scores):
    """Net Promoter Score (-100..100) of 0–10 scores: % promoters (9–10) - % detractors (0–6)."""
    scores = [int(s) for s in scores]
    if not scores:
        return None
    promoters = sum(1 for s in scores if s >= 9)
    detractors = sum(1 for s in scores if s <= 6)
    return round(100 * (promoters - detractors) / len(scores))


def mean(values):
    values = [float(v) for v in values]
    return sum(values) / len(values) if values else None
