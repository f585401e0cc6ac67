"""A learner finishes the demo case 「やまなみ精工のDX」 in the browser and finds the badge it
earns on "My badges", valid on its public page.

Everything between is real: each unit's completion in the workbench sends casestudy_xblock's
``case_unit_completed``; the badges receiver queues the rule check (Celery, eager here), which
awards and signs the demo badge class "ケーススタディ修了" once all six units are done.
learner2 holds a revoked award of that class from ``dxq_demo_badges``: finishing the case
awards a new one (re-award after revocation).
"""

import io
import re

import pytest
from django.core.management import call_command
from playwright.sync_api import expect

from casestudy_xblock import api as case_api
from casestudy_xblock.demo import case
from community_plugin.badges.models import Award
from tests.e2e.helpers import assert_accessible, login

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def demo_world(settings, tmp_path, live_server, demo_users):
    """The demo case (datasets profiled) and the demo badges, ids on the live server."""
    from django.core.cache import cache
    from workbench.runtime_util import reset_global_state

    reset_global_state()
    cache.clear()
    settings.MEDIA_ROOT = str(tmp_path / "media")
    settings.DXQ_DATASET_CACHE_DIR = str(tmp_path / "cache")
    settings.DXQ_BADGES_BASE_URL = live_server.url
    call_command("dxq_demo_case", stdout=io.StringIO())
    call_command("dxq_demo_badges", stdout=io.StringIO())
    yield demo_users
    from casestudy_xblock.datasets import query

    query.close_readers()


def correct_answer(unit, question):
    """What a learner who did the analysis would enter: the stored answer, or the value the
    question's SQL computes on the unit's data."""
    if question.get("expected_sql"):
        tables = {d["slug"]: d["sha256"] for d in unit["datasets"]}
        return case_api.evaluate_expression(question["expected_sql"], tables)
    return question["answer"]


def answer_unit(page, unit):
    block = page.locator(".dxq-case")
    for question in unit["questions"]:
        form = block.locator(f"form.dxq-question[data-question='{question['id']}']")
        answer = correct_answer(unit, question)
        if question["kind"] in ("single", "multiple"):
            for value in answer if isinstance(answer, list) else [answer]:
                form.locator(f"input[name=answer][value='{value}']").check()
        else:
            form.locator("input[name=answer]").fill(str(answer))
        form.locator("button[type=submit]").click()
        expect(form.locator("[data-role=feedback]")).to_have_class(
            "dxq-question__feedback is-correct"
        )


def test_a_learner_finishes_the_demo_case_and_sees_the_badge(page, demo_world):
    learner = demo_world["learner2"]
    assert not Award.objects.filter(
        recipient=learner, badge_class__slug="dxq-case-study", revoked_at__isnull=True
    ).exists()
    student = case_api.workbench_student_id(learner)
    login(page, "learner2")
    for number, unit in enumerate(case.blocks(), start=1):
        page.goto(f"/workbench/scenario/dxq_case.{number}/?student={student}")
        page.wait_for_load_state("networkidle")
        answer_unit(page, unit)
        live = Award.objects.filter(
            recipient=learner, badge_class__slug="dxq-case-study", revoked_at__isnull=True
        )
        assert live.exists() == (number == len(case.blocks())), f"after unit {number}"

    page.goto("/dxq/badges/mine/")
    award = Award.objects.get(
        recipient=learner, badge_class__slug="dxq-case-study", revoked_at__isnull=True
    )
    assert award.source == Award.SOURCE_RULE
    card = page.locator(f"#award-{award.public_id}")
    expect(card.locator("h2")).to_have_text("ケーススタディ修了")
    expect(card.locator(".dxq-status")).to_have_text("有効")
    expect(page.locator(".dxq-award[data-status=revoked]")).to_have_count(1)  # the demo's old one
    assert_accessible(page)

    card.get_by_role("link", name="検証ページ").click()
    page.wait_for_url(re.compile(rf"/dxq/badges/verify/{award.public_id}/$"))
    expect(page.locator("#dxq-badge-status")).to_have_text("有効")
    expect(page.locator(".dxq-check--failed")).to_have_count(0)
    assert_accessible(page)
