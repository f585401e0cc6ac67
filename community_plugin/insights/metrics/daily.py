"""Per-day rollups: each closed day's contribution figures, stored once, and today's, live.

A day's figures (:func:`figures`) are computed set-based with a fixed number of queries for any
range of days: threads and replies grouped by (local day, author), reactions by (local day,
person), and who contributed before the range (for new contributors). Closed days are stored in
:class:`..models.DailyActivity` (the day's totals) and :class:`..models.DailyContributor` (one row
per person and day); today is never stored. :class:`Daily` gives the metrics one view over both:
stored days from the tables (per-person figures aggregated in the database), today (or, with
``live=True``, every day) from memory.

Stored days are immutable for the dashboard; the beat task recomputes the last
``DXQ_INSIGHTS_ROLLUP_REFRESH_DAYS`` closed days on every run, so a late change (a backdated post,
a post hidden by a moderator) within that window is counted; an older one is not.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict

from django.conf import settings
from django.db import IntegrityError, connection, transaction
from django.db.models import Aggregate, Count, F, Func, IntegerField, Min, Q, Sum

from community_plugin.discussions.models import Post, Reaction, Thread

from .. import stats
from ..models import DailyActivity, DailyContributor, Visit
from .base import Period, local_day

#: The per-day totals stored in DailyActivity besides DAU/MAU.
TOTALS = ("threads", "replies", "contributions", "tagged", "new_contributors", "engaged")
#: The per-person figures of a day: index in the lists of :attr:`DayFigures.people`.
CONTRIBUTIONS, REACTIONS, QUESTIONS, ANSWERS = range(4)
#: Above this many authors in a range, "contributed before" scans instead of listing ids.
_MAX_LISTED_AUTHORS = 20_000


def refresh_days():
    return int(getattr(settings, "DXQ_INSIGHTS_ROLLUP_REFRESH_DAYS", 3))


class DayFigures:
    """Figures of days ``start``..``end`` computed from the discussion tables (5 queries)."""

    def __init__(self, scope, start, end):
        span = Period(start, end)
        self.days = span.days()
        self.totals = {day: dict.fromkeys(TOTALS, 0) for day in self.days}
        self.people = defaultdict(lambda: [0, 0, 0, 0])  # (day, user id) -> figures
        window = Q(created__gte=span.since, created__lt=span.until)
        threads = (
            Thread.objects.filter(scope.threads(), window)
            .annotate(day=local_day("created"))
            .values("day", "author_id")
            .annotate(
                n=Count("pk"),
                visible=Count("pk", filter=Q(hidden=False)),
                untagged=Count("pk", filter=Q(hidden=False, skills=[])),
                questions=Count("pk", filter=Q(hidden=False, kind=Thread.QUESTION)),
            )
            .order_by()
            .values_list("day", "author_id", "n", "visible", "untagged", "questions")
        )
        for day, user, n, visible, untagged, questions in threads:
            totals = self.totals[day]
            totals["threads"] += visible
            totals["tagged"] += visible - untagged
            totals["contributions"] += n
            person = self.people[(day, user)]
            person[CONTRIBUTIONS] += n
            person[QUESTIONS] += questions
        answer = Q(hidden=False, thread__kind=Thread.QUESTION) & ~Q(author=F("thread__author"))
        posts = (
            Post.objects.filter(scope.threads("thread__"), window)
            .annotate(day=local_day("created"))
            .values("day", "author_id")
            .annotate(
                n=Count("pk"),
                visible=Count("pk", filter=Q(hidden=False)),
                answers=Count("pk", filter=answer),
            )
            .order_by()
            .values_list("day", "author_id", "n", "visible", "answers")
        )
        for day, user, n, visible, answers in posts:
            totals = self.totals[day]
            totals["replies"] += visible
            totals["contributions"] += n
            person = self.people[(day, user)]
            person[CONTRIBUTIONS] += n
            person[ANSWERS] += answers
        reactions = (
            Reaction.objects.filter(scope.threads("thread__"), window)
            .annotate(day=local_day("created"))
            .values_list("day", "user_id")
            .order_by()
            .distinct()
        )
        for day, user in reactions:
            self.people[(day, user)][REACTIONS] = 1
        first_day = {}
        for (day, user), person in self.people.items():
            self.totals[day]["engaged"] += 1
            if person[CONTRIBUTIONS] and (user not in first_day or day < first_day[user]):
                first_day[user] = day
        earlier = _contributed_before(scope, span.since, list(first_day))
        for user, day in first_day.items():
            if user not in earlier:
                self.totals[day]["new_contributors"] += 1


def _contributed_before(scope, moment, users):
    """Ids among ``users`` with a thread or reply in the scope before ``moment`` (2 queries).

    The listed authors are looked up by the author index alone (grouped by author and space,
    the earliest time compared in HAVING, the space kept in Python): a condition on the space
    or the time would make the databases scan every earlier post of the space instead.
    """
    threads = Thread.objects.values("author_id", in_space=F("space_id"))
    posts = Post.objects.values("author_id", in_space=F("thread__space_id"))
    if len(users) <= _MAX_LISTED_AUTHORS:
        threads, posts = threads.filter(author_id__in=users), posts.filter(author_id__in=users)
    found = set()
    for queryset in (threads, posts):
        found.update(
            user
            for user, space in queryset.order_by()
            .annotate(first=Min("created"))
            .filter(first__lt=moment)
            .values_list("author_id", "in_space")
            if scope.space is None or space == scope.space_id
        )
    return found


def active_counts(scope, day):
    """(people active on ``day``, people active in the 30 days ending on ``day``): 1 query."""
    counts = Visit.objects.filter(
        scope.members(), day__range=(day - dt.timedelta(days=29), day)
    ).aggregate(
        daily=Count("user_id", distinct=True, filter=Q(day=day)),
        monthly=Count("user_id", distinct=True),
    )
    return counts["daily"], counts["monthly"]


def store(scope, start, end, days=None):
    """Compute and store the closed days ``start``..``end`` (only ``days`` of them if given),
    replacing what was stored for them. Returns the stored DailyActivity rows by day."""
    computed = DayFigures(scope, start, end)
    wanted = set(computed.days if days is None else days)
    rows = {}
    for day in sorted(wanted):
        daily, monthly = active_counts(scope, day)
        rows[day] = DailyActivity(
            space_id=scope.space_id,
            day=day,
            daily_active=daily,
            monthly_active=monthly,
            figures=True,
            **computed.totals[day],
        )
    adapt = connection.ops.adapt_datefield_value
    people = [
        (scope.space_id, adapt(day), user, *person)
        for (day, user), person in computed.people.items()
        if day in wanted
    ]
    try:
        with transaction.atomic():
            DailyActivity.objects.filter(space_id=scope.space_id, day__in=wanted).delete()
            DailyContributor.objects.filter(space_id=scope.space_id, day__in=wanted).delete()
            DailyActivity.objects.bulk_create(rows.values())
            _insert_people(people)
    except IntegrityError:
        pass  # another view (or the beat task) stored the same days meanwhile
    return rows


def _insert_people(people):
    """Insert DailyContributor rows (space, day, user, contributions, reactions, questions,
    answers) with one ``executemany``: tens of thousands of rows on a cold fill, where model
    instances and ``bulk_create`` cost several times more."""
    if not people:
        return
    table = DailyContributor._meta.db_table
    fields = ("space_id", "day", "user_id", "contributions", "reactions", "questions", "answers")
    quote = connection.ops.quote_name
    # Only the model's own table and column names are interpolated (quoted); values are bound.
    sql = (
        f"INSERT INTO {quote(table)} ({', '.join(quote(f) for f in fields)}) "  # noqa: S608
        f"VALUES ({', '.join(['%s'] * len(fields))})"
    )
    with connection.cursor() as cursor:
        for begin in range(0, len(people), 5000):
            cursor.executemany(sql, people[begin : begin + 5000])


def refresh(scope, last_day, count=None):
    """The beat task's job: recompute the ``count`` closed days ending on ``last_day``."""
    count = refresh_days() if count is None else count
    return store(scope, last_day - dt.timedelta(days=max(1, count) - 1), last_day)


