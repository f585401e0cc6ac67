"""Activity: DAU/MAU, daily engaged users, new and returning contributors, posts and threads.

Every figure here reads the per-day rollups through :class:`.daily.Daily` (stored closed days,
today live); nothing here queries the posts directly.
"""

from __future__ import annotations

import datetime as dt

from django.utils import timezone
from django.utils.translation import gettext as _

from .. import stats
from .base import Metric, local_zone
from .daily import active_counts, refresh  # noqa: F401  (the beat task's entry points)


def today(now=None):
    return (now or timezone.now()).astimezone(local_zone()).date()


def window(period):
    """The days whose figures the activity metrics of ``period`` read (with the previous
    period and the week before it, for week-over-week returning contributors)."""
    return type(period)(period.previous().start - dt.timedelta(days=7), period.end)


def _average(values):
    values = [v for v in values if v is not None]
    return sum(values) / len(values) if values else None


def stickiness(daily, period):
    def ratios(p):
        return [(d, stats.share(dau, mau)) for d, dau, mau in daily.active(p)]

    now, before = ratios(period), ratios(period.previous())
    return Metric(
        "stickiness",
        _("DAU/MAU (stickiness)"),
        _(
            "People active on a day divided by people active in the 30 days up to it, averaged "
            "over the period's days (Discourse's definition; active means signed in and used "
            "the suite that day)."
        ),
        "percent",
        _average(v for _d, v in now),
        _average(v for _d, v in before),
        points=[(d.strftime("%m/%d"), round((v or 0) * 100, 1)) for d, v in now],
        headers=[_("Day"), _("DAU/MAU (%)")],
        rows=[(d.isoformat(), round(v * 100, 1) if v is not None else "") for d, v in now],
    )


def engaged_users(daily, period):
    now = daily.series("engaged", period)
    before = daily.series("engaged", period.previous())
    return Metric(
        "engaged_users",
        _("Daily engaged users"),
        _(
            "People who posted (a thread or a reply) or reacted on a day (Discourse's "
            "definition); the figure is the average per day."
        ),
        "average",
        stats.mean([n for _d, n in now]),
        stats.mean([n for _d, n in before]),
        points=[(d.strftime("%m/%d"), n) for d, n in now],
        headers=[_("Day"), _("Engaged users")],
        rows=[(d.isoformat(), n) for d, n in now],
    )


def new_contributors(daily, period):
    rows = daily.series("new_contributors", period)
    return Metric(
        "new_contributors",
        _("New contributors"),
        _("People whose first thread or reply was posted in the period (Discourse's definition)."),
        "count",
        sum(n for _d, n in rows),
        sum(n for _d, n in daily.series("new_contributors", period.previous())),
        points=[(d.strftime("%m/%d"), n) for d, n in rows],
        headers=[_("Day"), _("New contributors")],
        rows=[(d.isoformat(), n) for d, n in rows],
    )


def posts_and_threads(daily, period):
    """Threads per day and replies per day (visible ones)."""

    def build(key, column, title, description):
        now = daily.series(column, period)
        before = daily.series(column, period.previous())
        return Metric(
            key,
            title,
            description,
            "count",
            sum(n for _d, n in now),
            sum(n for _d, n in before),
            points=[(d.strftime("%m/%d"), n) for d, n in now],
            headers=[_("Day"), title],
            rows=[(d.isoformat(), n) for d, n in now],
        )

    return [
        build(
            "threads",
            "threads",
            _("Threads"),
            _("New threads (questions, ideas, showcases, events) in the period."),
        ),
        build(
            "posts", "replies", _("Replies"), _("New replies in the period (hidden ones excluded).")
        ),
    ]


def _weekly_contributors(daily, period):
    """Contributor sets of the week before the period and of each 7-day week in it."""
    return period.start - dt.timedelta(days=7), daily.weekly_contributors(period)


def returning_contributors(daily, period):
    def compute(p):
        start, sets = _weekly_contributors(daily, p)
        return start, stats.returning_share(sets)

    start, now = compute(period)
    _start, before = compute(period.previous())
    labels = [(start + dt.timedelta(days=7 * i)).strftime("%m/%d") for i, _v in now]
    return Metric(
        "returning_contributors",
        _("Week-over-week returning contributors"),
        _(
            "Of the people who contributed in a week (7 days), the share who contributed again "
            "the next week; averaged over the period's weeks."
        ),
        "percent",
        _average(v for _i, v in now),
        _average(v for _i, v in before),
        points=[
            (label, round((v or 0) * 100, 1)) for label, (_i, v) in zip(labels, now, strict=True)
        ],
        headers=[_("Week starting"), _("Returning (%)")],
        rows=[
            (label, round(v * 100, 1) if v is not None else "")
            for label, (_i, v) in zip(labels, now, strict=True)
        ],
    )
