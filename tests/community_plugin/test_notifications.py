"""Notifications: in-app rows, immediate email by preference, one-click unsubscribe."""

import pytest
from django.core import mail
from django.utils import translation

from community_plugin import api, emails, notifications
from community_plugin.errors import BadToken
from community_plugin.models import Notification
from community_plugin.tasks import send_notification_email


def _notify(world, capture, kind="mention", to=("learner",)):
    with capture(execute=True):
        return api.notify(
            [world.user(role).pk for role in to],
            kind=kind,
            actor=world.user("master"),
            space=world.space,
            title="コミュニティマスターさんがあなたをメンションしました",
            url="/dxq/community/spaces/",
            text="@learner1 データの欠損について教えてください",
        )


def test_notify_creates_rows_and_emails_mentions_at_once(
    community_world, django_capture_on_commit_callbacks
):
    created = _notify(community_world, django_capture_on_commit_callbacks, to=("learner", "master"))
    assert [n.user for n in created] == [community_world.user("learner")]  # never the actor
    assert api.unread_count(community_world.user("learner")) == 1
    assert len(mail.outbox) == 1
    message = mail.outbox[0]
    assert message.to == ["learner1@dxquest.example"]
    assert "メンション" in message.subject
    assert "山田 太郎" in message.body  # greeted by name, family name first
    html = message.alternatives[0][0]
    assert message.alternatives[0][1] == "text/html"
    assert 'lang="ja"' in html
    created[0].refresh_from_db()
    assert created[0].emailed_at is not None
    # The task is idempotent: a retried delivery sends nothing twice.
    assert send_notification_email(created[0].pk) is False
    assert len(mail.outbox) == 1


def test_unknown_kind_is_refused(community_world):
    with pytest.raises(ValueError, match="spam"):
        api.notify([1], kind="spam", title="x", url="")


@pytest.mark.parametrize(("choice", "emailed"), [("immediate", 1), ("digest", 0), ("off", 0)])
def test_preferences_decide_the_email(
    community_world, django_capture_on_commit_callbacks, choice, emailed
):
    notifications.set_preference(community_world.user("learner"), "mention", choice)
    created = _notify(community_world, django_capture_on_commit_callbacks)
    assert len(created) == 1  # the in-app notification is always there
    assert len(mail.outbox) == emailed


def test_replies_go_to_the_digest_by_default(community_world, django_capture_on_commit_callbacks):
    _notify(community_world, django_capture_on_commit_callbacks, kind="reply")
    assert mail.outbox == []
    assert notifications.preferences(community_world.user("learner"))["reply"] == "digest"


def test_the_digest_cannot_go_into_itself(community_world):
    with pytest.raises(ValueError, match="digest=digest"):
        notifications.set_preference(community_world.user("learner"), "digest", "digest")