class BitOr(Aggregate):
    """Bitwise OR of integers (MariaDB, PostgreSQL); SQLite, which lacks it, sums the distinct
    values, which is the same for single bits."""

    function = "BIT_OR"
    name = "BitOr"
    output_field = IntegerField()
    allow_distinct = True

    def as_sqlite(self, compiler, connection, **extra):
        summed = self.copy()
        summed.function, summed.distinct = "SUM", True
        return summed.as_sql(compiler, connection, **extra)


class WeekBit(Func):
    """``1 << (whole weeks from start to the day)``: OR-ed per person, the set of weeks."""

    output_field = IntegerField()

    def __init__(self, expression, start):
        super().__init__(expression)
        self.start = start.isoformat()

    def as_sqlite(self, compiler, connection, **extra):
        sql, params = compiler.compile(self.source_expressions[0])
        return (
            f"(1 << (CAST(julianday({sql}) - julianday(%s) AS INTEGER) / 7))",
            [*params, self.start],
        )

    def as_mysql(self, compiler, connection, **extra):
        sql, params = compiler.compile(self.source_expressions[0])
        return f"(1 << (DATEDIFF({sql}, %s) DIV 7))", [*params, self.start]

    def as_postgresql(self, compiler, connection, **extra):
        sql, params = compiler.compile(self.source_expressions[0])
        return f"(1::bigint << (({sql} - %s::date) / 7))", [*params, self.start]


