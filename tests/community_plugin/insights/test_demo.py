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
