"""Grades from peer reviews: reviewer bias and reliability, true scores with intervals. Pure.

Model (per criterion score): ``x[r, s] = true[s] + bias[r] + noise``, noise variance ``var[r]``.
Gold items (calibration submissions with expert scores) pin ``true``; everything else is
estimated from consensus. A few iterations of:

1. each item's true score: a normal posterior combining the criterion's population prior
   (mean ``mu``, variance ``tau2``) with each review, bias-corrected and weighted by ``1/var``;
2. each reviewer's bias and variance from their residuals against gold truth or against the
   **leave-one-out** consensus (their own review removed), with shrinkage priors (bias towards 0,
   variance towards the carried-over value from earlier deliverables), so three reviews do not
   make a reviewer look perfect or hopeless.

A careless reviewer (random scores) ends up with a large variance and so a small weight; a
harsh or lenient one has their bias subtracted. ``likely`` intervals are the posterior mean
± ``Z`` posterior SDs (80%).

Rubric versions: everything is graded on the scale of the latest version (``maxima``). A review
made on an earlier version carries its criterion's maximum there (``Observation.scale``) and its
points count as the same fraction of the latest maximum (2 of 4 then is 5 of 10 now); a criterion
the latest version no longer has (or no longer scores) is not graded; an item whose reviews do
not cover a criterion the latest version added is graded on the criteria they cover, its total
(and interval) counted in proportion to the latest points possible (:meth:`Result.total`).
"""

import math
import statistics
from collections import defaultdict
from dataclasses import dataclass, field, replace

Z = 1.2816  # 80% two-sided normal interval
BIAS_SHRINK = 2.0  # pseudo-observations pulling a reviewer's bias to 0
VAR_SHRINK = 3.0  # pseudo-observations pulling a reviewer's variance to its prior
DEFAULT_VAR = 0.8
MIN_VAR = 0.05
MAX_VAR = 25.0


@dataclass(frozen=True)
class Observation:
    """One review's points on one criterion of one item."""

    reviewer: object
    item: object
    criterion: str
    points: float
    #: The criterion's maximum in the rubric version the review used; None: the latest's.
    scale: float | None = None


def on_latest_scale(observations, maxima):
    """The observations graded against ``maxima`` (the latest version), their points moved to
    its scale: ``points / scale * maxima[criterion]``. Observations without points, on a
    criterion ``maxima`` lacks, or on one worth nothing in their own version are left out."""
    out = []
    for o in observations:
        top = maxima.get(o.criterion)
        if o.points is None or top is None:
            continue
        if o.scale is None or o.scale == top:
            out.append(o)
        elif o.scale > 0:
            out.append(replace(o, points=o.points / o.scale * top, scale=top))
    return out


@dataclass
class ReviewerEstimate:
    """A reviewer's estimated bias (points) and noise variance; reliability in 0..1."""

    bias: float = 0.0
    variance: float = DEFAULT_VAR
    count: int = 0
    gold_count: int = 0
    reliability: float = 0.5


@dataclass
class CriterionEstimate:
    """The estimated true points of one criterion of one item, with its posterior SD."""

    mean: float
    sd: float
    low: float
    high: float
    maximum: float
    reviews: int
    spread: float  # max - min of the bias-corrected review scores


@dataclass
class Result:
    """Everything :func:`estimate` found."""

    reviewers: dict = field(default_factory=dict)  # reviewer -> ReviewerEstimate
    items: dict = field(default_factory=dict)  # item -> {criterion: CriterionEstimate}
    maxima: dict = field(default_factory=dict)  # criterion -> max points (latest version)

    def total(self, item):
        """(total, low, high, points possible) of an item, the interval from summed variances.

        When the item's reviews cover only some of the graded criteria (a criterion was added
        after they were made), the total and its interval are counted in proportion: the share
        of the covered points, applied to every point possible."""
        criteria = self.items.get(item, {})
        total = sum(c.mean for c in criteria.values())
        maximum = sum(c.maximum for c in criteria.values())
        sd = math.sqrt(sum(c.sd**2 for c in criteria.values()))
        possible = float(sum(self.maxima.values())) if self.maxima else maximum
        if 0 < maximum < possible:
            factor = possible / maximum
            total, sd, maximum = total * factor, sd * factor, possible
        return total, max(0.0, total - Z * sd), min(maximum, total + Z * sd), maximum

    def unrated(self, item):
        """The graded criteria (latest version) none of the item's reviews scored."""
        return [c for c in self.maxima if c not in self.items.get(item, {})]


def _clip(value, low, high):
    return max(low, min(high, value))