class Daily:
    """Every day's figures of ``start``..``end`` for a scope: stored closed days (a missing or
    outdated one is computed and stored), today live. ``live=True``: every day from memory, no
    table read or written (the reference the rollups are tested against)."""

    def __init__(self, scope, start, end, today, live=False):
        self.scope, self.today, self.live = scope, today, live
        self.rows = {}
        self.memory = None
        self.stored_through = None
        self._people = {}
        closed_end = min(end, today - dt.timedelta(days=1))
        if live:
            last = min(end, today)
            if start <= last:
                self.memory = DayFigures(scope, start, last)
                for day in self.memory.days:
                    self.rows[day] = {
                        **self.memory.totals[day],
                        "active": active_counts(scope, day),
                    }
            return
        if start <= closed_end:
            self.stored_through = closed_end
            stored = DailyActivity.objects.filter(
                space_id=scope.space_id, day__range=(start, closed_end), figures=True
            )
            found = {row.day: row for row in stored}
            missing = [d for d in stats.days(start, closed_end) if d not in found]
            if missing:
                found.update(store(scope, missing[0], missing[-1], missing))
            for day, row in found.items():
                self.rows[day] = {name: getattr(row, name) for name in TOTALS}
                self.rows[day]["active"] = (row.daily_active, row.monthly_active)
        if start <= today <= end:
            self.memory = DayFigures(scope, today, today)
            self.rows[today] = {**self.memory.totals[today], "active": active_counts(scope, today)}

    # -- per-day figures -------------------------------------------------------------------
    def total(self, name, day):
        row = self.rows.get(day)
        return row[name] if row else 0

    def series(self, name, period):
        return [(day, self.total(name, day)) for day in period.days()]

    def active(self, period):
        """[(day, DAU, MAU)] up to today."""
        return [
            (day, *self.rows[day]["active"])
            for day in period.days()
            if day <= self.today and day in self.rows
        ]

    # -- per-person figures ----------------------------------------------------------------
    def _in_memory(self, start, end):
        if self.memory is None:
            return []
        return [
            (day, user, person)
            for (day, user), person in self.memory.people.items()
            if start <= day <= end
        ]

    def load_people(self, periods):
        """Per-person figures of each of ``periods`` in one query over the stored days:
        questions asked and answers given in the period, and the 7-day weeks (from the week
        before the period) in which the person contributed, as a bit set OR-ed in SQL."""
        self._people = {}
        columns = {}
        spans = {p: (p.start - dt.timedelta(days=7), p.end) for p in periods}
        for i, p in enumerate(periods):
            start, end = spans[p]
            in_period = Q(day__gte=p.start, day__lte=p.end)
            columns[f"q{i}"] = Sum("questions", filter=in_period)
            columns[f"a{i}"] = Sum("answers", filter=in_period)
            columns[f"w{i}"] = BitOr(
                WeekBit("day", start),
                filter=Q(day__gte=start, day__lte=end, contributions__gt=0),
            )
        results = [
            (defaultdict(lambda: [0, 0]), [set() for _ in range((e - s).days // 7 + 1)])
            for s, e in spans.values()
        ]
        first = min(s for s, _e in spans.values())
        last = max(e for _s, e in spans.values())
        if self.stored_through is not None and first <= min(last, self.stored_through):
            rows = (
                DailyContributor.objects.filter(
                    space_id=self.scope.space_id, day__range=(first, min(last, self.stored_through))
                )
                .order_by()
                .values("user_id")
                .annotate(**columns)
                .values_list("user_id", *columns)
            )
            by_mask = [defaultdict(list) for _ in periods]  # bit set -> people, per period
            for user, *values in rows:
                for i, (answers, _weeks) in enumerate(results):
                    asked, answered, mask = values[3 * i : 3 * i + 3]
                    if asked or answered:
                        answers[user][0] += int(asked or 0)
                        answers[user][1] += int(answered or 0)
                    if mask:
                        by_mask[i][int(mask)].append(user)
            for (_answers, weeks), masks in zip(results, by_mask, strict=True):
                for mask, users in masks.items():
                    for week, contributors in enumerate(weeks):
                        if mask >> week & 1:
                            contributors.update(users)
        for (p, (start, end)), (answers, weeks) in zip(spans.items(), results, strict=True):
            for day, user, person in self._in_memory(start, end):
                if p.start <= day and (person[QUESTIONS] or person[ANSWERS]):
                    answers[user][0] += person[QUESTIONS]
                    answers[user][1] += person[ANSWERS]
                if person[CONTRIBUTIONS]:
                    weeks[(day - start).days // 7].add(user)
            self._people[p] = (answers, weeks)

    def questions_and_answers(self, period):
        """{user id: [questions asked, answers given]} over the period (people with either)."""
        if period not in self._people:
            self.load_people([period])
        return self._people[period][0]

    def weekly_contributors(self, period):
        """Contributor sets of the week before the period and of each 7-day week in it."""
        if period not in self._people:
            self.load_people([period])
        return self._people[period][1]
