"""Award rules: which badge a piece of news earns, and backfill of people who already qualify.

A rule (:class:`.models.AwardRule`) has a kind, an optional key and an optional threshold:

=========================== ======================================== =============================
kind                        key (``course_key`` field; empty = any)  threshold
=========================== ======================================== =============================
course_passed               course key                               –
certificate                 course key                               –
case_completed              part of the unit block ids (e.g. course)  completed units (default 1)
deliverable_completed       deliverable block key                    –
collaboration_completed     project key                              –
community_contribution      space key                                contributions (default 1)
manual                      – (awarded by hand or CSV only)           –
=========================== ======================================== =============================

History for backfill: course passes and certificates come from the LMS (none standalone);
completed case units from casestudy_xblock's skills evidence; final deliverable grades from
deliverable_xblock (``graded_user_ids``); accepted answers from the discussions
(``accepted_answer_counts``). Company collaborations have no history we can read here yet:
their rules act on news only.
"""

from __future__ import annotations

import logging

from django.contrib.auth import get_user_model
from django.utils.translation import gettext as _

from . import api, platform
from .api_errors import BadgeApiError
from .models import Award, AwardRule

log = logging.getLogger(__name__)

KEYED_EXACT = {
    AwardRule.COURSE_PASSED,
    AwardRule.CERTIFICATE,
    AwardRule.DELIVERABLE_COMPLETED,
    AwardRule.COLLABORATION_COMPLETED,
    AwardRule.COMMUNITY_CONTRIBUTION,
}


def matching_rules(kind: str, key: str = ""):
    rules = AwardRule.objects.filter(kind=kind, active=True, badge_class__active=True)
    rules = rules.select_related("badge_class__issuer")
    return [rule for rule in rules if _key_matches(rule, kind, key or "")]


def _key_matches(rule: AwardRule, kind: str, key: str) -> bool:
    if not rule.course_key:
        return True
    if kind == AwardRule.CASE_COMPLETED:
        return rule.course_key in key
    return kind in KEYED_EXACT and rule.course_key == key


def _case_units_done(rule: AwardRule, user_id: int) -> int:
    from casestudy_xblock import api as case_api  # noqa: PLC0415

    done = case_api.completed_case_units([user_id], rule.course_key)
    return len(done.get(user_id, []))


def qualifies(rule: AwardRule, user_id: int, count: int | None = None) -> bool:
    """Whether ``user_id`` meets ``rule`` now (the news itself has been checked by the caller)."""
    if rule.kind == AwardRule.CASE_COMPLETED:
        return _case_units_done(rule, user_id) >= (rule.threshold or 1)
    if rule.kind == AwardRule.COMMUNITY_CONTRIBUTION:
        return (count or 0) >= (rule.threshold or 1)
    return rule.kind != AwardRule.MANUAL


def apply(kind, user_id, *, key="", count=None, evidence_url="", evidence_narrative=""):
    """Award every active rule of ``kind`` matching ``key`` that ``user_id`` meets; returns
    the awards (existing live ones included: awarding is idempotent)."""
    user = get_user_model().objects.filter(pk=user_id).first()
    if user is None:
        return []
    made = []
    for rule in matching_rules(kind, key):
        if Award.objects.filter(
            live_key=Award.make_live_key(user.pk, rule.badge_class_id)
        ).exists():
            continue
        if not qualifies(rule, user.pk, count):
            continue
        try:
            made.append(
                api.award(
                    rule.badge_class,
                    user,
                    source=Award.SOURCE_RULE,
                    rule=rule,
                    evidence_url=evidence_url,
                    evidence_narrative=evidence_narrative,
                )
            )
        except BadgeApiError as error:
            log.warning("Rule %s: user %s not awarded: %s", rule.pk, user.pk, error)
    return made


# backfill --------------------------------------------------------------------------------


