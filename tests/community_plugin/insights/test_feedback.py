"""Feedback: sending from a page, spam limit, triage, reply email, merging, "you said, we did"."""

import pytest
from django.core import mail
from django.test import Client
from django.urls import reverse

from community_plugin.insights import feedback
from community_plugin.insights.models import FeedbackItem

pytestmark = pytest.mark.django_db


def signed_in(user):
    client = Client()
    client.force_login(user)
    return client


def test_the_form_is_prefilled_with_the_page_it_came_from(demo_accounts):
    client = signed_in(demo_accounts["learner1"])
    page = client.get(reverse("dxq_insights:feedback") + "?from=/workbench/scenario/dxq_case.1/")
    assert 'value="/workbench/scenario/dxq_case.1/"' in page.content.decode()
    page = client.get(reverse("dxq_insights:feedback"), HTTP_REFERER="http://testserver/home/")
    assert 'value="/home/"' in page.content.decode()


def test_page_path_keeps_only_this_sites_pages():
    assert feedback.page_path("https://evil.example/x", "testserver") == ""
    assert feedback.page_path("javascript:alert(1)", "testserver") == ""
    assert (
        feedback.page_path("/dxq/community/spaces/?a=1", "testserver")
        == "/dxq/community/spaces/?a=1"
    )


def test_sending_feedback(demo_accounts):
    client = signed_in(demo_accounts["learner1"])
    response = client.post(
        reverse("dxq_insights:feedback"),
        {
            "category": "content",
            "program": "case_study",
            "text": "ユニット2のデータ説明が欲しい",
            "page_url": "/workbench/scenario/dxq_case.1/",
            "contact": "",
        },
    )
    assert response.status_code == 302
    item = FeedbackItem.objects.get()
    assert (item.author, item.status, item.page_url) == (
        demo_accounts["learner1"],
        FeedbackItem.NEW,
        "/workbench/scenario/dxq_case.1/",
    )


def test_a_failed_form_keeps_the_text_and_says_why_in_japanese(demo_accounts):
    client = signed_in(demo_accounts["learner1"])
    response = client.post(
        reverse("dxq_insights:feedback"),
        {"category": "", "program": "general", "text": "書いた文章"},
    )
    text = response.content.decode()
    assert response.status_code == 200
    assert "書いた文章" in text
    assert "この項目は必須です" in text
    assert not FeedbackItem.objects.exists()


def test_rate_limit(demo_accounts, settings):
    settings.DXQ_INSIGHTS_FEEDBACK_PER_HOUR = 2
    client = signed_in(demo_accounts["learner1"])
    data = {"category": "other", "program": "general", "text": "連投"}
    for _ in range(2):
        assert client.post(reverse("dxq_insights:feedback"), data).status_code == 302
    response = client.post(reverse("dxq_insights:feedback"), data)
    assert response.status_code == 200
    assert "連投" in response.content.decode()
    assert FeedbackItem.objects.count() == 2


def test_triage_reply_and_publish(demo_accounts, django_capture_on_commit_callbacks):
    learner = demo_accounts["learner1"]
    item = FeedbackItem.objects.create(author=learner, category="content", text="字幕が欲しい")
    twin = FeedbackItem.objects.create(
        author=demo_accounts["learner2"], category="content", text="動画に字幕を"
    )
    operator = signed_in(demo_accounts["operator"])
    url = reverse("dxq_insights:feedback_item", args=[twin.pk])
    operator.post(url, {"status": "triaged", "duplicate_of": item.pk, "tags": ""})
    twin.refresh_from_db()
    assert twin.duplicate_of == item
    board = operator.get(reverse("dxq_insights:feedback_board")).content.decode()
    assert "動画に字幕を" not in board  # merged into the original

    url = reverse("dxq_insights:feedback_item", args=[item.pk])
    refused = operator.post(
        url,
        {"status": "planned", "published": "on", "public_said": "x", "public_did": "y", "tags": ""},
    )
    assert "完了した項目だけを公開できます" in refused.content.decode()

    with django_capture_on_commit_callbacks(execute=True):
        operator.post(
            url,
            {
                "status": "done",
                "owner": demo_accounts["operator"].pk,
                "tags": "動画, 字幕",
                "reply": "全動画に日本語字幕を付けました。",
                "published": "on",
                "public_said": "動画に字幕が欲しい",
                "public_did": "全動画に日本語字幕を付けました",
            },
        )
    item.refresh_from_db()
    assert item.status == "done"
    assert item.closed
    assert item.replied
    assert item.published
    assert item.tags == ["動画", "字幕"]
    assert sorted(m.to[0] for m in mail.outbox) == [
        demo_accounts["learner1"].email,
        demo_accounts["learner2"].email,
    ]
    assert "全動画に日本語字幕を付けました。" in mail.outbox[0].body

    mine = signed_in(learner).get(reverse("dxq_insights:my_feedback")).content.decode()
    assert "全動画に日本語字幕を付けました。" in mine
    theirs = signed_in(demo_accounts["learner2"]).get(reverse("dxq_insights:my_feedback"))
    assert "全動画に日本語字幕を付けました。" in theirs.content.decode()  # via the merge

    public = Client().get(reverse("dxq_insights:you_said_we_did")).content.decode()
    assert "動画に字幕が欲しい" in public
    assert "字幕が欲しい" in public
    assert learner.username not in public


