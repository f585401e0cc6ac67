"""Badges in the browser: "My badges" (download a baked PNG, privacy switch), the public
verification page in Japanese and English, and revocation by the administrator in Django admin
showing on that page at once. Every page is axe-checked; the guard fails any off-server request
(the LinkedIn link is a plain link nobody follows here)."""

import json
from pathlib import Path

import pytest
from playwright.sync_api import expect

from community_plugin.badges import api, baking, documents_ob2
from community_plugin.badges.models import Award, BadgeClass, Issuer
from tests.e2e.conftest import TIMEOUT_MS
from tests.e2e.helpers import assert_accessible, login, switch_language

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def badge_award(live_server, settings, demo_users):
    """learner1's badge, signed with ids on the live server's origin."""
    from django.core.cache import cache

    cache.clear()
    settings.DXQ_BADGES_BASE_URL = live_server.url
    issuer = Issuer.objects.create(
        slug="dxq",
        name="マナビDX Quest 事務局",
        url=live_server.url + "/",
        email="badges@dxquest.example",
    )
    api.setup_issuer(issuer)
    badge = BadgeClass.objects.create(
        issuer=issuer,
        slug="case-study",
        name_ja="ケーススタディ修了",
        name_en="Case study completed",
        description_ja="データ付きケーススタディを修了しました。",
        description_en="Completed a case study with data.",
        criteria_ja="すべてのユニットを修了し、**成果物**が承認されること。",
        criteria_en="Complete every unit; the **deliverable** is approved.",
        skills=["dss-p/v1/BT-1-1"],
        tags=["DX"],
    )
    return api.award(badge, demo_users["learner1"], source="manual", language="ja")


def test_learner_downloads_baked_png_and_switches_privacy(
    page, browser, live_server, guard, badge_award
):
    login(page, "learner1")
    page.goto("/dxq/badges/mine/")
    expect(page.locator("h1")).to_have_text("マイバッジ")
    card = page.locator(f"#award-{badge_award.public_id}")
    expect(card.locator("h2")).to_have_text("ケーススタディ修了")
    expect(card.locator(".dxq-status")).to_have_text("有効")
    linkedin = card.get_by_role("link", name="LinkedInのプロフィールに追加")
    assert linkedin.get_attribute("href").startswith("https://www.linkedin.com/profile/add?")
    assert_accessible(page)

    with page.expect_download() as download_info:
        card.get_by_role("link", name="Open Badges 2.0 画像（PNG）").click()
    download = download_info.value
    png = Path(download.path()).read_bytes()
    assert baking.image_kind(png) == "png"
    baked = json.loads(baking.unbake(png, 2))
    assert baked == documents_ob2.hosted_assertion(badge_award)
    assert baked["id"] == badge_award.assertion_url

    # The form posts and comes back to this same address: wait for the new page, not the URL.
    with page.expect_navigation(url="**/dxq/badges/mine/"):
        card.get_by_role("button", name="「ケーススタディ修了」を非公開にする").click()
    expect(page.locator(".dxq-messages")).to_contain_text("非公開にしました")
    expect(card).to_contain_text("非公開：検証ページを見られるのはあなただけです。")
    assert not Award.objects.get(pk=badge_award.pk).public
    assert_accessible(page)

    visitor = browser.new_context(base_url=live_server.url, locale="ja-JP")
    visitor.set_default_timeout(TIMEOUT_MS)
    guard.attach(visitor)
    guard.allow_console_error("404 (Not Found)")  # the private page's status, logged by Chromium
    try:
        response = visitor.new_page().goto(f"/dxq/badges/verify/{badge_award.public_id}/")
        assert response.status == 404
    finally:
        visitor.close()

    with page.expect_navigation(url="**/dxq/badges/mine/"):
        card.get_by_role("button", name="「ケーススタディ修了」を公開にする").click()
    expect(card).to_contain_text("公開：リンクを知っている人は誰でも検証ページを見られます。")
    assert Award.objects.get(pk=badge_award.pk).public


@pytest.mark.parametrize("lang", ["ja", "en"])
def test_anonymous_visitor_verifies_a_badge(page, badge_award, lang):
    response = page.goto(f"/dxq/badges/verify/{badge_award.public_id}/")
    assert response.status == 200
    if lang == "en":
        switch_language(page, "en")
    name = {"ja": "ケーススタディ修了", "en": "Case study completed"}[lang]
    expect(page.locator("h1")).to_have_text(name)
    expect(page.locator("#dxq-badge-status")).to_have_text({"ja": "有効", "en": "Valid"}[lang])
    expect(page.locator(".dxq-check--ok")).to_have_count(6)
    expect(page.locator(".dxq-check--failed")).to_have_count(0)
    expect(page.locator(".dxq-criteria strong")).to_be_visible()
    skill = {"ja": "ビジネス戦略策定・実行", "en": "Business strategy formulation and execution"}
    expect(page.get_by_role("link", name=skill[lang])).to_be_visible()
    expect(page.locator(".dxq-lead").first).to_contain_text("山田")
    assert_accessible(page)


def test_revocation_in_admin_shows_on_the_verification_page(
    page, browser, live_server, guard, badge_award
):
    verify_path = f"/dxq/badges/verify/{badge_award.public_id}/"
    visitor = browser.new_context(base_url=live_server.url, locale="ja-JP")
    visitor.set_default_timeout(TIMEOUT_MS)
    guard.attach(visitor)
    try:
        public_page = visitor.new_page()
        public_page.goto(verify_path)
        expect(public_page.locator("#dxq-badge-status")).to_have_text("有効")

        login(page, "admin")
        page.goto("/admin/dxq_badges/award/")
        page.locator(f"input[name=_selected_action][value='{badge_award.pk}']").check()
        page.select_option("select[name=action]", "revoke")
        page.locator("button[name=index]").click()
        page.fill("#id_reason", "試験での不正が判明したため")
        page.locator("input[type=submit]").click()
        expect(page.locator(".messagelist")).to_contain_text("1 件のバッジを失効させました。")
        assert Award.objects.get(pk=badge_award.pk).is_revoked

        public_page.reload()
        expect(public_page.locator("#dxq-badge-status")).to_have_text("失効")
        expect(public_page.locator("main")).to_contain_text("試験での不正が判明したため")
        expect(public_page.locator("[data-check=status]")).to_have_class("dxq-check--failed")
        assert_accessible(public_page)
        hosted = public_page.request.get(badge_award.assertion_url)
        assert hosted.status == 410
        assert hosted.json()["revoked"] is True
    finally:
        visitor.close()
