"""Dataset profiling really runs in a separate Celery worker (Redis) on the shared storage."""

import contextlib
import io
import time
import uuid
from pathlib import Path

import pytest
from django.core.files.storage import default_storage

from casestudy_xblock import api
from casestudy_xblock.datasets import query
from tests.casestudy_xblock.datasets.builders import JAPANESE_ROWS, csv_bytes

pytestmark = [pytest.mark.celery_worker, pytest.mark.django_db(transaction=True)]


def wait_until_processed(sha256, timeout=60):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        info = api.get_dataset(sha256)
        if info["status"] in ("ready", "failed"):
            return info
        time.sleep(0.2)
    pytest.fail(f"dataset {sha256} still {info['status']} after {timeout}s")


@pytest.fixture
def cleanup():
    """Delete the storage files of the datasets this test created (and only those)."""
    created = []
    yield created
    query.close_readers()
    for sha256 in created:
        for name in ("original.csv", "data.duckdb"):
            path = f"dxq/datasets/{sha256}/{name}"
            if default_storage.exists(path):
                default_storage.delete(path)
        with contextlib.suppress(NotImplementedError, OSError):  # the emptied directory
            Path(default_storage.path(f"dxq/datasets/{sha256}")).rmdir()


def test_upload_is_profiled_by_the_worker(real_broker, cleanup):
    marker = uuid.uuid4().hex  # new bytes every run: a new dataset
    data = csv_bytes([*JAPANESE_ROWS, ["99999", marker, "検査部", "1", "2024-01-01"]], "cp932")
    info = api.upload_dataset(io.BytesIO(data), "worker.csv")
    cleanup.append(info["sha256"])
    assert info["created"] is True
    assert info["status"] == "pending"  # nothing long ran in the request
    done = wait_until_processed(info["sha256"])
    assert (done["status"], done["rows"], done["encoding"]) == ("ready", 5, "cp932")
    page = api.dataset_page(info["sha256"], sort="社員番号", descending=True, page_size=1)
    assert page["rows"][0][1] == marker


def test_worker_failure_keeps_the_original(real_broker, cleanup, settings):
    settings.DXQ_DATASET_SNIFF_BYTES = 8192  # this process checks little; the worker all
    head = csv_bytes([["名前", "値"]] + [[uuid.uuid4().hex, str(i)] for i in range(400)])
    data = head + csv_bytes([["漢字", "1"]], encoding="cp932")
    assert len(head) > 8192
    info = api.upload_dataset(io.BytesIO(data), "mixed.csv")
    cleanup.append(info["sha256"])
    done = wait_until_processed(info["sha256"])
    assert (done["status"], done["error"]["code"]) == ("failed", "mixed_encoding")
    with default_storage.open(f"dxq/datasets/{info['sha256']}/original.csv") as stored:
        assert stored.read() == data
