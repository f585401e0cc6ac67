"""The daily rollups give exactly the figures computed live from the discussion tables.

``compute(..., live=True)`` computes every day from the posts and stores nothing: the reference.
The rollup path stores closed days (DailyActivity, DailyContributor) and computes only today.
"""

import datetime as dt

import pytest

from community_plugin.discussions.models import Reaction, Thread
from community_plugin.insights.metrics import compute, daily
from community_plugin.insights.metrics.base import Scope
from community_plugin.insights.models import DailyActivity, DailyContributor
from community_plugin.insights.tasks import rollup_daily_activity

from .world import END, NOW, START, _reply, _thread, at, build

pytestmark = pytest.mark.django_db

#: "Now" in the middle of the period: 01-05..01-07 are closed days, 01-08 is today.
MIDWAY = at(1, 8, 18)


def figures(metrics):
    return {m.key: (m.value, m.previous, m.points, m.rows) for m in metrics}


def assert_same(rolled, live):
    rolled, live = figures(rolled), figures(live)
    assert rolled.keys() == live.keys()
    for key in live:
        assert rolled[key] == live[key], key


@pytest.fixture
def world():
    return build()


@pytest.mark.parametrize("in_space", [False, True])
def test_rollups_equal_the_live_figures(world, in_space):
    space = world.space if in_space else None
    live = compute(space, START, END, now=NOW, live=True)
    assert not DailyActivity.objects.exists()  # the live path writes nothing
    cold = compute(space, START, END, now=NOW)  # stores the closed days
    warm = compute(space, START, END, now=NOW)  # reads them
    assert_same(cold, live)
    assert_same(warm, live)
    assert DailyActivity.objects.filter(figures=True).count() == 7 + 7 + 7  # window: 3 weeks
    assert DailyContributor.objects.exists()


def test_a_day_straddling_the_rollup_boundary(world):
    # Activity from the last closed day into today: a question at 23:50 on 01-07, answered at
    # 00:10 on 01-08 (today), by someone whose very first contribution it is.
    newcomer = type(world.a).objects.create_user("e", "e@example.org", "pw")
    late = _thread(world.space, world.b, Thread.QUESTION, at(1, 7, 23, 50), skills=["x"])
    _reply(late, newcomer, at(1, 8, 0, 10))
    _reply(late, world.c, at(1, 8, 17))
    reaction = Reaction.objects.create(thread=late, user=world.d, kind=Reaction.HELPFUL)
    Reaction.objects.filter(pk=reaction.pk).update(created=at(1, 8, 9))
    live = compute(None, START, END, now=MIDWAY, live=True)
    cold = compute(None, START, END, now=MIDWAY)
    warm = compute(None, START, END, now=MIDWAY)
    assert_same(cold, live)
    assert_same(warm, live)
    stored = set(DailyActivity.objects.values_list("day", flat=True))
    assert dt.date(2026, 1, 7) in stored
    assert dt.date(2026, 1, 8) not in stored  # today is never stored
    by_key = {m.key: m for m in warm}
    points = dict(by_key["new_contributors"].points)
    assert points["01/08"] == 2  # d (his first thread) and e, counted live today
    # Today's replies appear at once in the warm dashboard.
    _reply(late, world.a, at(1, 8, 17, 30))
    assert_same(
        compute(None, START, END, now=MIDWAY), compute(None, START, END, now=MIDWAY, live=True)
    )


def test_a_backdated_post_counts_after_the_nightly_recompute(world):
    compute(None, START, END, now=NOW)  # every day of the window is stored
    thread = Thread.objects.get(space=world.space, created=at(1, 9, 10))
    newcomer = type(world.a).objects.create_user("e", "e@example.org", "pw")
    _reply(thread, newcomer, at(1, 10, 20))  # imported late, dated 01-10
    stale = {m.key: m for m in compute(None, START, END, now=NOW)}
    live = compute(None, START, END, now=NOW, live=True)
    # Stored days are immutable for the dashboard: the late post is not seen yet...
    assert stale["posts"].value == {m.key: m for m in live}["posts"].value - 1
    # ...until the beat task recomputes the last DXQ_INSIGHTS_ROLLUP_REFRESH_DAYS days.
    assert rollup_daily_activity.run(END.isoformat()) == END.isoformat()
    assert_same(compute(None, START, END, now=NOW), live)


def test_a_post_older_than_the_refresh_window_is_not_recounted(world, settings):
    settings.DXQ_INSIGHTS_ROLLUP_REFRESH_DAYS = 2
    compute(None, START, END, now=NOW)
    thread = Thread.objects.get(space=world.space, created=at(1, 9, 10))
    _reply(thread, world.b, at(1, 9, 20))  # 01-09: three days before END
    rollup_daily_activity.run(END.isoformat())  # recomputes 01-10 and 01-11 only
    posts = {m.key: m for m in compute(None, START, END, now=NOW)}["posts"]
    assert posts.value == 7  # the hand-computed figure, without the late reply
    assert dict(posts.points)["01/09"] == 1


def test_rows_without_the_contribution_figures_are_recomputed(world):
    # A row written before the figures existed (DAU/MAU only) is completed, not trusted.
    DailyActivity.objects.create(space_id=0, day=START, daily_active=2, monthly_active=3)
    metrics = compute(None, START, END, now=NOW)
    assert_same(metrics, compute(None, START, END, now=NOW, live=True))
    row = DailyActivity.objects.get(space_id=0, day=START)
    assert row.figures
    assert row.threads == 1
    assert (row.daily_active, row.monthly_active) == (2, 3)


def test_the_refresh_replaces_the_stored_days(world):
    scope = Scope(None)
    daily.refresh(scope, END, count=3)
    first = set(DailyContributor.objects.values_list("day", "user_id", "contributions"))
    daily.refresh(scope, END, count=3)  # idempotent: replaced, not added
    assert set(DailyContributor.objects.values_list("day", "user_id", "contributions")) == first
    days = (END - dt.timedelta(days=2), END)
    assert DailyActivity.objects.filter(day__range=days).count() == 3
    live = daily.DayFigures(scope, *days)
    for row in DailyActivity.objects.filter(day__range=days):
        assert {name: getattr(row, name) for name in daily.TOTALS} == live.totals[row.day]
    # 01-09..01-11: d replied on 01-09 (his first day was 01-08, so not new), d's hidden
    # question (01-10) counts as a contribution but not as a thread, c reacted on 01-10.
    assert live.totals[dt.date(2026, 1, 10)]["threads"] == 0
    assert live.totals[dt.date(2026, 1, 10)]["contributions"] == 1
    assert live.totals[dt.date(2026, 1, 10)]["engaged"] == 2
    assert live.totals[dt.date(2026, 1, 9)]["new_contributors"] == 0
