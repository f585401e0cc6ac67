"""Skills evidence: which DSS-P skills a learner practised, recorded as rows (``SkillEvidence``).

A ``dxq_case`` block calls :func:`record_for_block` after every marked answer (its scoring path).
What counts is decided by the pure :func:`casestudy_xblock.blocks.skills_report.evidence_items`:
a question's skills once it is answered correctly, the block's skills once it is complete.
Recording is idempotent: one row per (anonymous id, block usage id, question id, skill id).

Who the learner is:

- **In the LMS** the block's ``user`` service gives the Django user id and the course-specific
  anonymous id (``edx-platform.user_id``, ``edx-platform.anonymous_user_id``).
- **In xblock-sdk's workbench** the runtime only has a student id (``?student=``). It maps to a
  Django user when it is one that :func:`workbench_student_id` made (signed with
  ``SECRET_KEY``, so nobody can pass for another learner by typing their name); any other id
  is stored as the anonymous id, with no user.

Reading is in :mod:`casestudy_xblock.api` (``practised_skills``, ``learners_with_skill``).
"""

import hashlib
import logging

from django.contrib.auth import get_user_model
from django.core import signing
from django.db import DatabaseError, transaction

from . import platform, skills
from .blocks.skills_report import evidence_items
from .models import SkillEvidence

log = logging.getLogger(__name__)

#: Salt of the signed workbench student ids (a signature made for anything else never matches).
WORKBENCH_STUDENT_SALT = "casestudy_xblock.evidence.workbench-student"
ANONYMOUS_ID_LENGTH = 64


def workbench_student_id(user):
    """The workbench student id (``?student=``) of a Django user: ``"<pk>:<signature>"``."""
    return signing.Signer(salt=WORKBENCH_STUDENT_SALT).sign(str(user.pk))


def user_from_workbench_student_id(student_id):
    """The active Django user a signed workbench student id stands for, or None."""
    try:
        pk = signing.Signer(salt=WORKBENCH_STUDENT_SALT).unsign(str(student_id))
    except signing.BadSignature:
        return None
    if not pk.isdigit():
        return None
    return get_user_model().objects.filter(pk=int(pk), is_active=True).first()


def _bounded(anonymous_id):
    """An anonymous id that fits the column: a long workbench id is stored as its SHA-256."""
    text = str(anonymous_id)
    if len(text) <= ANONYMOUS_ID_LENGTH:
        return text
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def _course_id(block):
    return getattr(block.scope_ids.usage_id, "course_key", None)


def _lms_learner(block, attrs):
    user_id = attrs.get("edx-platform.user_id")
    if not user_id or not attrs.get("edx-platform.is_authenticated", True):
        return None, None
    user = get_user_model().objects.filter(pk=user_id).first()
    if user is None:
        return None, None
    anonymous = attrs.get("edx-platform.anonymous_user_id")
    return user, _bounded(anonymous or platform.anonymous_id(user, _course_id(block)))


def learner_of(block):
    """``(user or None, anonymous id)`` of the learner using ``block``; ``(None, None)`` when
    nobody is signed in (nothing is recorded then)."""
    service = block.runtime.service(block, "user")
    current = service.get_current_user() if service is not None else None
    attrs = getattr(current, "opt_attrs", None) or {}
    if "edx-platform.user_id" in attrs:  # the LMS
        return _lms_learner(block, attrs)
    student_id = attrs.get("xblock-workbench.user_id") or block.scope_ids.user_id
    if student_id in (None, ""):
        return None, None
    user = user_from_workbench_student_id(student_id)
    if user is not None:
        return user, platform.anonymous_id(user)
    return None, _bounded(student_id)


def record(user, anonymous_id, block_usage_id, items):
    """Store ``items`` (``(source kind, question id, skill id)``) for one learner and block.

    Idempotent: rows that exist already are left as they are. Unknown skill ids are skipped
    (and logged). Returns how many items were valid. One INSERT, inside a savepoint.
    """
    known = []
    for kind, question_id, skill_id in items:
        if skills.validate_ids([skill_id]):
            log.warning("Skipping unknown skill id %r in block %s", skill_id, block_usage_id)
            continue
        known.append(
            SkillEvidence(
                user=user,
                anonymous_user_id=anonymous_id,
                skill_id=skill_id,
                source=kind,
                block_usage_id=str(block_usage_id),
                question_id=question_id,
            )
        )
    if known:
        with transaction.atomic():
            SkillEvidence.objects.bulk_create(known, ignore_conflicts=True)
    return len(known)


def record_for_block(block):
    """Record what the current learner practised in ``block`` so far (see module docstring).

    Never breaks marking: a database failure is logged and the learner still gets the mark.
    """
    items = evidence_items(
        {"questions": block.questions, "skills": block.skills},
        {"correctness": block.correctness, "completed": block.completed},
    )
    if not items:
        return 0
    try:
        user, anonymous_id = learner_of(block)
        if anonymous_id is None:
            return 0
        recorded = record(user, anonymous_id, block.scope_ids.usage_id, items)
    except DatabaseError:
        log.exception("Could not record skills evidence of block %s", block.scope_ids.usage_id)
        return 0
    if user is not None and block.completed:
        from .signals import case_unit_completed

        case_unit_completed.send_robust(
            sender=type(block), user_id=user.pk, block_usage_id=str(block.scope_ids.usage_id)
        )
    return recorded
