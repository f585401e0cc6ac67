"""The demo command loads enough history for every chart, once."""

import io

import pytest
from django.core.management import call_command

from community_plugin.discussions.models import Post, Thread
from community_plugin.insights.models import FeedbackItem, Response, Survey

pytestmark = pytest.mark.django_db


def test_demo_loads_every_kind_of_figure_once(demo_accounts):
    out = io.StringIO()
    call_command("dxq_demo_insights", stdout=out)
    assert "loaded" in out.getvalue()
    threads, posts = Thread.objects.count(), Post.objects.count()
    assert threads > 50
    assert posts > 100
    assert set(FeedbackItem.objects.values_list("status", flat=True)) == {
        code for code, _label in FeedbackItem.STATUS_CHOICES
    }
    assert FeedbackItem.objects.filter(published=True).count() >= 3
    closed = Survey.objects.get(slug="case-study-exit-2025")
    assert Response.objects.filter(survey=closed, submitted_on__isnull=False).count() >= 50
    assert (
        Survey.objects.filter(slug__in=["graduate-follow-up", "company-outcome-survey"]).count()
        == 2
    )
    call_command("dxq_demo_insights", stdout=io.StringIO())
    assert Thread.objects.count() == threads
    assert Post.objects.count() == posts


def test_every_chart_of_the_default_dashboard_shows_real_figures(demo_accounts):
    from community_plugin.insights.forms import default_period
    from community_plugin.insights.metrics import compute
    from community_plugin.insights.metrics.activity import today

    call_command("dxq_demo_insights", stdout=io.StringIO())
    start, end = default_period(today())
    for metric in compute(None, start, end):
        assert metric.value is not None, metric.key
        assert metric.previous is not None, metric.key
        assert metric.rows, metric.key
        assert any(value for _label, value in metric.points), metric.key


def test_the_demo_cohort_has_costs_of_its_own(demo_accounts):
    """The community masters' fees are recorded against the demo cohort's space, so its
    dashboard shows a cost per active member (and no cost per completer: program only)."""
    from community_plugin.insights.forms import default_period
    from community_plugin.insights.metrics import compute
    from community_plugin.insights.metrics.activity import today
    from community_plugin.insights.models import CostEntry

    call_command("dxq_demo_insights", stdout=io.StringIO())
    from community_plugin.models import Space

    spaces = set(CostEntry.objects.exclude(space=None).values_list("space", flat=True))
    assert len(spaces) == 1
    start, end = default_period(today())
    figures = {m.key: m for m in compute(Space.objects.get(pk=spaces.pop()), start, end)}
    assert figures["cost_per_active"].value
    assert figures["cost_per_completer"].value is None
