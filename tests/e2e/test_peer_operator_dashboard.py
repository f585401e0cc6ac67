"""The peer-review operator pages in the browser: dashboard, one deliverable with its coverage
chart and reliability, English by the header's switch, the XLSX export; a learner is refused.
Japanese first; axe clean; nothing off the server."""

import io
from datetime import timedelta

import pytest
from django.utils import timezone
from openpyxl import load_workbook
from playwright.sync_api import expect

from deliverable_xblock import api, grading
from tests.deliverable_xblock.peer_support import BLOCK, COMMENTS, COURSE, RUBRIC, scores
from tests.e2e.helpers import assert_accessible, login, switch_language

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def reviewed(demo_users, django_user_model):
    api.configure(BLOCK, COURSE, required_reviews=2, calibration_items=0)
    api.publish_rubric(BLOCK, RUBRIC)
    start = timezone.now() - timedelta(days=3)
    learners = [demo_users["learner1"], demo_users["learner2"]] + [
        django_user_model.objects.create_user(f"peer{i}", password="x") for i in range(2)
    ]
    for i, user in enumerate(learners):
        api.submit(BLOCK, COURSE, user, text_html="<p>plan</p>", now=start + timedelta(hours=i))
    made = 0
    for i, user in enumerate(learners):
        for _ in range(2):
            lease = api.request_review(BLOCK, user, now=start + timedelta(hours=5 + i))
            if lease is None:  # only their own work is left
                break
            made += 1
            api.submit_review(
                lease.id,
                user,
                scores=scores(2 + i % 2),
                comments=COMMENTS,
                now=start + timedelta(hours=6 + i),
            )
    grading.regrade_block(BLOCK)
    return made


def test_operator_reads_the_dashboard_and_exports(page, reviewed):
    login(page, "operator")
    page.goto("/dxq/deliverable/operator/")
    expect(page.locator("h1")).to_have_text("ピアレビュー：運営ダッシュボード")
    expect(page.locator("[data-testid=peer-deliverables] tbody tr")).to_have_count(1)
    assert_accessible(page)
    page.locator("[data-testid=peer-deliverables] a").click()
    expect(page.locator("h1")).to_have_text("成果物のピアレビュー")
    expect(page.locator("svg.dxq-chart")).to_be_visible()
    expect(page.locator("[data-testid=peer-submissions] tbody tr")).to_have_count(4)
    expect(page.locator("[data-testid=peer-alpha]")).to_contain_text("すべての観点")
    assert_accessible(page)
    switch_language(page, "en")
    expect(page.locator("h1")).to_have_text("Peer review of a deliverable")
    expect(page.locator("[data-testid=peer-reviewers]")).to_contain_text("learner1")
    assert_accessible(page)
    with page.expect_download() as download_info:
        page.locator("[data-testid=export-xlsx]").click()
    download = download_info.value
    assert download.suggested_filename.endswith(".xlsx")
    book = load_workbook(io.BytesIO(download.path().read_bytes()))
    assert book["reviews"].max_row == 1 + reviewed * 5  # each review: 4 criteria + feedback


def test_learner_is_refused(page, reviewed, guard):
    guard.allow_console_error("403")
    login(page, "learner1")
    response = page.goto("/dxq/deliverable/operator/")
    assert response.status == 403
