"""The administrator's and operator's tools: Django admin pages and the XBlock workbench."""

import re

import pytest
from playwright.sync_api import expect

from tests.e2e.helpers import assert_accessible, login

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]

ADMIN_PAGES = [
    "/admin/",
    "/admin/dxq_community/space/",
    "/admin/dxq_matching/organization/",
    "/admin/auth/user/",
]


@pytest.mark.parametrize("path", ADMIN_PAGES)
def test_admin_pages_open_for_the_administrator(page, path):
    login(page, "admin")
    response = page.goto(path)
    assert response.status == 200
    expect(page.locator("html")).to_have_attribute("lang", "ja")
    assert_accessible(page)


def test_workbench_scenario_runs_for_the_operator(page):
    login(page, "operator")
    page.goto("/workbench/")
    expect(page.locator("h1")).to_have_text("XBlock ワークベンチ")
    assert_accessible(page)
    page.locator("main ul a").first.click()
    page.wait_for_url(re.compile(r"/workbench/scenario/"))
    expect(page.locator("main .preview")).to_be_visible()
    assert_accessible(page)


def test_missing_page_is_ours_in_japanese(page, guard):
    login(page, "learner1")
    guard.allow_console_error("status of 404")
    response = page.goto("/no-such-page/")
    assert response.status == 404
    expect(page.locator("h1")).to_have_text("ページが見つかりません")
    assert_accessible(page)
