"""Estimation: bias and reliability recovered; careless reviewers down-weighted; intervals."""

import random

from deliverable_xblock import estimation, reputation, simulation
from deliverable_xblock.estimation import Observation


def _cohort(seed=3, n=80):
    params = simulation.Params(seed=seed, learners=n)
    people, truths, gold = simulation.cohort(params)
    rng = random.Random(seed)
    obs = []
    for item in range(n):
        for r in rng.sample([p for p in range(n) if p != item], 3):
            points = simulation.review_points(rng, people[r], truths[item], 4)
            obs += [Observation(r, item, f"c{i}", p) for i, p in enumerate(points)]
    gold_truth = {}
    for g, truth in enumerate(gold):
        gold_truth.update({(f"g{g}", f"c{i}"): p for i, p in enumerate(truth)})
        for r in range(n):
            points = simulation.review_points(rng, people[r], truth, 4)
            obs += [Observation(r, f"g{g}", f"c{i}", p) for i, p in enumerate(points)]
    return people, truths, obs, gold_truth


MAXIMA = {f"c{i}": 4 for i in range(4)}


def test_beats_the_median_on_a_noisy_cohort():
    people, truths, obs, gold = _cohort()
    result = estimation.estimate(obs, maxima=MAXIMA, gold=gold)
    medians = estimation.median_grade([o for o in obs if isinstance(o.item, int)], MAXIMA)
    truth = dict(enumerate(truths))
    ours = simulation.accuracy({i: result.total(i)[0] for i in truth}, truth)
    median = simulation.accuracy({i: sum(medians[i].values()) for i in truth}, truth)
    assert ours[0] < median[0]  # RMSE
    assert ours[1] > median[1]  # within ±1


def test_bias_is_recovered_and_careless_reviewers_weigh_less():
    people, _truths, obs, gold = _cohort()
    result = estimation.estimate(obs, maxima=MAXIMA, gold=gold)
    careful = [p for p in people if not p.careless]
    harsh = min(careful, key=lambda p: p.bias)
    lenient = max(careful, key=lambda p: p.bias)
    assert result.reviewers[harsh.index].bias < 0 < result.reviewers[lenient.index].bias
    careless = [result.reviewers[p.index].reliability for p in people if p.careless]
    others = [result.reviewers[p.index].reliability for p in careful]
    assert sum(careless) / len(careless) < sum(others) / len(others)


def test_interval_contains_the_estimate_and_narrows_with_more_reviews():
    few = [Observation(r, "x", "c0", 3) for r in range(2)]
    many = [Observation(r, "x", "c0", 3) for r in range(8)]
    a = estimation.estimate(few, maxima={"c0": 4}).items["x"]["c0"]
    b = estimation.estimate(many, maxima={"c0": 4}).items["x"]["c0"]
    assert a.low <= a.mean <= a.high
    assert (b.high - b.low) < (a.high - a.low)


def test_disagreement_detection():
    split = [Observation("r1", "x", "c0", 0), Observation("r2", "x", "c0", 4)]
    agree = [Observation("r1", "x", "c0", 3), Observation("r2", "x", "c0", 3)]
    assert estimation.disagrees(estimation.estimate(split, maxima={"c0": 4}).items["x"], 2.0)
    assert not estimation.disagrees(estimation.estimate(agree, maxima={"c0": 4}).items["x"], 2.0)


def test_reputation_mixes_reliability_and_helpfulness():
    assert reputation.reputation_score(1.0, 5.0) == 100.0
    assert reputation.reputation_score(0.0, 1.0) == 0.0
    assert reputation.reputation_score(0.5, None) == 50.0
    assert reputation.shrunk_helpfulness(5.0, 1) < 5.0
    assert reputation.shrunk_helpfulness(None, 0) is None
