"""The pages, per role: who sees what, forms that keep the draft, actions."""

import pytest
from django.test import override_settings
from django.urls import reverse

from community_plugin.discussions import moderation, posting
from community_plugin.discussions.models import Flag, Thread

pytestmark = pytest.mark.django_db


@pytest.fixture
def thread(people):
    return posting.create_thread(
        people.learner1, people.space, kind="question", title="受注データの列", body="質問です"
    )


def page_as(client, user, url, **kwargs):
    if user is not None:
        client.force_login(user)
    return client.get(url, **kwargs)


URLS = {
    "index": lambda p, t: reverse("dxq_discussions:index"),
    "space": lambda p, t: reverse("dxq_discussions:space", args=[p.space.slug]),
    "new": lambda p, t: reverse("dxq_discussions:new", args=[p.space.slug]),
    "thread": lambda p, t: reverse("dxq_discussions:thread", args=[t.pk]),
}


@pytest.mark.parametrize("name", ["index", "space", "new", "thread"])
def test_anonymous_people_are_sent_to_login(client, people, thread, name):
    response = client.get(URLS[name](people, thread))
    assert response.status_code == 302
    assert "/login/" in response["Location"]


@pytest.mark.parametrize(
    ("who", "status"),
    [
        ("learner1", 200),
        ("learner2", 200),
        ("master", 200),
        ("operator", 200),
        ("admin", 200),
        ("company", 404),
        ("hub", 404),
        ("outsider", 404),
    ],
)
@pytest.mark.parametrize("name", ["space", "new", "thread"])
def test_space_pages_per_role(client, people, thread, who, status, name):
    response = page_as(client, getattr(people, who), URLS[name](people, thread))
    assert response.status_code == status


def test_index_lists_only_readable_spaces(client, people, thread):
    body = page_as(client, people.learner1, URLS["index"](people, thread)).content.decode()
    assert people.space.name in body
    assert people.other.name not in body
    body = page_as(client, people.company, URLS["index"](people, thread)).content.decode()
    assert people.space.name not in body


def test_space_list_shows_unanswered_badge_and_filters(client, people, thread):
    posting.create_thread(people.learner2, people.space, kind="idea", title="改善案", body="案")
    url = URLS["space"](people, thread)
    body = page_as(client, people.learner2, url).content.decode()
    assert "受注データの列" in body
    assert "改善案" in body
    assert "dxq-status--unanswered" in body
    body = client.get(url, {"kind": "idea"}).content.decode()
    assert "改善案" in body
    assert "受注データの列" not in body
    body = client.get(url, {"q": "受注"}).content.decode()
    assert "受注データの列" in body
    assert "改善案" not in body


def test_new_thread_form_posts_and_keeps_the_draft_on_error(client, people):
    client.force_login(people.learner1)
    url = reverse("dxq_discussions:new", args=[people.space.slug])
    draft = {"kind": "question", "title": "", "body": "消えてほしくない下書き"}
    response = client.post(url, draft)
    assert response.status_code == 400
    assert "消えてほしくない下書き" in response.content.decode()
    assert Thread.objects.count() == 0
    response = client.post(url, {**draft, "title": "題名", "skills": ["dss-p/v1/DU-2-1"]})
    thread = Thread.objects.get()
    assert response.status_code == 302
    assert response["Location"].endswith(f"/t/{thread.pk}/")
    assert thread.skills == ["dss-p/v1/DU-2-1"]


@override_settings(DXQ_DISCUSSIONS_POSTS_PER_MINUTE=1)
def test_rate_limited_reply_keeps_the_draft(client, people, thread):
    client.force_login(people.learner1)  # created the thread: one post this minute already
    url = reverse("dxq_discussions:thread", args=[thread.pk])
    response = client.post(url, {"body": "連投した返信の下書き"})
    assert response.status_code == 400
    body = response.content.decode()
    assert "連投した返信の下書き" in body
    assert 'role="alert"' in body


@override_settings(DXQ_DISCUSSIONS_MAX_BODY=10)
def test_oversize_reply_is_refused_with_the_draft_kept(client, people, thread):
    client.force_login(people.learner2)
    response = client.post(reverse("dxq_discussions:thread", args=[thread.pk]), {"body": "長" * 11})
    assert response.status_code == 400
    assert "長" * 11 in response.content.decode()


def test_reply_accept_and_react_through_the_page(client, people, thread):
    client.force_login(people.learner2)
    url = reverse("dxq_discussions:thread", args=[thread.pk])
    response = client.post(url, {"body": "**金額**の列です @learner1"})
    reply = thread.posts.get()
    assert response.status_code == 302
    assert response["Location"].endswith(f"#post-{reply.pk}")
    action = reverse("dxq_discussions:action", args=[thread.pk])
    assert client.post(action, {"action": "accept", "post": reply.pk}).status_code == 403
    client.force_login(people.learner1)
    client.post(action, {"action": "accept", "post": reply.pk})
    thread.refresh_from_db()
    assert thread.accepted_post == reply
    client.post(action, {"action": "react", "kind": "helpful", "post": reply.pk})
    body = client.get(url).content.decode()
    assert "<strong>金額</strong>" in body
    assert "dxq-post--accepted" in body
    assert 'aria-pressed="true"' in body


