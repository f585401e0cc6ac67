"""Backfill reads the history of deliverables (final peer-review grades) and of community
contributions (accepted answers): people who qualified before a rule existed get the badge."""

from django.test import TestCase

from community_plugin import api as community
from community_plugin.badges import rules
from community_plugin.badges.models import Award, AwardRule
from community_plugin.discussions import posting, reactions
from conf.portal import demo
from deliverable_xblock import api as peer
from tests.deliverable_xblock.peer_support import BLOCK, COMMENTS, COURSE, RUBRIC, scores

from .helpers import make_badge_class


def test_backfill_awards_learners_whose_deliverable_grade_is_final(issuer, django_user_model):
    learners = [
        django_user_model.objects.create_user(f"peer{i}", f"peer{i}@example.jp", "pw")
        for i in range(4)
    ]
    peer.configure(BLOCK, COURSE, required_reviews=3, calibration_items=0)
    peer.publish_rubric(BLOCK, RUBRIC)
    for user in learners:
        peer.submit(BLOCK, COURSE, user, text_html=f"<p>{user.username}</p>")
    with TestCase.captureOnCommitCallbacks(execute=True):  # grades become final (no rule yet)
        for user in learners:
            while (assignment := peer.request_review(BLOCK, user)) is not None:
                peer.submit_review(
                    assignment.id, user, scores=scores(3), comments=COMMENTS, overall_comment="ok"
                )
    graded = {user.pk for user in learners if peer.grade_of(BLOCK, user).published}
    assert graded, "no grade became final"
    badge = make_badge_class(issuer, slug="improvement-plan")
    rule = AwardRule.objects.create(
        badge_class=badge, kind=AwardRule.DELIVERABLE_COMPLETED, course_key=BLOCK
    )
    other = AwardRule.objects.create(
        badge_class=make_badge_class(issuer, slug="other-plan"),
        kind=AwardRule.DELIVERABLE_COMPLETED,
        course_key=BLOCK.replace("block@plan", "block@other"),
    )
    assert not Award.objects.exists()

    report = rules.backfill()
    assert report[rule.pk]["qualified"] == len(graded)
    assert report[rule.pk]["awarded"] == len(graded)
    assert report[other.pk] == {"rule": str(other), "qualified": 0, "awarded": 0, "failed": 0}
    awarded = set(Award.objects.filter(badge_class=badge).values_list("recipient", flat=True))
    assert awarded == graded
    assert set(Award.objects.values_list("source", flat=True)) == {"backfill"}
    assert rules.backfill()[rule.pk]["awarded"] == 0  # idempotent


def _answered(space, asker, helper, title):
    thread = posting.create_thread(asker, space, kind="question", title=title, body="どう？")
    answer = posting.reply(helper, thread, body="こうです。")
    reactions.accept(asker, thread, answer)  # no on-commit callbacks: the signal is not sent


def test_backfill_counts_accepted_answers_per_space(issuer, demo_accounts):
    space = community.course_space(demo.DEMO_COURSE_KEY, demo.DEMO_COURSE_NAME)
    learner1, learner2, master = (demo_accounts[n] for n in ("learner1", "learner2", "master"))
    community.add_member(master.pk, space, master=True)
    _answered(space, learner1, learner2, "質問1")
    _answered(space, master, learner2, "質問2")
    _answered(space, learner2, learner1, "質問3")
    _answered(space, learner1, learner1, "自問自答")  # one's own question: no contribution
    helper = make_badge_class(issuer, slug="peer-helper")
    rule = AwardRule.objects.create(
        badge_class=helper,
        kind=AwardRule.COMMUNITY_CONTRIBUTION,
        course_key=space.slug,
        threshold=2,
    )
    anywhere = AwardRule.objects.create(
        badge_class=make_badge_class(issuer, slug="first-answer"),
        kind=AwardRule.COMMUNITY_CONTRIBUTION,
        threshold=1,
    )
    elsewhere = AwardRule.objects.create(
        badge_class=make_badge_class(issuer, slug="other-space"),
        kind=AwardRule.COMMUNITY_CONTRIBUTION,
        course_key="no-such-space",
    )
    report = rules.backfill()
    assert report[rule.pk]["qualified"] == 1
    assert report[anywhere.pk]["qualified"] == 2
    assert report[elsewhere.pk]["qualified"] == 0
    holders = set(Award.objects.filter(badge_class=helper).values_list("recipient", flat=True))
    assert holders == {learner2.pk}
    assert set(
        Award.objects.filter(badge_class__slug="first-answer").values_list("recipient", flat=True)
    ) == {learner1.pk, learner2.pk}
