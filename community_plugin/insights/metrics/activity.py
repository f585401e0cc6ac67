"""Activity: DAU/MAU, daily engaged users, new and returning contributors, posts and threads."""

from __future__ import annotations

import datetime as dt
from collections import defaultdict

from django.db.models import Count, Min
from django.utils import timezone
from django.utils.translation import gettext as _

from community_plugin.discussions.models import Post, Reaction, Thread

from .. import stats
from ..models import DailyActivity, Visit
from .base import Metric, local_day, local_zone


def today():
    return timezone.now().astimezone(local_zone()).date()


def active_counts(scope, day):
    """(people active on ``day``, people active in the 30 days ending on ``day``): 2 queries."""
    visits = Visit.objects.filter(scope.members())
    daily = visits.filter(day=day).values("user").distinct().count()
    monthly = (
        visits.filter(day__range=(day - dt.timedelta(days=29), day))
        .values("user")
        .distinct()
        .count()
    )
    return daily, monthly


def rollup(scope, day):
    """Store the closed ``day``'s active counts for ``scope`` (the beat task calls this)."""
    daily, monthly = active_counts(scope, day)
    DailyActivity.objects.update_or_create(
        space_id=scope.space_id,
        day=day,
        defaults={"daily_active": daily, "monthly_active": monthly},
    )
    return daily, monthly


def stickiness_series(scope, period):
    """[(day, DAU, MAU)] from the daily rollups; a missing closed day is computed and stored."""
    stored = {
        row.day: (row.daily_active, row.monthly_active)
        for row in DailyActivity.objects.filter(
            space_id=scope.space_id, day__range=(period.start, period.end)
        )
    }
    current = today()
    series = []
    for day in period.days():
        if day > current:
            break
        if day not in stored:
            stored[day] = rollup(scope, day) if day < current else active_counts(scope, day)
        series.append((day, *stored[day]))
    return series


def stickiness(scope, period):
    def ratios(p):
        return [(d, stats.share(dau, mau)) for d, dau, mau in stickiness_series(scope, p)]

    now, before = ratios(period), ratios(period.previous())

    def average(points):
        values = [v for _d, v in points if v is not None]
        return sum(values) / len(values) if values else None

    return Metric(
        "stickiness",
        _("DAU/MAU (stickiness)"),
        _(
            "People active on a day divided by people active in the 30 days up to it, averaged "
            "over the period's days (Discourse's definition; active means signed in and used "
            "the suite that day)."
        ),
        "percent",
        average(now),
        average(before),
        points=[(d.strftime("%m/%d"), round((v or 0) * 100, 1)) for d, v in now],
        headers=[_("Day"), _("DAU/MAU (%)")],
        rows=[(d.isoformat(), round(v * 100, 1) if v is not None else "") for d, v in now],
    )


def contribution_pairs(scope, period):
    """Distinct (local day, author id) pairs of threads and replies in ``period``."""
    return _contribution_pairs(scope, period)


def _contribution_pairs(scope, period):
    """Distinct (day, user) pairs of threads and replies in the period (2 queries)."""
    pairs = set()
    threads = Thread.objects.filter(
        scope.threads(), created__gte=period.since, created__lt=period.until
    )
    posts = Post.objects.filter(
        scope.threads("thread__"), created__gte=period.since, created__lt=period.until
    )
    for queryset in (threads, posts):
        pairs.update(
            queryset.annotate(day=local_day("created")).values_list("day", "author_id").distinct()
        )
    return pairs


def _daily_distinct(pairs, period):
    per_day = defaultdict(set)
    for day, user in pairs:
        per_day[day].add(user)
    return [(day, len(per_day.get(day, ()))) for day in period.days()]


def _within(pairs, p):
    return {(day, user) for day, user in pairs if p.start <= day <= p.end}


def contribution_window(period):
    """The days whose contributions the engaged and returning metrics of ``period`` read."""
    return type(period)(period.previous().start - dt.timedelta(days=7), period.end)


