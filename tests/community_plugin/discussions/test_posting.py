"""Threads, replies, mentions, notifications, reactions, acceptance, edits, attachments."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import override_settings

from community_plugin.discussions import moderation, posting, reactions
from community_plugin.discussions.errors import Forbidden, Invalid, RateLimited
from community_plugin.discussions.models import (
    Attachment,
    EditRevision,
    Reaction,
    Subscription,
    Thread,
)
from community_plugin.models import Notification

pytestmark = pytest.mark.django_db

PNG = b"\x89PNG\r\n\x1a\n" + b"\x00" * 32


def _question(people, body="受注データの納期遅延日数はどう読みますか？"):
    return posting.create_thread(
        people.learner1, people.space, kind="question", title="納期遅延の見方", body=body
    )


def notified(user, kind):
    return Notification.objects.filter(user=user, kind=kind).count()


def test_thread_renders_sanitised_markdown(people):
    thread = posting.create_thread(
        people.learner1,
        people.space,
        kind="idea",
        title="<b>見出し</b>",
        body="# 案\n\n<script>alert(1)</script> [x](javascript:alert(1)) "
        "<img src=x onerror=alert(1)> ![p](https://evil.example/p.png) **太字**",
    )
    html = thread.body_html
    assert "<strong>太字</strong>" in html
    assert "<h3>案</h3>" in html  # headings sit under the page's own h1/h2
    assert "<script" not in html
    assert 'href="javascript' not in html
    assert "<img" not in html
    assert "evil.example" not in html
    assert "&lt;script&gt;" in html
    assert thread.title == "<b>見出し</b>"  # titles are text; templates escape them


def test_reply_notifies_asker_mentions_and_followers(people):
    thread = _question(people)
    posting.set_subscription(people.master, thread, "follow")
    posting.reply(people.learner2, thread, body="@learner1 さん、納期と出荷日の差です。")
    assert notified(people.learner1, "mention") == 1
    assert notified(people.learner1, "answer") == 0  # told once, as a mention
    assert notified(people.master, "reply") == 1
    assert notified(people.learner2, "reply") == 0  # never about one's own reply
    posting.reply(people.master, thread, body="補足です。")
    assert notified(people.learner1, "answer") == 1
    assert notified(people.learner2, "reply") == 1  # repliers follow the thread


def test_cohort_mention_reaches_space_members_only(people):
    posting.create_thread(
        people.master, people.space, kind="event", title="勉強会", body="@cohort 明日やります"
    )
    assert notified(people.learner1, "mention") == 1
    assert notified(people.learner2, "mention") == 1
    assert notified(people.outsider, "mention") == 0
    assert notified(people.master, "mention") == 0


def test_mentioning_someone_outside_the_space_notifies_nobody(people):
    posting.create_thread(
        people.learner1, people.space, kind="idea", title="t", body="@outsider @company 見て"
    )
    assert Notification.objects.filter(kind="mention").count() == 0


def test_muted_threads_stay_quiet(people):
    thread = _question(people)
    posting.set_subscription(people.learner1, thread, "mute")
    posting.reply(people.learner2, thread, body="@learner1 回答です")
    assert Notification.objects.filter(user=people.learner1).count() == 0


def test_accept_and_worked_for_me(people):
    thread = _question(people)
    answer = posting.reply(people.learner2, thread, body="出荷日 - 納期 です。")
    with pytest.raises(Forbidden):
        reactions.accept(people.learner2, thread, answer)
    reactions.accept(people.learner1, thread, answer)
    thread.refresh_from_db()
    assert thread.accepted_post == answer
    assert notified(people.learner2, "accepted") == 1
    assert reactions.toggle(people.master, thread, answer, Reaction.WORKED) is True
    assert reactions.toggle(people.master, thread, answer, Reaction.WORKED) is False
    with pytest.raises(Forbidden):
        reactions.toggle(people.learner2, thread, answer, Reaction.HELPFUL)  # own reply
    with pytest.raises(Invalid):
        reactions.toggle(people.learner2, thread, None, Reaction.WORKED)  # not for the question
    reactions.accept(people.learner1, thread, None)
    thread.refresh_from_db()
    assert thread.accepted_post is None


def test_only_questions_accept(people):
    idea = posting.create_thread(people.learner1, people.space, kind="idea", title="t", body="b")
    reply = posting.reply(people.learner2, idea, body="いいですね")
    with pytest.raises(Invalid):
        reactions.accept(people.learner1, idea, reply)


def test_same_question_reaction_once_per_person(people):
    thread = _question(people)
    assert reactions.toggle(people.learner2, thread, None, Reaction.SAME_QUESTION)
    assert Reaction.objects.filter(thread=thread, post=None).count() == 1
    assert not reactions.toggle(people.learner2, thread, None, Reaction.SAME_QUESTION)
    assert Reaction.objects.count() == 0


def test_edit_history_keeps_every_version(people):
    thread = _question(people, body="最初の文")
    posting.edit_thread(people.learner1, thread, title="新しい題", body="二つ目の文")
    posting.edit_thread(people.learner1, thread, title="新しい題", body="三つ目の文")
    revisions = list(EditRevision.objects.filter(thread=thread, post=None))
    assert [r.body_md for r in revisions] == ["最初の文", "二つ目の文"]
    assert revisions[0].title == "納期遅延の見方"
    with pytest.raises(Forbidden):
        posting.edit_thread(people.learner2, thread, title="x", body="y")
    reply = posting.reply(people.learner2, thread, body="a")
    posting.edit_post(people.learner2, reply, body="b")
    assert EditRevision.objects.get(post=reply).body_md == "a"


@override_settings(DXQ_DISCUSSIONS_MAX_BODY=50)
def test_oversize_text_is_refused_with_a_clear_message(people):
    with pytest.raises(Invalid, match="長すぎます") as caught:
        _question(people, body="あ" * 51)
    assert caught.value.field == "body"
    assert Thread.objects.count() == 0


def test_empty_title_and_unknown_kind_or_skill(people):
    with pytest.raises(Invalid):
        posting.create_thread(people.learner1, people.space, kind="question", title=" ", body="b")
    with pytest.raises(Invalid):
        posting.create_thread(people.learner1, people.space, kind="poll", title="t", body="b")
    with pytest.raises(Invalid):
        posting.create_thread(
            people.learner1, people.space, kind="idea", title="t", body="b", skills=["bogus"]
        )


def test_attachments_are_checked_by_their_bytes(people):
    thread = posting.create_thread(
        people.learner1,
        people.space,
        kind="showcase",
        title="グラフ",
        body="見てください",
        files=[SimpleUploadedFile("chart.png", PNG, "image/png")],
    )
    attachment = Attachment.objects.get(thread=thread)
    assert (attachment.kind, attachment.content_type, attachment.size) == (
        "png",
        "image/png",
        len(PNG),
    )
    with pytest.raises(Invalid, match="添付できません"):
        posting.reply(
            people.learner2,
            thread,
            body="x",
            files=[SimpleUploadedFile("x.png", b"<svg onload=alert(1)>", "image/png")],
        )


@override_settings(DXQ_DISCUSSIONS_MAX_ATTACHMENT_BYTES=1024 * 1024)
def test_oversize_attachment_is_refused(people):
    big = SimpleUploadedFile("big.png", PNG + b"\x00" * (1024 * 1024), "image/png")
    with pytest.raises(Invalid, match="大きすぎます"):
        posting.create_thread(
            people.learner1, people.space, kind="idea", title="t", body="b", files=[big]
        )
    assert Thread.objects.count() == 0


@override_settings(DXQ_DISCUSSIONS_POSTS_PER_MINUTE=2)
def test_rate_limit_per_minute_with_japanese_message(people):
    from django.utils import translation

    thread = _question(people)
    posting.reply(people.learner1, thread, body="1")
    with translation.override("ja"), pytest.raises(RateLimited) as caught:
        posting.reply(people.learner1, thread, body="2")
    assert "下書き" in caught.value.message or "残" in caught.value.message
    posting.reply(people.operator, thread, body="operators are not limited")
    posting.reply(people.operator, thread, body="operators are not limited")
    posting.reply(people.operator, thread, body="operators are not limited")


def test_closed_thread_refuses_replies_but_not_masters(people):
    thread = _question(people)
    moderation.set_closed(people.master, thread, True)
    with pytest.raises(Forbidden):
        posting.reply(people.learner2, thread, body="x")
    posting.reply(people.master, thread, body="締めの一言")


def test_outsiders_cannot_post(people):
    for user in (people.outsider, people.company, people.hub):
        with pytest.raises(Forbidden):
            posting.create_thread(user, people.space, kind="idea", title="t", body="b")


def test_follow_mute_and_neither(people):
    thread = _question(people)
    assert Subscription.objects.get(thread=thread, user=people.learner1).state == "follow"
    posting.set_subscription(people.learner2, thread, "mute")
    posting.set_subscription(people.learner2, thread, None)
    assert not Subscription.objects.filter(thread=thread, user=people.learner2).exists()


@pytest.mark.parametrize(
    ("body", "forbidden"),
    [
        ("[a](JaVaScRiPt:alert(1))", 'href="javascript'),
        ("[a](jav&#x61;script:alert(1))", "href="),
        ("[a](data:text/html;base64,PHNjcmlwdD4=)", 'href="data:'),
        ("![i](data:image/svg+xml;base64,PHN2Zz4=)", "<img"),
        ("![i](//evil.example/i.png)", "<img"),
        ("[a][r]\n\n[r]: vbscript:msgbox(1)", "href="),
        ('<a href="javascript:x">l</a>', "<a "),
        ("[<img src=x onerror=alert(1)>](https://ok.example)", "<img"),
        ("[![i](https://evil.example/i.png)](javascript:alert(1))", "<img"),
        ('[a](https://ok.example "t\\" onmouseover=alert(1)")', '" onmouseover'),
        ("<svg onload=alert(1)>", "<svg"),
        ("<style>body{display:none}</style>", "<style"),
    ],
)
def test_markdown_tricks_are_neutralised(people, body, forbidden):
    thread = posting.create_thread(people.learner1, people.space, kind="idea", title="t", body=body)
    assert forbidden not in thread.body_html, thread.body_html


def test_team_mention_reaches_the_team_and_cohort_does_not_in_a_team_space(people):
    from community_plugin import api as community

    team = community.team_space("t-mention", "需要予測チーム")
    for person in (people.learner1, people.learner2, people.company):  # a company mentor too
        community.add_member(person.pk, team, source="team")
    posting.create_thread(
        people.learner1, team, kind="event", title="打合せ", body="@cohort 明日 10 時に集合"
    )
    assert Notification.objects.filter(kind="mention").count() == 0
    posting.create_thread(
        people.learner1, team, kind="event", title="打合せ2", body="@team 明日 10 時に集合"
    )
    assert notified(people.learner2, "mention") == 1
    assert notified(people.company, "mention") == 1
    assert notified(people.learner1, "mention") == 0  # not the author
    assert notified(people.master, "mention") == 0  # not in the team


def test_a_follower_who_left_the_space_is_no_longer_told(people):
    from community_plugin import api as community

    thread = _question(people)
    posting.reply(people.learner2, thread, body="答えです")  # learner2 now follows the thread
    community.remove_member(people.learner2.pk, people.space)  # left the course
    posting.reply(people.master, thread, body="補足 @learner2 @cohort")
    assert Notification.objects.filter(user=people.learner2).count() == 0
    assert notified(people.learner1, "mention") == 1  # still a member: told