def test_members_cannot_moderate_masters_can(client, people, thread):
    action = reverse("dxq_discussions:action", args=[thread.pk])
    client.force_login(people.learner2)
    assert client.post(action, {"action": "hide"}).status_code == 403
    assert client.post(action, {"action": "pin"}).status_code == 403
    client.force_login(people.master)
    client.post(action, {"action": "pin"})
    client.post(action, {"action": "hide"})
    thread.refresh_from_db()
    assert thread.pinned
    assert thread.hidden
    client.force_login(people.learner2)
    assert client.get(URLS["thread"](people, thread)).status_code == 404
    client.force_login(people.learner1)  # the author still sees it, marked hidden
    assert client.get(URLS["thread"](people, thread)).status_code == 200


def test_flag_through_the_page(client, people, thread):
    client.force_login(people.learner2)
    action = reverse("dxq_discussions:action", args=[thread.pk])
    client.post(action, {"action": "flag", "reason": "rude", "note": "言い方"})
    assert Flag.objects.get().note == "言い方"


def test_edit_page_author_only(client, people, thread):
    url = reverse("dxq_discussions:edit_thread", args=[thread.pk])
    assert page_as(client, people.learner2, url).status_code == 403
    client.force_login(people.learner1)
    assert client.get(url).status_code == 200
    client.post(url, {"title": "直した題", "body": "直した本文"})
    body = client.get(URLS["thread"](people, thread)).content.decode()
    assert "直した題" in body
    assert "質問です" in body


@pytest.mark.parametrize(
    ("who", "status"),
    [("learner1", 403), ("master", 200), ("operator", 200), ("company", 403), ("hub", 403)],
)
def test_moderation_queue_page_per_role(client, people, who, status):
    assert (
        page_as(client, getattr(people, who), reverse("dxq_discussions:moderation")).status_code
        == status
    )


def test_operators_resolve_escalations_on_the_queue_page(client, people, thread):
    escalation = moderation.escalate(people.master, thread, None, "運営の判断が必要です")
    client.force_login(people.operator)
    url = reverse("dxq_discussions:moderation")
    assert "運営の判断が必要です" in client.get(url).content.decode()
    client.post(url, {"escalation": escalation.pk, "resolution": "対応済み"})
    escalation.refresh_from_db()
    assert escalation.resolved is not None


def test_attachments_only_for_readers_and_never_inline_unless_image(client, people):
    from django.core.files.uploadedfile import SimpleUploadedFile

    thread = posting.create_thread(
        people.learner1,
        people.space,
        kind="showcase",
        title="t",
        body="b",
        files=[SimpleUploadedFile("data.csv", b"a,b\n1,2\n", "text/csv")],
    )
    url = reverse("dxq_discussions:attachment", args=[thread.attachments.get().pk])
    assert page_as(client, people.outsider, url).status_code == 404
    response = page_as(client, people.learner2, url)
    assert response.status_code == 200
    assert response["Content-Disposition"].startswith("attachment")
    assert response["X-Content-Type-Options"] == "nosniff"


def test_script_and_markup_tricks_are_neutralised_on_the_page(client, people):
    thread = posting.create_thread(
        people.learner1,
        people.space,
        kind="idea",
        title='<script>alert("t")</script>',
        body='[a](javascript:alert(1)) <img src=x onerror=alert(2)> <iframe src="//evil"></iframe>'
        "\n\n![x](https://evil.example/x.png)",
    )
    client.force_login(people.learner2)
    body = client.get(reverse("dxq_discussions:thread", args=[thread.pk])).content.decode()
    assert '<script>alert("t")' not in body
    assert "&lt;script&gt;" in body
    assert "javascript:alert" not in body.replace("[a](javascript:alert(1))", "")
    assert "<img src=x" not in body
    assert "<iframe" not in body
    assert "evil.example" not in body


@override_settings(DXQ_DISCUSSIONS_MAX_ATTACHMENT_BYTES=1024)
def test_refused_attachment_on_the_page_keeps_the_draft(client, people):
    from django.core.files.uploadedfile import SimpleUploadedFile

    client.force_login(people.learner1)
    url = reverse("dxq_discussions:new", args=[people.space.slug])
    draft = {"kind": "showcase", "title": "分析結果の共有", "body": "グラフを添付します"}
    for upload in (
        SimpleUploadedFile("page.html", b"<script>alert(1)</script>", "text/html"),
        SimpleUploadedFile("big.png", b"\x89PNG\r\n\x1a\n" + b"\x00" * 2048, "image/png"),
    ):
        response = client.post(url, {**draft, "attachments": [upload]})
        body = response.content.decode()
        assert response.status_code == 400
        assert "分析結果の共有" in body
        assert "グラフを添付します" in body
        assert 'role="alert"' in body
    assert Thread.objects.count() == 0
