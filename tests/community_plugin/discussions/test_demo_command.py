"""dxq_demo_discussions: realistic threads in the demo cohort, idempotent."""

import pytest
from django.core.management import call_command

from community_plugin import api as community
from community_plugin.discussions import api
from community_plugin.discussions.models import Flag, Post, Thread
from community_plugin.models import Notification
from conf.portal import demo

pytestmark = pytest.mark.django_db


def test_demo_threads_are_loaded_once(demo_accounts):
    call_command("dxq_demo_discussions")
    call_command("dxq_demo_discussions")
    space = community.course_space(demo.DEMO_COURSE_KEY)
    threads = Thread.objects.filter(space=space)
    assert sorted(threads.values_list("kind", flat=True)) == [
        "idea",
        "question",
        "question",
        "question",
        "showcase",
    ]
    assert threads.filter(accepted_post__isnull=False).count() == 1
    assert Post.objects.filter(thread__space=space).count() == 6
    assert Flag.objects.filter(resolved__isnull=True).count() == 1
    assert community.is_community_master(demo_accounts["master"], space)
    assert Notification.objects.filter(user=demo_accounts["learner1"], kind="mention").exists()
    learner = demo_accounts["learner1"]
    found = api.search(learner, "文字化け")
    assert [t["title"] for t in found] == ["従業員意識調査のCSVが文字化けします"]
    titles = {t["title"] for t in api.unanswered_questions(space)}
    assert "設備ごとの不良率を月別に出したい" in titles