def engaged_users(scope, period, pairs=None):
    """``pairs``: contribution pairs of :func:`contribution_window` (fetched when None)."""
    if pairs is None:
        pairs = _contribution_pairs(scope, contribution_window(period))

    def series(p):
        pairs_p = _within(pairs, p)
        reactions = Reaction.objects.filter(
            scope.threads("thread__"), created__gte=p.since, created__lt=p.until
        )
        pairs_p.update(
            reactions.annotate(day=local_day("created")).values_list("day", "user_id").distinct()
        )
        return _daily_distinct(pairs_p, p)

    now, before = series(period), series(period.previous())
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


def _first_contributions(scope, until):
    """{user id: first contribution time} over threads and replies before ``until`` (2 queries)."""
    first = {}
    threads = Thread.objects.filter(scope.threads(), created__lt=until)
    posts = Post.objects.filter(scope.threads("thread__"), created__lt=until)
    for queryset in (threads, posts):
        for user, when in (
            queryset.values("author_id")
            .annotate(first=Min("created"))
            .values_list("author_id", "first")
        ):
            if user not in first or when < first[user]:
                first[user] = when
    return first


def new_contributors(scope, period):
    first = _first_contributions(scope, period.until)
    zone = local_zone()

    def count(p):
        return sum(1 for when in first.values() if p.since <= when < p.until)

    per_day = defaultdict(int)
    for when in first.values():
        if period.since <= when < period.until:
            per_day[when.astimezone(zone).date()] += 1
    rows = [(d, per_day.get(d, 0)) for d in period.days()]
    return Metric(
        "new_contributors",
        _("New contributors"),
        _("People whose first thread or reply was posted in the period (Discourse's definition)."),
        "count",
        count(period),
        count(period.previous()),
        points=[(d.strftime("%m/%d"), n) for d, n in rows],
        headers=[_("Day"), _("New contributors")],
        rows=[(d.isoformat(), n) for d, n in rows],
    )


def _daily_counts(queryset, period):
    counts = dict(
        queryset.filter(created__gte=period.since, created__lt=period.until)
        .annotate(day=local_day("created"))
        .values("day")
        .annotate(n=Count("pk"))
        .values_list("day", "n")
    )
    return [(d, counts.get(d, 0)) for d in period.days()]


def posts_and_threads(scope):
    """Two metric builders: replies per day and threads per day."""

    def build(key, title, description, queryset):
        def metric(period):
            now = _daily_counts(queryset, period)
            before = _daily_counts(queryset, period.previous())
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

        return metric

    return [
        build(
            "threads",
            _("Threads"),
            _("New threads (questions, ideas, showcases, events) in the period."),
            Thread.objects.filter(scope.threads(), hidden=False),
        ),
        build(
            "posts",
            _("Replies"),
            _("New replies in the period (hidden ones excluded)."),
            Post.objects.filter(scope.threads("thread__"), hidden=False),
        ),
    ]


def _weekly_contributors(pairs, period):
    """Contributor sets of the week before the period and of each 7-day week in it."""
    start = period.start - dt.timedelta(days=7)
    weeks = (period.end - start).days // 7 + 1
    sets = [set() for _ in range(weeks)]
    for day, user in _within(pairs, type(period)(start, period.end)):
        sets[(day - start).days // 7].add(user)
    return start, sets


def returning_contributors(scope, period, pairs=None):
    """``pairs``: contribution pairs of :func:`contribution_window` (fetched when None)."""
    if pairs is None:
        pairs = _contribution_pairs(scope, contribution_window(period))

    def compute(p):
        start, sets = _weekly_contributors(pairs, p)
        return start, stats.returning_share(sets)

    start, now = compute(period)
    _start, before = compute(period.previous())

    def average(points):
        values = [v for _i, v in points if v is not None]
        return sum(values) / len(values) if values else None

    labels = [(start + dt.timedelta(days=7 * i)).strftime("%m/%d") for i, _v in now]
    return Metric(
        "returning_contributors",
        _("Week-over-week returning contributors"),
        _(
            "Of the people who contributed in a week (7 days), the share who contributed again "
            "the next week; averaged over the period's weeks."
        ),
        "percent",
        average(now),
        average(before),
        points=[
            (label, round((v or 0) * 100, 1)) for label, (_i, v) in zip(labels, now, strict=True)
        ],
        headers=[_("Week starting"), _("Returning (%)")],
        rows=[
            (label, round(v * 100, 1) if v is not None else "")
            for label, (_i, v) in zip(labels, now, strict=True)
        ],
    )
