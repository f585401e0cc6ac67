"""Skills evidence recorded through the block's handlers, on the real database."""

import copy
import logging

import pytest
from django.db import DatabaseError
from xblock.reference.user_service import UserService, XBlockUser

from casestudy_xblock import api, evidence, platform
from casestudy_xblock.blocks import skills_report
from casestudy_xblock.models import SkillEvidence


def rows(**filters):
    """(source, question id, skill id) of the stored evidence, sorted."""
    return sorted(
        SkillEvidence.objects.filter(**filters).values_list("source", "question_id", "skill_id")
    )


def test_a_correct_answer_records_the_questions_skills(harness):
    assert harness.answer("first-steps", ["orders", "stock"])["feedback"]["correct"]
    assert rows() == [
        ("question", "first-steps", "dss-p/v1/DU-1-1"),
        ("question", "first-steps", "dss-p/v1/PS-2-3"),
    ]
    row = SkillEvidence.objects.first()
    assert row.user is None  # "learner" is not a Django user: only the anonymous id
    assert row.anonymous_user_id == "learner"
    assert row.block_usage_id == str(harness.block.scope_ids.usage_id)
    assert row.created is not None


def test_a_wrong_answer_records_nothing(harness):
    assert not harness.answer("growth", "12")["feedback"]["correct"]
    assert not harness.answer("first-steps", ["orders", "logo"])["feedback"]["correct"]
    assert SkillEvidence.objects.count() == 0


def test_answering_again_records_each_skill_once(harness):
    harness.answer("growth", "10")
    assert harness.answer("growth", "10")["code"] == "already_correct"
    harness.answer("cause", "price")
    harness.answer("cause", "forecast")  # correct after a wrong try
    harness.block.record_skill_evidence()  # once more, as after any other answer
    assert rows() == [
        ("question", "cause", "dss-p/v1/BT-2-3"),
        ("question", "growth", "dss-p/v1/DU-1-1"),
    ]


def test_completing_the_block_records_its_own_skills_once(harness):
    harness.answer("growth", "10")
    harness.answer("cause", "forecast")
    harness.answer("first-steps", ["orders", "stock"])
    assert rows(source="block") == []
    for _ in range(3):
        harness.answer("term", "wrong")  # out of attempts: the block is complete
    assert harness.block.completed
    assert rows(source="block") == [
        ("block", "", "dss-p/v1/BT-2-3"),
        ("block", "", "dss-p/v1/DU-1-1"),
    ]
    assert rows(question_id="term") == []  # never answered correctly
    assert SkillEvidence.objects.count() == 6


def test_a_signed_workbench_student_id_is_the_django_user(make_harness, sample, demo_accounts):
    user = demo_accounts["learner1"]
    harness = make_harness(sample, user_id=api.workbench_student_id(user))
    harness.answer("growth", "10")
    row = SkillEvidence.objects.get()
    assert row.user == user
    assert row.anonymous_user_id == platform.anonymous_id(user)
    assert [s["skill"] for s in api.practised_skills(user)] == ["dss-p/v1/DU-1-1"]


@pytest.mark.parametrize("student_id", ["learner1", "3", "3:forged-signature", "student_1"])
def test_an_unsigned_or_forged_student_id_is_only_an_anonymous_id(
    make_harness, sample, demo_accounts, student_id
):
    harness = make_harness(sample, user_id=student_id)
    harness.answer("growth", "10")
    row = SkillEvidence.objects.get()
    assert (row.user, row.anonymous_user_id) == (None, student_id)
    assert api.practised_skills(demo_accounts["learner1"]) == []


def test_an_inactive_users_signed_id_is_not_theirs(make_harness, sample, demo_accounts):
    user = demo_accounts["learner2"]
    student_id = api.workbench_student_id(user)
    user.is_active = False
    user.save()
    make_harness(sample, user_id=student_id).answer("growth", "10")
    assert SkillEvidence.objects.get().user is None