def test_unpublished_items_stay_off_the_public_page(demo_accounts):
    FeedbackItem.objects.create(
        author=demo_accounts["learner1"],
        category="other",
        text="秘密の意見",
        status="done",
        public_said="非公開の要約",
        public_did="なし",
    )
    assert (
        "非公開の要約" not in Client().get(reverse("dxq_insights:you_said_we_did")).content.decode()
    )


@pytest.mark.parametrize("url", ["//evil.example/x", "/\\evil.example", "http://evil.example/"])
def test_page_path_refuses_ways_off_the_site(url):
    assert feedback.page_path(url, "testserver") == ""


def test_merging_follows_the_original_and_never_loops(demo_accounts):
    learner = demo_accounts["learner1"]
    first = FeedbackItem.objects.create(author=learner, category="content", text="一件目")
    second = FeedbackItem.objects.create(author=learner, category="content", text="二件目")
    third = FeedbackItem.objects.create(author=learner, category="content", text="三件目")
    operator = signed_in(demo_accounts["operator"])

    def merge(item, into):
        return operator.post(
            reverse("dxq_insights:feedback_item", args=[item.pk]),
            {"status": "triaged", "duplicate_of": into.pk, "tags": ""},
        )

    merge(second, first)
    # Merging into a duplicate merges into its original (one level, every sender replied to).
    merge(third, second)
    third.refresh_from_db()
    assert third.duplicate_of == first
    # Merging the original into its own duplicate is refused (both would vanish from the board).
    refused = merge(first, second)
    assert refused.status_code == 200
    assert "この項目に統合済みです" in refused.content.decode()
    first.refresh_from_db()
    second.refresh_from_db()
    assert first.duplicate_of is None
    assert second.duplicate_of == first
    board = operator.get(reverse("dxq_insights:feedback_board")).content.decode()
    assert "一件目" in board


def test_a_refused_triage_keeps_the_reply_and_says_why_in_japanese(demo_accounts):
    item = FeedbackItem.objects.create(
        author=demo_accounts["learner1"], category="content", text="字幕"
    )
    operator = signed_in(demo_accounts["operator"])
    refused = operator.post(
        reverse("dxq_insights:feedback_item", args=[item.pk]),
        {"status": "planned", "duplicate_of": 99999, "tags": "動画", "reply": "検討中です"},
    )
    text = refused.content.decode()
    assert refused.status_code == 200
    assert "#99999" in text
    assert "存在しません" in text
    assert "検討中です" in text
    assert 'value="動画"' in text
    item.refresh_from_db()
    assert (item.status, item.reply) == (FeedbackItem.NEW, "")
    learner_as_owner = operator.post(
        reverse("dxq_insights:feedback_item", args=[item.pk]),
        {"status": "triaged", "owner": demo_accounts["learner1"].pk, "tags": ""},
    )
    assert "正しく選択してください" in learner_as_owner.content.decode()
    item.refresh_from_db()
    assert item.owner is None
