"""community_plugin.discussions.api: what digests and insights read."""

from datetime import timedelta

import pytest
from django.utils import timezone

from community_plugin.discussions import api, moderation, posting, reactions

pytestmark = pytest.mark.django_db


def test_unanswered_questions_and_new_threads(people):
    make = posting.create_thread
    open_q = make(people.learner1, people.space, kind="question", title="未解決", body="b")
    solved = make(people.learner2, people.space, kind="question", title="解決", body="b")
    idea = make(people.learner1, people.space, kind="idea", title="アイデア", body="b")
    hidden = make(people.learner1, people.space, kind="question", title="隠す", body="b")
    moderation.hide(people.master, hidden)
    reactions.accept(people.learner2, solved, posting.reply(people.learner1, solved, body="a"))
    since = timezone.now() - timedelta(days=7)
    assert [t["id"] for t in api.unanswered_questions(people.space, since)] == [open_q.pk]
    row = api.unanswered_questions(people.space)[0]
    assert row["url"] == f"/dxq/discussions/t/{open_q.pk}/"
    assert row["title"] == "未解決"
    assert row["answered"] is False
    assert [t["id"] for t in api.new_threads(people.space, "idea", since)] == [idea.pk]
    assert len(api.new_threads(people.space, None, since)) == 3
    assert api.new_threads(people.space, None, timezone.now() + timedelta(minutes=1)) == []


def test_home_links_per_role(people):
    assert api.home_links(people.company, []) == []
    learner = [link["url"] for link in api.home_links(people.learner1, [])]
    assert learner == ["/dxq/discussions/"]
    master = [link["url"] for link in api.home_links(people.master, [])]
    assert "/dxq/discussions/moderation/" in master


def test_reindex_makes_rows_written_directly_searchable(people):
    from django.core.management import call_command

    from community_plugin.discussions.models import Thread

    thread = Thread.objects.create(
        space=people.space,
        kind="question",
        title="直接書いた在庫の質問",
        body_md="本文",
        body_html="<p>本文</p>",
        author=people.learner1,
    )
    assert api.search(people.learner2, "在庫") == []
    call_command("dxq_discussions_reindex", space=people.space.slug)
    assert [t["id"] for t in api.search(people.learner2, "在庫")] == [thread.pk]
    assert api.reindex() == 1


def test_restoring_a_hidden_thread_makes_it_searchable_again(people):
    thread = posting.create_thread(
        people.learner1, people.space, kind="idea", title="需要予測", body="b"
    )
    moderation.hide(people.master, thread)
    assert api.search(people.learner2, "需要予測") == []
    moderation.restore(people.master, thread)
    assert [t["id"] for t in api.search(people.learner2, "需要予測")] == [thread.pk]


def test_accepting_records_when(people):
    thread = posting.create_thread(
        people.learner1, people.space, kind="question", title="q", body="b"
    )
    reply = posting.reply(people.learner2, thread, body="a")
    reactions.accept(people.learner1, thread, reply)
    thread.refresh_from_db()
    assert thread.accepted_at is not None
    reactions.accept(people.learner1, thread, None)
    thread.refresh_from_db()
    assert thread.accepted_at is None