def estimate(observations, *, maxima, gold=None, priors=None, iterations=8):
    """Estimate reviewers and items.

    ``observations``: iterable of :class:`Observation`; ``maxima``: {criterion: max points}
    of the latest rubric version (see :func:`on_latest_scale`); ``gold``: {(item, criterion):
    expert points}; ``priors``: {reviewer: (bias, variance)} carried over from earlier
    deliverables.
    """
    gold = dict(gold or {})
    priors = dict(priors or {})
    obs = on_latest_scale(observations, maxima)
    by_cell = defaultdict(list)  # (item, criterion) -> [Observation]
    by_reviewer = defaultdict(list)
    for o in obs:
        by_cell[(o.item, o.criterion)].append(o)
        by_reviewer[o.reviewer].append(o)

    reviewers = {}
    for r in by_reviewer:
        bias, var = priors.get(r, (0.0, DEFAULT_VAR))
        reviewers[r] = ReviewerEstimate(bias=bias, variance=var)
    prior_var = {r: priors.get(r, (0.0, DEFAULT_VAR))[1] for r in by_reviewer}

    mu, tau2 = {}, {}
    for c, top in maxima.items():
        values = [o.points - reviewers[o.reviewer].bias for o in obs if o.criterion == c]
        mu[c] = statistics.fmean(values) if values else top / 2.0
        tau2[c] = max(statistics.pvariance(values) if len(values) > 1 else 1.0, 0.25)

    effect = {}  # item -> how far above the criterion means the item sits (all criteria)

    def posterior(cell, skip=None):
        item, c = cell
        if cell in gold:
            return float(gold[cell]), 0.0
        precision = 1.0 / tau2[c]
        weighted = (mu[c] + effect.get(item, 0.0)) / tau2[c]
        for o in by_cell[cell]:
            if o.reviewer == skip:
                continue
            rv = reviewers[o.reviewer]
            precision += 1.0 / rv.variance
            weighted += (o.points - rv.bias) / rv.variance
        return weighted / precision, 1.0 / precision

    for _ in range(iterations):
        # Reviewer step: residuals against gold or leave-one-out consensus.
        for r, mine in by_reviewer.items():
            residuals = []
            for o in mine:
                target, target_var = posterior((o.item, o.criterion), skip=r)
                residuals.append((o.points - target, target_var, (o.item, o.criterion) in gold))
            rv = reviewers[r]
            weights = [1.0 / (rv.variance + tv) for _e, tv, _g in residuals]
            bias = sum(w * e for w, (e, _tv, _g) in zip(weights, residuals, strict=True)) / (
                sum(weights) + BIAS_SHRINK / max(rv.variance, MIN_VAR)
            )
            squares = sum(max((e - bias) ** 2 - tv, 0.0) for e, tv, _g in residuals)
            n = len(residuals)
            variance = (VAR_SHRINK * prior_var[r] + squares) / (VAR_SHRINK + n)
            rv.bias = bias
            rv.variance = _clip(variance, MIN_VAR, MAX_VAR)
            rv.count = n
            rv.gold_count = sum(1 for _e, _tv, g in residuals if g)
        _population_step(by_cell, gold, maxima, posterior, mu, tau2, effect)

    result = Result(reviewers=reviewers, maxima=dict(maxima))
    for rv in reviewers.values():
        spread = statistics.fmean(tau2.values()) if tau2 else 1.0
        rv.reliability = spread / (spread + rv.variance)
    for cell, cell_obs in by_cell.items():
        item, c = cell
        mean, var = posterior(cell)
        top = float(maxima[c])
        mean = _clip(mean, 0.0, top)
        sd = math.sqrt(var)
        corrected = [o.points - reviewers[o.reviewer].bias for o in cell_obs]
        result.items.setdefault(item, {})[c] = CriterionEstimate(
            mean=mean,
            sd=sd,
            low=_clip(mean - Z * sd, 0.0, top),
            high=_clip(mean + Z * sd, 0.0, top),
            maximum=top,
            reviews=len(cell_obs),
            spread=(max(corrected) - min(corrected)) if corrected else 0.0,
        )
    return result


def _population_step(by_cell, gold, maxima, posterior, mu, tau2, effect):
    """Criterion means, each item's overall level (pooled over its criteria) and the spread
    of a criterion around that level: the prior of the next iteration."""
    posts = {cell: posterior(cell) for cell in by_cell if cell not in gold}
    for c in maxima:
        means = [m for (_i, cc), (m, _v) in posts.items() if cc == c]
        if len(means) > 1:
            mu[c] = statistics.fmean(means)
    deviations = defaultdict(list)
    for (item, c), (m, _v) in posts.items():
        deviations[item].append(m - mu[c])
    levels = {item: statistics.fmean(d) for item, d in deviations.items()}
    between = statistics.pvariance(levels.values()) if len(levels) > 1 else 0.0
    for item, d in deviations.items():
        # Shrink the level towards 0 by how many criteria it rests on.
        weight = between * len(d) / (between * len(d) + statistics.fmean(tau2.values()))
        effect[item] = levels[item] * weight
    for c in maxima:
        residuals = [
            (m - mu[c] - effect[item], v) for (item, cc), (m, v) in posts.items() if cc == c
        ]
        if len(residuals) > 1:
            spread = statistics.fmean(r * r for r, _v in residuals)
            spread += statistics.fmean(v for _r, v in residuals)
            tau2[c] = max(spread, 0.15)


def median_grade(observations, maxima):
    """ORA2's rule: per criterion, the median of the reviews' points ({item: {criterion: p}})."""
    cells = defaultdict(list)
    for o in on_latest_scale(observations, maxima):
        cells[(o.item, o.criterion)].append(o.points)
    grades = defaultdict(dict)
    for (item, c), values in cells.items():
        grades[item][c] = statistics.median(values)
    return dict(grades)


def disagrees(criteria_estimates, threshold):
    """True when any criterion's bias-corrected reviews spread more than ``threshold`` points."""
    return any(c.spread > threshold for c in criteria_estimates.values())
