"""Celery tasks of deliverable_xblock: the coverage guarantee and re-grading (ADR 0010)."""

from celery import shared_task


@shared_task(name="dxq.deliverable.check_coverage", acks_late=True)
def check_coverage():
    """Find submissions at risk of missing their review target; widen the pool and notify."""
    from . import coverage

    return coverage.check_coverage()


@shared_task(name="dxq.deliverable.regrade_block", acks_late=True)
def regrade_block(block_key):
    """Re-estimate one deliverable's grades and reviewers; publish final grades."""
    from . import grading

    result = grading.regrade_block(block_key)
    return 0 if result is None else len(result.items)


@shared_task(name="dxq.deliverable.regrade_all", acks_late=True)
def regrade_all():
    """Re-grade every deliverable that has active submissions."""
    from . import grading
    from .models import Submission

    blocks = (
        Submission.objects.filter(state=Submission.ACTIVE)
        .values_list("block_key", flat=True)
        .distinct()
    )
    for block_key in blocks:
        grading.regrade_block(block_key)
    return len(blocks)