def test_a_very_long_student_id_is_stored_as_its_hash(make_harness, sample):
    make_harness(sample, user_id="x" * 300).answer("growth", "10")
    assert len(SkillEvidence.objects.get().anonymous_user_id) == 64


class LmsUserService(UserService):
    """The attributes edx-platform's user service gives the current user."""

    def __init__(self, attrs):
        user = XBlockUser(is_current_user=True)
        user.opt_attrs.update(attrs)
        super().__init__(user=user)

    def get_current_user(self):
        return self._user


def test_in_the_lms_the_user_service_names_the_user(make_harness, sample, demo_accounts):
    user = demo_accounts["learner1"]
    service = LmsUserService(
        {
            "edx-platform.user_id": user.pk,
            "edx-platform.username": user.username,
            "edx-platform.is_authenticated": True,
            "edx-platform.anonymous_user_id": "5f0c4e1b2a3d4c5e6f708192a3b4c5d6",
        }
    )
    make_harness(sample, services={"user": service}).answer("growth", "10")
    row = SkillEvidence.objects.get()
    assert (row.user, row.anonymous_user_id) == (user, "5f0c4e1b2a3d4c5e6f708192a3b4c5d6")


def test_in_the_lms_without_an_anonymous_id_ours_is_used(make_harness, sample, demo_accounts):
    user = demo_accounts["learner1"]
    service = LmsUserService({"edx-platform.user_id": user.pk})
    make_harness(sample, services={"user": service}).answer("growth", "10")
    assert SkillEvidence.objects.get().anonymous_user_id == platform.anonymous_id(user)


def test_in_the_lms_an_anonymous_visitor_records_nothing(make_harness, sample):
    service = LmsUserService({"edx-platform.user_id": None, "edx-platform.is_authenticated": False})
    harness = make_harness(sample, services={"user": service})
    assert harness.answer("growth", "10")["feedback"]["correct"]
    assert SkillEvidence.objects.count() == 0


def test_unknown_skill_ids_are_skipped_and_logged(make_harness, sample, caplog):
    content = copy.deepcopy(sample)
    content["questions"][0]["skills"] = ["dss-p/v1/DU-1-1", "dss-p/v1/NOPE-9"]
    with caplog.at_level(logging.WARNING, logger="casestudy_xblock.evidence"):
        make_harness(content).answer("growth", "10")
    assert rows() == [("question", "growth", "dss-p/v1/DU-1-1")]
    assert "dss-p/v1/NOPE-9" in caplog.text


def test_a_database_failure_never_costs_the_learner_the_mark(harness, monkeypatch, caplog):
    def broken(*args, **kwargs):
        raise DatabaseError("disk full")

    monkeypatch.setattr(SkillEvidence.objects, "bulk_create", broken)
    with caplog.at_level(logging.ERROR, logger="casestudy_xblock.evidence"):
        result = harness.answer("growth", "10")
    assert result["feedback"]["correct"]
    assert harness.block.get_score().raw_earned == 1.0
    assert "Could not record skills evidence" in caplog.text


def test_the_source_kinds_are_the_models():
    assert skills_report.QUESTION == SkillEvidence.QUESTION
    assert skills_report.BLOCK == SkillEvidence.BLOCK
    assert evidence.WORKBENCH_STUDENT_SALT  # a salt of its own


def test_evidence_items_is_pure():
    content = {
        "questions": [
            {"id": "a", "skills": ["s1", "s2"]},
            {"id": "b", "skills": ["s3"]},
            "not a question",
            {"id": "c", "skills": [5]},
        ],
        "skills": ["s2"],
    }
    state = {"correctness": {"a": True, "b": False, "c": True}, "completed": True}
    assert skills_report.evidence_items(content, state) == [
        ("question", "a", "s1"),
        ("question", "a", "s2"),
        ("block", "", "s2"),
    ]
    assert skills_report.evidence_items(content, {}) == []
