"""Award rules from each event and signal: the receivers queue a task (Celery, eager in these
tests) after commit; the task awards when the rule matches, once."""

import pytest

from casestudy_xblock import api as case_api
from casestudy_xblock import evidence
from casestudy_xblock.blocks.scenarios import SAMPLE_CASE
from community_plugin.badges import signals
from community_plugin.badges.models import Award, AwardRule
from tests.casestudy_xblock.blocks.conftest import Harness
from tests.community_plugin.badges.app.events_helpers import (
    send_certificate_created,
    send_passing_status,
)

COURSE = "course-v1:DXQuest+CS101+2026"
OTHER_COURSE = "course-v1:DXQuest+CS102+2026"


@pytest.fixture
def on_commit(django_capture_on_commit_callbacks):
    return lambda: django_capture_on_commit_callbacks(execute=True)


def rule(badge_class, kind, course_key="", threshold=None):
    return AwardRule.objects.create(
        badge_class=badge_class, kind=kind, course_key=course_key, threshold=threshold
    )


def held(user, badge_class):
    return Award.objects.filter(recipient=user, badge_class=badge_class, revoked_at__isnull=True)


def test_course_passing_awards_once(badge_class, learner, on_commit):
    made_rule = rule(badge_class, AwardRule.COURSE_PASSED, COURSE)
    with on_commit():
        responses = send_passing_status(learner, COURSE)
    assert [error for _receiver, error in responses if error] == []
    award = held(learner, badge_class).get()
    assert award.source == "rule"
    assert award.rule == made_rule
    with on_commit():
        send_passing_status(learner, COURSE)
    assert held(learner, badge_class).count() == 1


def test_not_passing_or_another_course_awards_nothing(badge_class, learner, on_commit):
    rule(badge_class, AwardRule.COURSE_PASSED, COURSE)
    with on_commit():
        send_passing_status(learner, COURSE, is_passing=False)
        send_passing_status(learner, OTHER_COURSE)
    assert not held(learner, badge_class).exists()


def test_inactive_rule_awards_nothing(badge_class, learner, on_commit):
    made = rule(badge_class, AwardRule.COURSE_PASSED, COURSE)
    made.active = False
    made.save()
    with on_commit():
        send_passing_status(learner, COURSE)
    assert not held(learner, badge_class).exists()


def test_certificate_created(badge_class, learner, on_commit):
    rule(badge_class, AwardRule.CERTIFICATE)  # any course
    with on_commit():
        send_certificate_created(learner, COURSE, status="notpassing")
    assert not held(learner, badge_class).exists()
    with on_commit():
        send_certificate_created(learner, COURSE)
    award = held(learner, badge_class).get()
    assert award.evidence_url == "https://lms.example/certificates/abc"


def complete_sample_case(user):
    harness = Harness(SAMPLE_CASE, user_id=case_api.workbench_student_id(user))
    harness.answer("growth", "10")
    harness.answer("cause", "forecast")
    harness.answer("first-steps", ["orders", "stock"])
    for _ in range(3):
        harness.answer("term", "wrong")
    assert harness.block.completed
    return harness


def test_completing_a_case_unit_in_the_block_awards(badge_class, learner, on_commit):
    rule(badge_class, AwardRule.CASE_COMPLETED)
    with on_commit():
        harness = Harness(SAMPLE_CASE, user_id=case_api.workbench_student_id(learner))
        harness.answer("growth", "10")
    assert not held(learner, badge_class).exists()  # answered, not completed
    with on_commit():
        complete_sample_case(learner)
    assert held(learner, badge_class).count() == 1


def test_case_threshold_counts_completed_units(badge_class, learner, on_commit):
    rule(badge_class, AwardRule.CASE_COMPLETED, "yamanami", threshold=2)
    skill = [("block", "", "dss-p/v1/BT-1-1")]
    evidence.record(learner, "anon-1", "dx-1-yamanami-seikos-dx-1.dxq_case.d0.u0", skill)
    with on_commit():
        signals.case_study_completed.send(
            sender=None, user_id=learner.pk, case_key="dx-1-yamanami-seikos-dx-1.dxq_case.d0.u0"
        )
    assert not held(learner, badge_class).exists()
    evidence.record(learner, "anon-1", "other-case.dxq_case.d0.u0", skill)  # does not count
    evidence.record(learner, "anon-1", "dx-2-yamanami-seikos-dx-2.dxq_case.d0.u0", skill)
    with on_commit():
        signals.case_study_completed.send(
            sender=None, user_id=learner.pk, case_key="dx-2-yamanami-seikos-dx-2.dxq_case.d0.u0"
        )
    assert held(learner, badge_class).count() == 1


def test_deliverable_and_collaboration_signals(issuer, learner, on_commit):
    from tests.community_plugin.badges.app.helpers import make_badge_class

    deliverable = make_badge_class(issuer, slug="deliverable")
    collaboration = make_badge_class(issuer, slug="collaboration")
    rule(
        deliverable, AwardRule.DELIVERABLE_COMPLETED, "block-v1:X+Y+Z+type@dxq_deliverable+block@a"
    )
    rule(collaboration, AwardRule.COLLABORATION_COMPLETED)
    with on_commit():
        signals.deliverable_completed.send(
            sender=None, user_id=learner.pk, block_key="block-v1:other", course_key=COURSE
        )
    assert not held(learner, deliverable).exists()
    with on_commit():
        signals.deliverable_completed.send(
            sender=None,
            user_id=learner.pk,
            block_key="block-v1:X+Y+Z+type@dxq_deliverable+block@a",
            course_key=COURSE,
        )
        signals.collaboration_completed.send(
            sender=None,
            user_id=learner.pk,
            project_key="project-7",
            evidence_narrative="みどり精密工業への提案を完了。",
        )
    assert held(learner, deliverable).count() == 1
    assert held(learner, collaboration).get().evidence_narrative == "みどり精密工業への提案を完了。"


def test_community_contribution_threshold(badge_class, learner, on_commit):
    rule(badge_class, AwardRule.COMMUNITY_CONTRIBUTION, threshold=10)
    with on_commit():
        signals.community_contribution.send(sender=None, user_id=learner.pk, count=9)
    assert not held(learner, badge_class).exists()
    with on_commit():
        signals.community_contribution.send(sender=None, user_id=learner.pk, count=10)
    assert held(learner, badge_class).count() == 1


def test_manual_rules_never_fire(badge_class, learner, on_commit):
    rule(badge_class, AwardRule.MANUAL)
    with on_commit():
        send_passing_status(learner, COURSE)
    assert not held(learner, badge_class).exists()


def test_a_revoked_badge_is_awarded_again_by_the_rule(badge_class, learner, on_commit):
    from community_plugin.badges import api

    rule(badge_class, AwardRule.COURSE_PASSED, COURSE)
    with on_commit():
        send_passing_status(learner, COURSE)
    first = held(learner, badge_class).get()
    api.revoke(first, "再審査")
    with on_commit():
        send_passing_status(learner, COURSE)
    second = held(learner, badge_class).get()
    assert second.pk != first.pk
