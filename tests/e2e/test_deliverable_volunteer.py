"""The coverage guarantee in the browser: a submission waits too long, the coverage task asks a
volunteer (the hub user, an alumna marked in the admin), who sees the request in the block,
reviews without a submission of her own, and the request disappears. Japanese, then English;
axe clean; nothing off the server."""

from datetime import timedelta

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from tests.e2e.helpers import assert_accessible, login, switch_language
from tests.e2e.test_deliverable_peer_review import (  # noqa: F401 (fixture)
    fresh_workbench,
    logout,
    open_scenario,
    review_next,
    usage_of,
)

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]

COURSE = "course-v1:dxq+workbench+demo"


def test_a_volunteer_answers_the_coverage_request(page, demo_users):
    from deliverable_xblock import api, coverage
    from deliverable_xblock.models import Assignment, Volunteer

    learner1, hub = demo_users["learner1"], demo_users["hub"]
    login(page, "learner1")
    open_scenario(page, learner1)  # the block gives the engine its settings and rubric
    usage = usage_of(page)
    api.submit(
        usage,
        COURSE,
        learner1,
        text_html="<p>二日前に出した計画</p>",
        now=timezone.now() - timedelta(hours=50),
    )
    Volunteer.objects.create(user=hub, course_key="")
    assert coverage.check_coverage(block_keys=[usage])["notified"] == 1
    logout(page)

    login(page, "hub")
    block = open_scenario(page, hub)
    section = block.locator("[data-section=review]")
    expect(section.locator("[data-role=review-invitation]")).to_contain_text(
        "仲間の成果物があなたのレビューを待っています"
    )
    expect(section.locator("[data-role=volunteer]")).to_contain_text("ボランティアのレビュアー")
    assert_accessible(page)
    switch_language(page, "en")
    block = page.locator(".dxq-deliv")
    expect(block.locator("[data-role=review-invitation]")).to_contain_text(
        "A peer's work is waiting for your review"
    )
    switch_language(page, "ja")
    block = page.locator(".dxq-deliv")
    assert "二日前に出した計画" in review_next(page, block)
    assignment = Assignment.objects.get(reviewer=hub)
    assert assignment.source == "volunteer"
    page.reload()
    expect(page.locator(".dxq-deliv [data-role=review-invitation]")).to_have_count(0)
    assert_accessible(page)
