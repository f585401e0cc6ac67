"""Flags, auto-hide, masters' actions, the audit log, escalations and the queue."""

import pytest
from django.test import override_settings

from community_plugin.discussions import moderation, posting, reactions
from community_plugin.discussions.errors import Forbidden, Invalid
from community_plugin.discussions.models import Escalation, ModerationLog, Thread
from community_plugin.models import Notification

pytestmark = pytest.mark.django_db


@pytest.fixture
def thread(people):
    return posting.create_thread(
        people.learner1, people.space, kind="question", title="質問", body="本文"
    )


@override_settings(DXQ_DISCUSSIONS_FLAGS_TO_HIDE=2)
def test_reply_hidden_after_n_flags_until_reviewed(people, thread):
    reply = posting.reply(people.learner2, thread, body="宣伝です")
    assert moderation.flag(people.learner1, thread, reply, "spam") is False
    with pytest.raises(Invalid):
        moderation.flag(people.learner1, thread, reply, "spam")  # once per person
    assert moderation.flag(people.master, thread, reply, "spam", "広告") is True
    reply.refresh_from_db()
    thread.refresh_from_db()
    assert reply.hidden
    assert thread.reply_count == 0
    assert ModerationLog.objects.get(action="auto_hide").actor is None
    queue = moderation.queue(people.master)
    assert [(i["post"], i["count"], i["hidden"]) for i in queue["flagged"]] == [(reply, 2, True)]
    moderation.restore(people.master, thread, reply, "問題なし")
    reply.refresh_from_db()
    thread.refresh_from_db()
    assert not reply.hidden
    assert thread.reply_count == 1
    assert moderation.queue(people.master)["flagged"] == []
    assert [e.action for e in ModerationLog.objects.all()] == ["restore", "auto_hide"]


def test_flags_need_a_known_reason_and_not_ones_own(people, thread):
    with pytest.raises(Invalid):
        moderation.flag(people.learner2, thread, None, "boring")
    with pytest.raises(Forbidden):
        moderation.flag(people.learner1, thread, None, "spam")


def test_masters_hide_pin_close_move_members_cannot(people, thread):
    for action in (
        lambda u: moderation.hide(u, thread),
        lambda u: moderation.set_pinned(u, thread, True),
        lambda u: moderation.set_closed(u, thread, True),
        lambda u: moderation.move(u, thread, people.other),
    ):
        with pytest.raises(Forbidden):
            action(people.learner2)
    moderation.set_pinned(people.master, thread, True)
    moderation.set_closed(people.master, thread, True)
    moderation.hide(people.master, thread, note="確認中")
    thread.refresh_from_db()
    assert thread.pinned
    assert thread.closed
    assert thread.hidden
    with pytest.raises(Forbidden):  # the master does not moderate the other space
        moderation.move(people.master, thread, people.other)
    moderation.move(people.operator, thread, people.other)
    assert Thread.objects.get(pk=thread.pk).space == people.other
    actions = list(ModerationLog.objects.values_list("action", flat=True))
    assert actions == ["move", "hide", "close", "pin"]


def test_hiding_the_accepted_answer_withdraws_it(people, thread):
    reply = posting.reply(people.learner2, thread, body="答え")
    reactions.accept(people.learner1, thread, reply)
    moderation.hide(people.master, thread, reply)
    thread.refresh_from_db()
    assert thread.accepted_post is None


def test_escalation_reaches_operators_queue(people, thread):
    with pytest.raises(Forbidden):
        moderation.escalate(people.learner2, thread, None, "見てください")
    with pytest.raises(Invalid):
        moderation.escalate(people.master, thread, None, "  ")
    escalation = moderation.escalate(people.master, thread, None, "個人情報が含まれています")
    assert Notification.objects.filter(user=people.operator, kind="escalation").count() == 1
    assert moderation.queue(people.operator)["escalations"] == [escalation]
    assert moderation.queue(people.master)["escalations"] == []
    with pytest.raises(Forbidden):
        moderation.resolve(people.master, escalation, "x")
    moderation.resolve(people.operator, escalation, "削除しました")
    assert Escalation.objects.get().resolved is not None
    assert moderation.queue(people.operator)["escalations"] == []


def test_who_moderates_what(people):
    assert moderation.moderated_spaces(people.learner1) == []
    assert moderation.moderated_spaces(people.master) == [people.space.pk]
    assert set(moderation.moderated_spaces(people.operator)) >= {people.space.pk, people.other.pk}
    assert moderation.moderated_spaces(people.company) == []
