"""What every metric needs: the period, the scope (a space or the program) and the result shape."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from zoneinfo import ZoneInfo

from django.conf import settings
from django.contrib.auth import get_user_model
from django.db.models import DateField, F, Func, Q

from casestudy_xblock import roles

from .. import stats


def local_zone():
    return ZoneInfo(settings.TIME_ZONE)


@dataclass(frozen=True)
class Period:
    """Days ``start``..``end`` (both included) in the site's time zone (Asia/Tokyo)."""

    start: dt.date
    end: dt.date

    @property
    def since(self):
        return dt.datetime.combine(self.start, dt.time.min, tzinfo=local_zone())

    @property
    def until(self):
        """The first instant after the period (exclusive bound)."""
        return dt.datetime.combine(
            self.end + dt.timedelta(days=1), dt.time.min, tzinfo=local_zone()
        )

    def previous(self):
        return Period(*stats.previous_period(self.start, self.end))

    def days(self):
        return stats.days(self.start, self.end)

    @property
    def length(self):
        return (self.end - self.start).days + 1


class LocalDay(Func):
    """The local calendar day of a UTC datetime column, computed natively by the database.

    The site's zone (Asia/Tokyo) has no daylight saving time, so the day is the date of the
    value shifted by the zone's fixed offset: no database time zone tables are needed (MariaDB's
    CONVERT_TZ returns NULL without them) and SQLite needs no Python function per row.
    """

    output_field = DateField()

    def __init__(self, expression, minutes):
        super().__init__(expression)
        self.minutes = int(minutes)

    def as_sqlite(self, compiler, connection, **extra):
        sql, params = compiler.compile(self.source_expressions[0])
        return f"date({sql}, %s)", [*params, f"{self.minutes:+d} minutes"]

    def as_mysql(self, compiler, connection, **extra):
        sql, params = compiler.compile(self.source_expressions[0])
        return f"DATE(DATE_ADD({sql}, INTERVAL %s MINUTE))", [*params, self.minutes]

    def as_postgresql(self, compiler, connection, **extra):
        sql, params = compiler.compile(self.source_expressions[0])
        return f"(({sql} AT TIME ZONE 'UTC') + (%s * INTERVAL '1 minute'))::date", [
            *params,
            self.minutes,
        ]


def local_day(field_name):
    """SQL expression: the local (Asia/Tokyo) calendar day of the datetime column."""
    offset = dt.datetime.now(local_zone()).utcoffset() or dt.timedelta(0)
    return LocalDay(F(field_name), offset.total_seconds() // 60)


@dataclass(frozen=True)
class Scope:
    """Where the metrics look: one space, or the whole program (``space`` None)."""

    space: object = None

    @property
    def space_id(self):
        return self.space.pk if self.space is not None else 0

    def threads(self, prefix=""):
        return Q(**{f"{prefix}space": self.space}) if self.space is not None else Q()

    def members(self, user_field="user"):
        """Rows whose ``user_field`` is a member of the space (a semi-join on memberships, so
        the user table is not joined)."""
        if self.space is None:
            return Q()
        from community_plugin.models import Membership

        members = Membership.objects.filter(space=self.space).values("user_id")
        return Q(**{f"{user_field}_id__in": members})


def staff_ids():
    """Ids of staff and course operators (their replies are not "peer" answers)."""
    users = get_user_model().objects
    return set(
        users.filter(
            Q(is_staff=True) | Q(is_superuser=True) | Q(groups__name=roles.GROUPS[roles.OPERATOR])
        ).values_list("pk", flat=True)
    )


@dataclass
class Metric:
    """One figure of the dashboard with its chart data and table."""

    key: str
    title: str
    description: str
    unit: str  # count | percent | hours | yen | average
    value: float | None
    previous: float | None = None
    chart: str = "column"  # column (a series over time) | bar (categories)
    points: list = field(default_factory=list)
    compare: list = field(default_factory=list)
    headers: list = field(default_factory=list)
    rows: list = field(default_factory=list)
    note: str = ""

    @property
    def trend(self):
        return stats.trend(self.value, self.previous)

    def display(self, value=None):
        value = self.value if value is None else value
        if value is None:
            return "–"
        if self.unit == "percent":
            return f"{value * 100:.1f}%"
        if self.unit == "yen":
            return f"¥{round(value):,}"
        if self.unit in ("hours", "average"):
            return f"{value:.1f}"
        return f"{round(value):,}"

    @property
    def display_previous(self):
        return self.display(self.previous) if self.previous is not None else "–"
