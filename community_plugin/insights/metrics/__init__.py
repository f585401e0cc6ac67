"""The community health dashboard: every metric of a scope (a space or the program) and period.

Each figure is computed with set-based queries (aggregations and correlated subqueries in the
database) or read from the daily rollups (:class:`..models.DailyActivity`); posts are never
loaded one by one into Python.
"""

from __future__ import annotations

from . import activity, answers, community
from .base import Metric, Period, Scope

__all__ = ["Metric", "Period", "Scope", "compute"]


def compute(space=None, start=None, end=None, now=None):
    """Every metric for ``space`` (None: the program) over ``start``..``end`` (local days)."""
    scope, period = Scope(space), Period(start, end)
    pairs = activity.contribution_pairs(scope, activity.contribution_window(period))
    metrics = [activity.stickiness(scope, period), activity.engaged_users(scope, period, pairs)]
    metrics.append(activity.new_contributors(scope, period))
    metrics.extend(build(period) for build in activity.posts_and_threads(scope))
    metrics.extend(answers.response_metrics(scope, period, now))
    metrics.append(answers.reciprocity(scope, period))
    metrics.append(answers.concentration(scope, period))
    metrics.append(activity.returning_contributors(scope, period, pairs))
    metrics.append(community.rsvp_attendance(scope, period))
    metrics.extend(community.flags(scope, period))
    metrics.append(community.skill_coverage(scope, period))
    metrics.append(community.feedback_counts(period))
    metrics.extend(community.costs(scope, period))
    return metrics
