"""A deliverable's final peer-review grade earns the badge of a "deliverable completed" rule,
through deliverable_xblock's ``deliverable_graded`` signal and the badges receiver."""

from django.test import TestCase

from community_plugin.badges.models import Award, AwardRule
from deliverable_xblock import api as peer
from tests.deliverable_xblock.peer_support import BLOCK, COMMENTS, COURSE, RUBRIC, scores

from .helpers import make_badge_class


def test_a_published_peer_grade_awards_the_deliverable_badge(issuer, django_user_model):
    badge = make_badge_class(issuer, slug="improvement-plan")
    AwardRule.objects.create(
        badge_class=badge, kind=AwardRule.DELIVERABLE_COMPLETED, course_key=BLOCK
    )
    other_block = BLOCK.replace("block@plan", "block@other")
    AwardRule.objects.create(
        badge_class=make_badge_class(issuer, slug="other"),
        kind=AwardRule.DELIVERABLE_COMPLETED,
        course_key=other_block,
    )
    learners = [
        django_user_model.objects.create_user(f"peer{i}", f"peer{i}@example.jp", "pw")
        for i in range(4)
    ]
    peer.configure(BLOCK, COURSE, required_reviews=3, calibration_items=0)
    peer.publish_rubric(BLOCK, RUBRIC)
    for user in learners:
        peer.submit(BLOCK, COURSE, user, text_html=f"<p>{user.username}</p>")
    assert not Award.objects.exists()

    with TestCase.captureOnCommitCallbacks(execute=True):
        for user in learners:
            while (assignment := peer.request_review(BLOCK, user)) is not None:
                peer.submit_review(
                    assignment.id, user, scores=scores(3), comments=COMMENTS, overall_comment="ok"
                )

    graded = [user for user in learners if peer.grade_of(BLOCK, user).published]
    assert graded, "no grade became final"
    awarded = set(Award.objects.filter(badge_class=badge).values_list("recipient", flat=True))
    assert awarded == {user.pk for user in graded}
    assert not Award.objects.filter(badge_class__slug="other").exists()
