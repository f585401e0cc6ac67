"""Dataset tests that need Django: storage in a temporary MEDIA_ROOT, Celery run eagerly."""

import io

import pytest


@pytest.fixture
def media(settings, tmp_path):
    """Django storage and the dataset cache in ``tmp_path``."""
    settings.MEDIA_ROOT = str(tmp_path / "media")
    settings.DXQ_DATASET_CACHE_DIR = str(tmp_path / "cache")
    yield tmp_path / "media"
    from casestudy_xblock.datasets import query

    query.close_readers()


@pytest.fixture
def upload(db, media, django_capture_on_commit_callbacks):
    """``upload(data, name)``: the API upload, with the profiling task run on commit (eager)."""
    from casestudy_xblock import api

    def run(data, name="data.csv", user=None):
        with django_capture_on_commit_callbacks(execute=True):
            return api.upload_dataset(io.BytesIO(data), name, user=user)

    return run
