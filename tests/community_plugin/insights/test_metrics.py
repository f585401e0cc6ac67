"""Each dashboard metric equals the figure computed by hand on the small world of world.py."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from community_plugin.discussions.models import Thread
from community_plugin.insights.metrics import compute
from community_plugin.insights.models import DailyActivity
from community_plugin.models import Space

from .world import END, NOW, START, at, build

pytestmark = pytest.mark.django_db


@pytest.fixture
def world():
    return build()


@pytest.fixture
def figures(world):
    return {m.key: m for m in compute(None, START, END, now=NOW)}


def test_stickiness_averages_dau_over_mau_per_day(figures):
    # 01-05: 2 of 3 (c visited on 12-20); 01-06: 1 of 3; five days 0 of 3.
    assert figures["stickiness"].value == pytest.approx((2 / 3 + 1 / 3) / 7)


def test_stickiness_days_are_rolled_up_once(world):
    compute(None, START, END, now=NOW)
    assert DailyActivity.objects.filter(space_id=0, day__range=(START, END)).count() == 7
    row = DailyActivity.objects.get(space_id=0, day=START)
    assert (row.daily_active, row.monthly_active) == (2, 3)


def test_daily_engaged_users(figures):
    # 3, 3, 1, 2, 2, 2 (a hidden thread and a reaction), 0
    assert figures["engaged_users"].value == pytest.approx(13 / 7)
    assert [n for _d, n in figures["engaged_users"].points] == [3, 3, 1, 2, 2, 2, 0]


def test_new_contributors(figures):
    assert figures["new_contributors"].value == 3  # c, d and op
    assert figures["new_contributors"].previous == 2  # a and b


def test_posts_and_threads(figures):
    assert figures["threads"].value == 5  # the hidden one is not counted
    assert figures["posts"].value == 7
    assert figures["threads"].previous == 1


def test_time_to_first_response(figures):
    metric = figures["first_response"]
    assert metric.value == pytest.approx(3.5)  # 0.5, 2, 5, 30 hours
    assert metric.previous == pytest.approx(1)
    assert [n for _label, n in metric.rows] == [1, 1, 1, 1, 1]  # <1, 1-4, 4-24, >24, none


def test_unanswered_rates(figures):
    assert figures["unanswered_24h"].value == pytest.approx(2 / 4)
    assert figures["unanswered_72h"].value == pytest.approx(1 / 4)


def test_unanswered_leaves_out_questions_too_young_to_tell(world):
    just_after = NOW.replace(year=2026, month=1, day=8, hour=20)
    figures = {m.key: m for m in compute(None, START, END, now=just_after)}
    # t4 (asked 01-08 10:00) is only 10 hours old: t1, t2, t3 remain, t3 late.
    assert figures["unanswered_24h"].value == pytest.approx(1 / 3)


def test_resolution_and_peer_answers(figures):
    assert figures["resolution"].value == pytest.approx(1 / 4)
    assert figures["peer_answers"].value == pytest.approx(2 / 3)


def test_reciprocity_and_concentration(figures):
    assert figures["reciprocity"].value == pytest.approx(3 / 4)
    assert figures["concentration"].value == pytest.approx(2 / 5)


def test_returning_contributors(figures):
    assert figures["returning_contributors"].value == pytest.approx(1.0)


def test_rsvp_attendance(figures):
    assert figures["rsvp_attendance"].value == pytest.approx(1 / 3)
    assert figures["rsvp_attendance"].rows == [("勉強会", 3, 1)]


def test_flags(figures):
    assert figures["flags_per_100"].value == pytest.approx(200 / 13)
    assert figures["flag_resolution"].value == pytest.approx(3)


def test_skill_tag_coverage(figures):
    assert figures["skill_coverage"].value == pytest.approx(2 / 5)


def test_feedback_counts(figures):
    assert figures["feedback"].value == 2
    assert figures["feedback"].previous == 1


def test_costs_per_active_member_and_completer(world):
    # No completion badge is defined in this world, so badges cannot tell who completed:
    # the operator-entered completer counts apply (the badges path is tested below).
    figures = {m.key: m for m in compute(None, START, END, now=NOW)}
    assert figures["cost_per_active"].value == pytest.approx(70_000 / 2)
    assert figures["cost_per_completer"].value == pytest.approx(70_000 / 7)


def test_a_space_sees_only_its_own_threads(world):
    other = Space.objects.create(slug="other", kind=Space.TEAM, name="Other")
    extra = Thread.objects.create(
        space=other, author=world.a, title="x", body_md="x", body_html="x"
    )
    Thread.objects.filter(pk=extra.pk).update(created=at(1, 8, 10))
    in_space = {m.key: m for m in compute(world.space, START, END, now=NOW)}
    program = {m.key: m for m in compute(None, START, END, now=NOW)}
    assert in_space["threads"].value == 5
    assert program["threads"].value == 6


def test_the_dashboard_query_count_does_not_grow_with_posts(world):
    compute(None, START, END, now=NOW)  # fills the rollups
    with CaptureQueriesContext(connection) as small:
        compute(None, START, END, now=NOW)
    for _ in range(3):
        build_more(world)
    with CaptureQueriesContext(connection) as large:
        compute(None, START, END, now=NOW)
    assert len(large.captured_queries) == len(small.captured_queries)


def build_more(world):
    from .world import _reply

    thread = Thread.objects.filter(space=world.space).first()
    for hour in range(10):
        _reply(thread, world.b, at(1, 6, hour))


def test_completers_come_from_the_badges_app_when_it_can_tell(world, monkeypatch):
    from community_plugin.badges import api as badges

    calls = []

    def completion_count(since, until):
        calls.append((since, until))
        return 14

    monkeypatch.setattr(badges, "completion_count", completion_count, raising=False)
    figures = {m.key: m for m in compute(None, START, END, now=NOW)}
    assert figures["cost_per_completer"].value == pytest.approx(70_000 / 14)
    assert calls[0][0].date() == START
    assert (
        "badges" in figures["cost_per_completer"].note
        or "バッジ" in figures["cost_per_completer"].note
    )
