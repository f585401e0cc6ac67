"""The weekly cohort digest: exact sections from a fixture, sent by Celery beat's task."""

from datetime import timedelta

import pytest
from django.core import mail
from django.utils import timezone

from community_plugin import digest, notifications, study_sessions
from community_plugin.models import Notification
from community_plugin.tasks import send_digest, send_weekly_digests

Thread = pytest.importorskip("community_plugin.discussions.models").Thread


def _thread(world, kind, title, **extra):
    return Thread.objects.create(
        space=world.space,
        kind=kind,
        title=title,
        body_md="本文",
        body_html="<p>本文</p>",
        author=world.user("master"),
        **extra,
    )


@pytest.fixture
def week(community_world):
    """A week in the cohort: two open questions, one hidden, two ideas, one session ahead."""
    _thread(community_world, "question", "欠損値はどう補完する？")
    _thread(community_world, "question", "外れ値の基準は？")
    _thread(community_world, "question", "非表示の質問", hidden=True)
    _thread(community_world, "idea", "需要予測に天気データを足す")
    _thread(community_world, "idea", "ダッシュボードを週報に")
    _thread(community_world, "showcase", "分析の共有")
    starts = timezone.now() + timedelta(days=2)
    study_sessions.create(
        community_world.space,
        community_world.user("master"),
        title="需要予測モデル勉強会",
        starts_at=starts,
        ends_at=starts + timedelta(hours=1),
    )
    far = timezone.now() + timedelta(days=40)
    study_sessions.create(
        community_world.space,
        community_world.user("master"),
        title="遠い未来の会",
        starts_at=far,
        ends_at=far + timedelta(hours=1),
    )
    Notification.objects.create(
        user=community_world.user("learner"), kind="reply", title="返信: 欠損値", url="/x/"
    )
    return community_world


def test_digest_sections(week):
    content = digest.build(week.user("learner"))
    cohort = next(s for s in content["spaces"] if s["name"] == week.space.name)
    assert [i["title"] for i in cohort["unanswered"]] == [
        "外れ値の基準は？",
        "欠損値はどう補完する？",
    ]
    assert sorted(i["title"] for i in cohort["ideas"]) == [
        "ダッシュボードを週報に",
        "需要予測に天気データを足す",
    ]
    assert [i["title"] for i in cohort["sessions"]] == ["需要予測モデル勉強会"]
    assert all(i["url"].startswith("http://127.0.0.1:8000/") for i in cohort["unanswered"])
    assert [n["title"] for n in content["notifications"]] == ["返信: 欠損値"]
    assert {s["name"] for s in content["spaces"]} == {week.space.name}  # program space is quiet
    assert not content["empty"]


def test_digest_email_text_and_html(week):
    assert send_digest(week.user("learner").pk) is True
    message = mail.outbox[-1]
    body = message.body
    order = [
        body.index(s)
        for s in (
            "外れ値の基準は？",
            "需要予測に天気データを足す",
            "需要予測モデル勉強会",
            "返信: 欠損値",
        )
    ]
    assert order == sorted(order)
    assert "遠い未来の会" not in body
    assert "非表示の質問" not in body
    assert "分析の共有" not in body
    assert message.extra_headers["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"
    assert "/dxq/community/unsubscribe/" in message.alternatives[0][0]
    # Digest-mode notifications are not repeated next week.
    assert Notification.objects.get(title="返信: 欠損値").emailed_at is not None


def test_people_who_turned_the_digest_off_get_nothing(week):
    notifications.set_preference(week.user("learner"), "digest", "off")
    assert week.user("learner").pk not in digest.recipients()
    assert send_digest(week.user("learner").pk) is False
    assert mail.outbox == []


def test_weekly_task_queues_members_and_skips_empty_digests(week):
    mail.outbox.clear()
    queued = send_weekly_digests()
    assert queued == len(digest.recipients()) >= 3
    # learner2's course was quiet this week: an empty digest is not sent.
    assert sorted(m.to[0] for m in mail.outbox) == [
        "learner1@dxquest.example",
        "master@dxquest.example",
    ]
    # Company and hub users are in no learner space: never a recipient.
    assert week.user("company").pk not in digest.recipients()


def test_beat_runs_the_digest_reminders_and_reconcile_with_registered_tasks():
    """The Celery app (not just settings) schedules the three periodic tasks, and a worker
    that autodiscovers tasks knows each of them by name."""
    from conf.celery import app

    app.loader.import_default_modules()
    schedule = {name: entry["task"] for name, entry in app.conf.beat_schedule.items()}
    expected = {
        "dxq-community-weekly-digest": "dxq.community.send_weekly_digests",
        "dxq-community-session-reminders": "dxq.community.send_session_reminders",
        "dxq-community-reconcile": "dxq.community.reconcile_all",
    }
    assert {name: schedule.get(name) for name in expected} == expected
    assert set(expected.values()) <= set(app.tasks)
    assert app.conf.beat_schedule["dxq-community-weekly-digest"]["schedule"] == 7 * 24 * 3600
