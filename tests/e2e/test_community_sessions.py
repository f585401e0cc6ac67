"""A learner RSVPs to the upcoming study session and sees the count change; the notification
badge in the header counts a new mention. ja and en; axe clean; nothing leaves the server."""

import io
import re

import pytest
from django.core.management import call_command
from playwright.sync_api import expect

from community_plugin import api
from community_plugin.models import StudySession
from tests.e2e.helpers import assert_accessible, login, switch_language

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]

GOING = {"ja": "参加", "en": "Going"}


@pytest.fixture
def community(demo_users):
    call_command("dxq_demo_community", stdout=io.StringIO())
    return StudySession.objects.get(title="需要予測モデル勉強会")


@pytest.mark.parametrize("lang", ["ja", "en"])
def test_learner_rsvps_going_and_sees_the_count_change(page, community, lang):
    login(page, "learner1")
    if lang != "ja":
        switch_language(page, lang)
    page.goto("/dxq/community/spaces/")
    assert_accessible(page)
    page.get_by_role("link", name=community.space.name).click()
    expect(page.locator("h1")).to_have_text(community.space.name)
    assert_accessible(page)
    page.get_by_role("link", name=community.title).click()
    expect(page.locator("h1")).to_have_text(community.title)
    expect(page.locator("text=JST").first).to_be_visible()
    going = page.get_by_test_id("going-count")
    expect(going).to_have_text("2")
    assert_accessible(page)
    page.get_by_role("button", name=GOING[lang], exact=True).click()
    expect(page.get_by_test_id("going-count")).to_have_text("3")
    expect(page.locator(".dxq-message--success")).to_be_visible()
    expect(page.get_by_role("button", name=GOING[lang], exact=True)).to_have_attribute(
        "aria-pressed", "true"
    )
    expect(page.locator("html")).to_have_attribute("lang", lang)
    assert_accessible(page)


def test_full_session_says_so_in_japanese(page, community):
    community.capacity = 2
    community.save()
    login(page, "learner1")
    page.goto(f"/dxq/community/sessions/{community.pk}/")
    page.get_by_role("button", name="参加", exact=True).click()
    expect(page.locator(".dxq-message--error")).to_contain_text("定員 2 人に達しました")
    expect(page.get_by_test_id("going-count")).to_have_text("2")
    assert_accessible(page)


@pytest.mark.parametrize("lang", ["ja", "en"])
def test_notification_badge_after_a_mention(page, community, demo_users, lang):
    login(page, "learner1")
    if lang != "ja":
        switch_language(page, lang)
    badge = page.get_by_test_id("unread-badge")
    expect(badge).to_contain_text("1")  # the demo's mention
    api.notify(
        [demo_users["learner1"].pk],
        kind="mention",
        actor=demo_users["master"],
        space=community.space,
        title="@learner1 勉強会で発表しませんか？",
        url=f"/dxq/community/sessions/{community.pk}/",
    )
    page.reload()
    expect(page.get_by_test_id("unread-badge")).to_contain_text("2")
    page.get_by_test_id("notifications-link").click()
    page.wait_for_url("**/dxq/community/notifications/")
    assert_accessible(page)
    page.get_by_role("link", name="@learner1 勉強会で発表しませんか？").click()
    expect(page).to_have_url(re.compile(rf"/dxq/community/sessions/{community.pk}/$"))
    expect(page.get_by_test_id("unread-badge")).to_contain_text("1")


def test_badge_after_a_mention_in_a_discussion_thread(browser, live_server, guard, page, community):
    """The community master mentions learner1 in a new question; learner1's badge counts it."""
    from django.urls import NoReverseMatch, reverse

    try:
        new_thread = reverse("dxq_discussions:new", args=[community.space.slug])
    except NoReverseMatch:
        pytest.skip("community_plugin.discussions has no new-thread page on this tree")
    master = browser.new_context(base_url=live_server.url, locale="ja-JP")
    guard.attach(master)  # the second browser may not leave the server either
    try:
        master_page = master.new_page()
        login(master_page, "master")
        master_page.goto(new_thread)
        master_page.select_option("#id_kind", "question")
        master_page.fill("#id_title", "欠損値の補完、どうしていますか？")
        master_page.fill("#id_body", "@learner1 前回の勉強会のやり方を共有してもらえますか？")
        with master_page.expect_navigation():
            master_page.locator("main form.dxq-form button[type=submit]").click()
    finally:
        master.close()
    login(page, "learner1")
    expect(page.get_by_test_id("unread-badge")).to_contain_text("2")  # the demo's + this one
    page.get_by_test_id("notifications-link").click()
    page.wait_for_url("**/dxq/community/notifications/")
    expect(page.get_by_role("link", name="欠損値の補完、どうしていますか？")).to_be_visible()
    assert_accessible(page)


def test_one_click_unsubscribe_without_logging_in(page, demo_users):
    from community_plugin import emails, notifications

    learner = demo_users["learner1"]
    link = emails.unsubscribe_url(learner.pk, "digest").replace("http://127.0.0.1:8000", "")
    page.goto(link)
    assert_accessible(page)
    page.get_by_role("button", name="配信停止").click()
    expect(page.locator(".dxq-message--success")).to_contain_text("週刊ダイジェスト")
    assert_accessible(page)
    assert notifications.preferences(learner)["digest"] == "off"
