"""Synthetic cohorts for the peer-review simulation (``benchmarks/bench_peer_sim.py``). Pure.

The benchmark drives the REAL allocation and grading code with these people; this module only
makes them up (seeded) and scores the outcome:

- every item has an integer true score per criterion (0..``top``), correlated within the item;
- a reviewer is careless (uniform random points) or has a bias and a noise level; their points
  are ``round(true + bias + noise)`` clipped to the scale;
- learners submit over the first days, some late; some drop out (take a lease, never return).
"""

import math
import random
import statistics
from dataclasses import dataclass


@dataclass(frozen=True)
class Params:
    """The cohort the issue describes (4 criteria × 0–4, 15% careless, 20% drop-out)."""

    learners: int = 120
    criteria: int = 4
    top: int = 4
    careless: float = 0.15
    bias_sd: float = 0.7
    noise_low: float = 0.3
    noise_high: float = 1.2
    gold_items: int = 3
    dropout: float = 0.20
    late: float = 0.20
    on_time_hours: float = 48.0
    late_hours: tuple = (60.0, 110.0)
    volunteers: int = 6
    seed: int = 1


@dataclass
class Person:
    """A synthetic learner: when they submit and how they review."""

    index: int
    careless: bool
    bias: float
    noise: float
    submit_hour: float
    dropout: bool
    late: bool


def item_truth(rng, params):
    """True points per criterion of one item (a common level plus criterion deviations)."""
    level = rng.gauss(params.top * 0.55, 0.8)
    return [
        max(0, min(params.top, round(level + rng.gauss(0, 0.6)))) for _ in range(params.criteria)
    ]


def cohort(params):
    """(people, truths of their items, truths of the gold items), seeded."""
    rng = random.Random(params.seed)
    people, truths = [], []
    for i in range(params.learners):
        late = rng.random() < params.late
        hour = rng.uniform(*params.late_hours) if late else rng.uniform(0, params.on_time_hours)
        people.append(
            Person(
                index=i,
                careless=rng.random() < params.careless,
                bias=rng.gauss(0, params.bias_sd),
                noise=rng.uniform(params.noise_low, params.noise_high),
                submit_hour=hour,
                dropout=rng.random() < params.dropout,
                late=late,
            )
        )
        truths.append(item_truth(rng, params))
    gold = [item_truth(rng, params) for _ in range(params.gold_items)]
    return people, truths, gold


def review_points(rng, person, truth, top):
    """The points ``person`` gives an item whose true points are ``truth`` (a list)."""
    if person.careless:
        return [rng.randint(0, top) for _ in truth]
    return [max(0, min(top, round(t + person.bias + rng.gauss(0, person.noise)))) for t in truth]


def accuracy(estimates, truths):
    """(RMSE, share within ±1 point) of integer-rounded totals against true totals."""
    errors = [round(estimates[i]) - sum(truths[i]) for i in estimates]
    if not errors:
        return float("nan"), float("nan")
    rmse = math.sqrt(statistics.fmean(e * e for e in errors))
    return rmse, sum(1 for e in errors if abs(e) <= 1) / len(errors)


def coverage(covered_hours, submit_hours, within):
    """Share of submissions whose required reviews were all in within ``within`` hours."""
    if not submit_hours:
        return float("nan")
    ok = sum(
        1
        for key, start in submit_hours.items()
        if covered_hours.get(key) is not None and covered_hours[key] - start <= within
    )
    return ok / len(submit_hours)
