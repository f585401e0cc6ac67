"""Accepted answers are community contributions: the badges rule of that kind awards a helper
once their count in the space reaches the rule's threshold."""

import pytest
from django.test import TestCase

from community_plugin.badges import api as badges
from community_plugin.badges.models import Award, AwardRule, BadgeClass, Issuer
from community_plugin.discussions import posting, reactions

pytestmark = pytest.mark.django_db


def _badge(space, threshold):
    issuer = Issuer.objects.create(
        slug="dxq", name="マナビDX Quest 事務局", url="https://dxq.example.jp/", email="b@x.jp"
    )
    badges.setup_issuer(issuer)
    badge = BadgeClass.objects.create(
        issuer=issuer,
        slug="peer-helper",
        name_ja="仲間の支え手",
        name_en="Peer helper",
        description_ja="仲間の質問に答えました。",
        description_en="Answered peers' questions.",
        criteria_ja="回答が2回採用されること。",
        criteria_en="Two accepted answers.",
    )
    AwardRule.objects.create(
        badge_class=badge,
        kind=AwardRule.COMMUNITY_CONTRIBUTION,
        course_key=space.slug,
        threshold=threshold,
    )
    return badge


def _answered(people, asker, helper, title):
    thread = posting.create_thread(
        asker, people.space, kind="question", title=title, body="どう読みますか？"
    )
    answer = posting.reply(helper, thread, body="こう読みます。")
    with TestCase.captureOnCommitCallbacks(execute=True):
        reactions.accept(asker, thread, answer)
    return thread


def test_second_accepted_answer_earns_the_helper_badge(people):
    badge = _badge(people.space, threshold=2)
    _answered(people, people.learner1, people.learner2, "質問1")
    assert not Award.objects.filter(badge_class=badge).exists()
    # Answering and accepting one's own question is no contribution.
    _answered(people, people.learner2, people.learner2, "自問自答")
    assert reactions.accepted_answers_count(people.learner2.pk, people.space) == 1
    assert not Award.objects.filter(badge_class=badge).exists()
    _answered(people, people.master, people.learner2, "質問2")
    assert reactions.accepted_answers_count(people.learner2.pk, people.space) == 2
    assert list(Award.objects.filter(badge_class=badge).values_list("recipient", flat=True)) == [
        people.learner2.pk
    ]
