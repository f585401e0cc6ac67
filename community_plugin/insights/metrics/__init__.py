"""The community health dashboard: every metric of a scope (a space or the program) and period.

Per-day and per-person figures come from the daily rollups (:mod:`.daily`: closed days stored
once, today computed live); per-thread figures (first response, resolution) and flags are
set-based queries over the period's threads. Posts are never loaded one by one into Python, and
the number of queries does not depend on the number of posts.
"""

from __future__ import annotations

from . import activity, answers, community
from .base import Metric, Period, Scope
from .daily import Daily

__all__ = ["Metric", "Period", "Scope", "compute"]


def compute(space=None, start=None, end=None, now=None, live=False):
    """Every metric for ``space`` (None: the program) over ``start``..``end`` (local days).

    ``live=True`` computes every day from the discussion tables without reading or writing the
    rollups (the reference the rollups are tested against).
    """
    scope, period = Scope(space), Period(start, end)
    window = activity.window(period)
    daily = Daily(scope, window.start, window.end, activity.today(now), live=live)
    people = answers.people(daily, period)
    metrics = [activity.stickiness(daily, period), activity.engaged_users(daily, period)]
    metrics.append(activity.new_contributors(daily, period))
    metrics.extend(activity.posts_and_threads(daily, period))
    metrics.extend(answers.response_metrics(scope, period, now))
    metrics.append(answers.reciprocity(people))
    metrics.append(answers.concentration(people))
    metrics.append(activity.returning_contributors(daily, period))
    metrics.append(community.rsvp_attendance(scope, period))
    metrics.extend(community.flags(scope, period, daily))
    metrics.append(community.skill_coverage(period, daily))
    metrics.append(community.feedback_counts(period))
    metrics.extend(community.costs(scope, period))
    return metrics
