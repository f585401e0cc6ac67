"""Celery tasks of the badges app. Receivers only queue these; the signing happens here.

Bulk jobs run one batch at a time: each batch task queues the next when it ends, so a 2,000
award job never floods the queue and other tasks queued meanwhile run between its batches.
A failure of one recipient is recorded in the job and the batch goes on; a failure of the whole
batch (worker exception) is recorded and the job continues with the next batch. Rerunning a job
is harmless: awards are idempotent. Re-signing many awards after a key rotation (a ``reissue``
job) runs through the same batches.
"""

from __future__ import annotations

import logging
import time

from celery import shared_task
from django.conf import settings
from django.contrib.auth import get_user_model
from django.db import OperationalError, transaction
from django.db.models import F
from django.utils import timezone

from . import api, rules
from .api_errors import BadgeApiError
from .models import Award, AwardRule, BadgeClass, BulkJob

log = logging.getLogger(__name__)


@shared_task(name="dxq.badges.award", acks_late=True)
def award_task(
    badge_class_id,
    user_id,
    source=Award.SOURCE_RULE,
    rule_id=None,
    evidence_url="",
    evidence_narrative="",
):
    """Issue one award (idempotent). Returns its public id, or None when it cannot be issued."""
    badge_class = BadgeClass.objects.select_related("issuer").get(pk=badge_class_id)
    user = get_user_model().objects.filter(pk=user_id).first()
    if user is None:
        log.warning("Badge %s: user %s no longer exists", badge_class.slug, user_id)
        return None
    rule = AwardRule.objects.filter(pk=rule_id).first() if rule_id else None
    try:
        made = api.award(
            badge_class,
            user,
            source=source,
            rule=rule,
            evidence_url=evidence_url,
            evidence_narrative=evidence_narrative,
        )
    except BadgeApiError as error:
        log.warning("Badge %s not issued to user %s: %s", badge_class.slug, user_id, error)
        return None
    return str(made.public_id)


@shared_task(name="dxq.badges.apply_rules", acks_late=True)
def apply_rules_task(kind, user_id, key="", count=None, evidence_url="", evidence_narrative=""):
    """Award every active rule of ``kind`` that ``user_id`` now meets (see :mod:`.rules`)."""
    return [
        str(made.public_id)
        for made in rules.apply(
            kind,
            user_id,
            key=key,
            count=count,
            evidence_url=evidence_url,
            evidence_narrative=evidence_narrative,
        )
    ]


def batch_size() -> int:
    return max(1, int(getattr(settings, "DXQ_BADGES_BULK_BATCH", 100)))


def _queue_next(task, job_id, offset):
    """Queue the next batch on the queue this one came from (a job routed to a dedicated
    queue stays there)."""
    queue = (getattr(task.request, "delivery_info", None) or {}).get("routing_key")
    options = {"queue": queue} if queue and not task.request.is_eager else {}
    bulk_batch.apply_async((job_id, offset), **options)


@shared_task(name="dxq.badges.start_bulk", acks_late=True, bind=True)
def start_bulk(self, job_id):
    """Start (or restart) a bulk job: counters reset, first batch queued."""
    updated = BulkJob.objects.filter(pk=job_id).update(
        state=BulkJob.RUNNING, done=0, failed=0, errors=[], batches_done=[], finished=None
    )
    if updated:
        _queue_next(self, job_id, 0)
    return updated


@shared_task(name="dxq.badges.bulk_batch", acks_late=True, bind=True)
def bulk_batch(self, job_id, offset):
    """Issue (or re-sign) one batch of a bulk job, record progress, queue the next batch."""
    job = BulkJob.objects.select_related("badge_class__issuer", "rule").filter(pk=job_id).first()
    if job is None or job.state != BulkJob.RUNNING:
        return None
    size = batch_size()
    items = job.items
    chunk = items[offset : offset + size]
    done, failures = 0, []
    try:
        done, failures = _run_batch(job, chunk)
    except Exception as error:  # the whole batch failed: record it and go on  # noqa: BLE001
        log.exception("Bulk job %s: batch at %s failed", job_id, offset)
        failures = [
            {"user_id": None, "offset": offset, "error": f"{type(error).__name__}: {error}"}
        ]
        done = 0
        failed_count = len(chunk)
    else:
        failed_count = len(failures)
    _record(job_id, offset, done, failed_count, failures)
    if offset + size < len(items):
        _queue_next(self, job_id, offset + size)
    else:
        _finish(job_id)
    return {"done": done, "failed": failed_count}


def _run_batch(job, chunk, attempts=3):
    """Issue (or re-sign) one batch in one transaction; a transient database error (a
    deadlock, a locked SQLite file) reruns the batch, which is harmless: awards are idempotent
    and re-signing twice gives the same standing. ``(done, failures)``."""
    work = _reissue_batch if job.action == BulkJob.REISSUE else _issue_batch
    for attempt in range(1, attempts + 1):
        try:
            return work(job, chunk)
        except OperationalError:
            if attempt == attempts:
                raise
            log.warning("Bulk job %s: retrying a batch after a database error", job.pk)
            time.sleep(0.5 * attempt)
    return 0, []  # not reached


def _issue_batch(job, user_ids):
    users = get_user_model().objects.in_bulk(user_ids)
    missing = [{"user_id": u, "error": "no such user"} for u in user_ids if u not in users]
    present = [users[u] for u in user_ids if u in users]
    results = api.award_many(
        job.badge_class,
        present,
        source=job.source or Award.SOURCE_BULK,
        rule=job.rule,
        evidence_url=job.evidence_url,
        evidence_narrative=job.evidence_narrative,
    )
    failures = missing + [
        {"user_id": user.pk, "error": error} for user, made, error in results if made is None
    ]
    return sum(1 for _user, made, _error in results if made is not None), failures


def _reissue_batch(job, award_ids):
    results = api.reissue_many(award_ids)
    failures = [
        {"award_id": award_id, "error": error} for award_id, made, error in results if made is None
    ]
    return sum(1 for _id, made, _error in results if made is not None), failures


def _record(job_id, offset, done, failed, failures):
    """Add a batch's counts to the job, once per batch offset (a redelivered batch that had
    already been counted is not counted again)."""
    with transaction.atomic():
        job = BulkJob.objects.select_for_update().get(pk=job_id)
        if offset in (job.batches_done or []):
            return
        BulkJob.objects.filter(pk=job_id).update(
            done=F("done") + done,
            failed=F("failed") + failed,
            errors=((job.errors or []) + [{**item} for item in failures])[:500],
            batches_done=[*(job.batches_done or []), offset],
        )


def _finish(job_id):
    job = BulkJob.objects.get(pk=job_id)
    state = BulkJob.DONE if job.failed == 0 or job.done > 0 else BulkJob.FAILED
    BulkJob.objects.filter(pk=job_id).update(state=state, finished=timezone.now())


@shared_task(name="dxq.badges.backfill", acks_late=True)
def backfill_task(badge_class_id=None, created_by_id=None):
    """Award everyone who already meets an active rule (one badge class, or all) through one
    bulk job per rule: batches, progress in the admin, other tasks run between batches.
    Returns per rule id (text): ``{"rule", "qualified", "queued", "job"}``."""
    created_by = (
        get_user_model().objects.filter(pk=created_by_id).first() if created_by_id else None
    )
    report = rules.backfill_jobs(badge_class_id=badge_class_id, created_by=created_by)
    return {str(rule_id): entry for rule_id, entry in report.items()}