def test_every_email_has_one_click_unsubscribe_headers_and_links(
    community_world, django_capture_on_commit_callbacks
):
    _notify(community_world, django_capture_on_commit_callbacks)
    message = mail.outbox[0]
    header = message.extra_headers["List-Unsubscribe"]
    assert header.startswith("<http://127.0.0.1:8000/dxq/community/unsubscribe/")
    assert header.endswith("/>")
    assert message.extra_headers["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"
    link = header[1:-1]
    assert link in message.body
    assert link in message.alternatives[0][0]
    assert emails.read_token(link.rstrip("/").rsplit("/", 1)[1]) == (
        community_world.user("learner").pk,
        "mention",
    )


def test_unsubscribe_without_login_by_rfc8058_post(community_world, client):
    learner = community_world.user("learner")
    path = emails.unsubscribe_url(learner.pk, "mention").replace("http://127.0.0.1:8000", "")
    page = client.get(path)
    assert page.status_code == 200
    assert notifications.preferences(learner)["mention"] == "immediate"  # GET changes nothing
    response = client.post(path, {"List-Unsubscribe": "One-Click"})
    assert response.status_code == 200
    assert notifications.preferences(learner)["mention"] == "off"
    assert notifications.preferences(learner)["answer"] == "immediate"  # only that kind


def test_wrong_or_altered_token_is_refused(community_world, client):
    learner = community_world.user("learner")
    token = emails.unsubscribe_token(learner.pk, "mention")
    with pytest.raises(BadToken):
        emails.read_token(token[:-2] + ("AA" if not token.endswith("AA") else "BB"))
    # Someone else's id with this person's signature: the signature no longer matches.
    from django.core.signing import b64_encode

    payload, signature = token.rsplit(":", 1)
    other = community_world.user("master").pk
    forged_payload = b64_encode(f'{{"u":{other},"k":"mention"}}'.encode()).decode()
    forged = f"{forged_payload}:{signature}"
    assert forged != token
    for bad in (forged, "nonsense", token + "x"):
        response = client.post(f"/dxq/community/unsubscribe/{bad}/")
        assert response.status_code == 400
        assert (
            "有効ではありません" in response.content.decode()
            or "not valid" in response.content.decode()
        )
    assert notifications.preferences(learner)["mention"] == "immediate"
    assert notifications.preferences(community_world.user("master"))["mention"] == "immediate"


def test_email_in_english_when_the_person_reads_english(
    community_world, django_capture_on_commit_callbacks
):
    from tests.community_plugin import fake_lms

    data = fake_lms.LmsData(languages={community_world.user("learner").pk: "en"})
    uninstall = fake_lms.install(data)  # the LMS's pref-lang user preference
    try:
        _notify(community_world, django_capture_on_commit_callbacks)
    finally:
        uninstall()
    assert "Hello 山田 太郎" in mail.outbox[0].body
    assert 'lang="en"' in mail.outbox[0].alternatives[0][0]
    assert mail.outbox[0].subject.startswith("[Manabi DX Quest]")


def test_mark_read_one_and_all(community_world, django_capture_on_commit_callbacks):
    _notify(community_world, django_capture_on_commit_callbacks)
    _notify(community_world, django_capture_on_commit_callbacks, kind="answer")
    learner = community_world.user("learner")
    first = Notification.objects.filter(user=learner).last()
    assert notifications.mark_read(learner, [first.pk]) == 1
    assert api.unread_count(learner) == 1
    assert notifications.mark_read(community_world.user("master")) == 0  # not theirs
    assert notifications.mark_read(learner) == 1
    with translation.override("ja"):
        assert api.unread_count(learner) == 0


def test_nobody_is_told_about_a_space_they_may_not_read(community_world):
    """A company user added to a learner space by mistake, or a learner who left the course
    but still follows a thread, must not get its titles and excerpts by notification."""
    space = community_world.space
    company, learner = community_world.user("company"), community_world.user("learner")
    outsider, master = community_world.user("outsider"), community_world.user("master")
    operator = community_world.user("operator")
    api.add_member(company.pk, space, "manual")  # cannot read a learner space anyway
    made = api.notify(
        [company.pk, learner.pk, outsider.pk, operator.pk],
        kind="mention",
        actor=master,
        space=space,
        title="@cohort 社外秘の相談",
        url="/dxq/discussions/",
        text="本文の抜粋",
    )
    assert sorted(n.user_id for n in made) == sorted([learner.pk, operator.pk])
    assert not Notification.objects.filter(user__in=[company, outsider]).exists()
    assert sorted(api.readers_among(space, [company.pk, learner.pk, outsider.pk])) == [learner.pk]
    # A team space may have company mentors: they read it, so they are told.
    team = api.team_space("t-notify", "T")
    api.add_member(company.pk, team, "team")
    assert [
        n.user_id for n in api.notify([company.pk], kind="mention", space=team, title="t", url="/")
    ] == [company.pk]
    # Without a space (nothing to read), people are told as asked.
    assert len(api.notify([outsider.pk], kind="escalation", title="t", url="/")) == 1
