"""A reviewer's reputation (0–100) from calibration reliability and helpfulness ratings. Pure.

Half of it comes from reliability (how close their scores are to gold and consensus, from
``estimation``), half from the mean helpfulness rating authors gave their reviews (1–5), shrunk
towards the middle while there are few ratings. Stored on ``ReviewerStats`` and so carried
across deliverables.
"""

PRIOR_RATINGS = 3.0  # pseudo-ratings at the middle (3 of 5)


def shrunk_helpfulness(mean, count):
    """Mean rating pulled towards 3 while ``count`` is small; None when there is none."""
    if not count or mean is None:
        return None
    return (mean * count + 3.0 * PRIOR_RATINGS) / (count + PRIOR_RATINGS)


def reputation_score(reliability, helpfulness):
    """0..100: reliability (0..1) and helpfulness (1..5, or None) weighted equally."""
    reliability = max(0.0, min(1.0, reliability if reliability is not None else 0.5))
    helpful = 0.5 if helpfulness is None else (max(1.0, min(5.0, helpfulness)) - 1.0) / 4.0
    return round(100.0 * (0.5 * reliability + 0.5 * helpful), 1)