def qualified_user_ids(rule: AwardRule) -> list[int] | None:
    """Who meets ``rule`` from history; ``None`` where there is no history to read."""
    if rule.kind == AwardRule.COURSE_PASSED:
        return platform.course_passer_ids(rule.course_key) if rule.course_key else None
    if rule.kind == AwardRule.CERTIFICATE:
        holders = platform.certificate_holder_ids(rule.course_key or None)
        return None if holders is None else sorted({user_id for user_id, _key in holders})
    if rule.kind == AwardRule.CASE_COMPLETED:
        from casestudy_xblock import api as case_api  # noqa: PLC0415

        done = case_api.completed_case_units(None, rule.course_key)
        return sorted(u for u, blocks in done.items() if len(blocks) >= (rule.threshold or 1))
    if rule.kind == AwardRule.DELIVERABLE_COMPLETED:
        from deliverable_xblock import api as deliverable_api  # noqa: PLC0415

        return deliverable_api.graded_user_ids(rule.course_key or None)
    if rule.kind == AwardRule.COMMUNITY_CONTRIBUTION:
        from community_plugin.discussions import api as discussions_api  # noqa: PLC0415

        counts = discussions_api.accepted_answer_counts(rule.course_key or None)
        needed = rule.threshold or 1
        return sorted(u for u, n in counts.items() if u is not None and n >= needed)
    return None


def _active_rules(badge_class_id=None):
    rules = AwardRule.objects.filter(active=True, badge_class__active=True).select_related(
        "badge_class__issuer"
    )
    if badge_class_id:
        rules = rules.filter(badge_class_id=badge_class_id)
    return rules.order_by("pk")


def _still_to_award(rule: AwardRule, user_ids: list[int]) -> list[int]:
    """``user_ids`` without the people who hold a live award of the rule's badge class."""
    have = set(
        Award.objects.filter(badge_class=rule.badge_class, revoked_at__isnull=True)
        .filter(recipient_id__in=user_ids)
        .values_list("recipient_id", flat=True)
    )
    return [user_id for user_id in user_ids if user_id not in have]


def backfill_jobs(badge_class_id=None, *, created_by=None) -> dict:
    """Backfill in the background: for each active rule with history, one bulk job (Celery
    batches, progress in the admin) awarding who qualifies and does not hold the badge.
    Returns per rule: ``{"rule": str, "qualified": n | None, "queued": n, "job": id | None}``."""
    report = {}
    for rule in _active_rules(badge_class_id):
        user_ids = qualified_user_ids(rule)
        entry = {"rule": str(rule), "qualified": None, "queued": 0, "job": None}
        report[rule.pk] = entry
        if user_ids is None:
            continue
        entry["qualified"] = len(user_ids)
        todo = _still_to_award(rule, user_ids)
        if not todo:
            continue
        job = api.start_bulk_job(
            rule.badge_class,
            todo,
            created_by=created_by,
            description=_("Backfill: %(rule)s") % {"rule": rule},
            source=Award.SOURCE_BACKFILL,
            rule=rule,
        )
        entry.update(queued=len(todo), job=job.pk)
    return report


def backfill(badge_class_id=None, *, dry_run=False) -> dict:
    """Award everyone who already meets an active rule. Returns per rule: ``{"rule": str,
    "qualified": n | None, "awarded": new awards, "failed": n}``."""
    report = {}
    users = get_user_model().objects
    for rule in _active_rules(badge_class_id):
        user_ids = qualified_user_ids(rule)
        entry = {"rule": str(rule), "qualified": None, "awarded": 0, "failed": 0}
        report[rule.pk] = entry
        if user_ids is None:
            continue
        entry["qualified"] = len(user_ids)
        for user in users.filter(pk__in=_still_to_award(rule, user_ids)).order_by("pk"):
            if dry_run:
                entry["awarded"] += 1
                continue
            try:
                api.award(rule.badge_class, user, source=Award.SOURCE_BACKFILL, rule=rule)
            except BadgeApiError as error:
                entry["failed"] += 1
                log.warning("Backfill rule %s: user %s: %s", rule.pk, user.pk, error)
                continue
            entry["awarded"] += 1
    return report
