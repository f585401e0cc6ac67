"""Celery tasks of casestudy_xblock. Uploads are checked in the request; the long work is here."""

from celery import shared_task


@shared_task(name="dxq.casestudy.profile_dataset", acks_late=True)
def profile_dataset(sha256):
    """Convert a stored dataset to DuckDB and profile it; returns its status (idempotent).

    A bad file ends as ``failed`` with an error code the operator sees translated; the
    original upload is never deleted.
    """
    from .datasets import service

    return service.process(sha256)
