"""The learner view of a ``dxq_case`` block: p95 render time and SQL queries with a 1k-row and a
1M-row dataset (same block, same run).

Anchor: the same block over the 1k-row dataset. The goal is a ratio near 1 (rendering reads only
what profiling stored, never the data) and p95 ≤ 100 ms. Rendering goes through xblock-sdk's
workbench runtime and our datasets API on a test database; the datasets are uploaded and profiled
through the public API (eager Celery), with the upload limit raised for the 1M-row file.
"""

from __future__ import annotations

import copy
import csv
import io
import random
import statistics
import tempfile
import time
from pathlib import Path

from .bench_pages import _setup_django
from .harness import record

SIZES = {"1k": 1_000, "1m": 1_000_000}
REGIONS = ["北海道", "東北", "関東", "中部", "近畿", "中国", "四国", "九州"]


def _csv(rows: int, seed: int = 7) -> bytes:
    rng = random.Random(seed)
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(["受注日", "地域", "製品", "数量", "金額"])
    for i in range(rows):
        writer.writerow(
            [
                f"2025-{1 + i % 12:02d}-{1 + i % 28:02d}",
                REGIONS[i % len(REGIONS)],
                f"P{rng.randrange(200):03d}",
                rng.randrange(1, 500),
                rng.randrange(1_000, 900_000),
            ]
        )
    return out.getvalue().encode("utf-8")


def _content(sha256: str) -> dict:
    from casestudy_xblock.blocks.scenarios import SAMPLE_CASE

    content = copy.deepcopy(SAMPLE_CASE)
    content["datasets"] = [
        {
            "slug": "sales",
            "title": {"ja": "受注データ", "en": "Orders"},
            "description": {"ja": "", "en": ""},
            "sha256": sha256,
            "filename": "sales.csv",
        }
    ]
    return content


def _block(content: dict):
    from workbench.runtime import WorkbenchRuntime
    from xblock.fields import ScopeIds
    from xblock.runtime import DictKeyValueStore, KvsFieldData

    from casestudy_xblock.blocks.case import CaseStudyBlock

    runtime = WorkbenchRuntime(user_id="learner")
    runtime._services["field-data"] = KvsFieldData(DictKeyValueStore())
    def_id = runtime.id_generator.create_definition("dxq_case")
    usage_id = runtime.id_generator.create_usage(def_id)
    block = runtime.construct_xblock_from_class(
        CaseStudyBlock, ScopeIds("learner", "dxq_case", def_id, usage_id)
    )
    for name, value in content.items():
        setattr(block, name, value)
    block.save()
    return block


def _queries(block) -> int:
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    with CaptureQueriesContext(connection) as queries:
        html = block.student_view().body_html()
    if "dxq-case" not in html:
        raise RuntimeError("the learner view did not render")
    return len(queries.captured_queries)


def _p95s_ms(blocks: dict, samples: int) -> dict:
    """p95 render time of each block, sampled in turn so drift hits them alike."""
    timings = {label: [] for label in blocks}
    for _ in range(samples):
        for label, block in blocks.items():
            start = time.perf_counter()
            block.student_view().body_html()
            timings[label].append((time.perf_counter() - start) * 1000)
    return {label: statistics.quantiles(t, n=20)[18] for label, t in timings.items()}


def run(samples: int = 60, rows_1m: int = SIZES["1m"]) -> list[dict]:
    connection = _setup_django()
    from django.conf import settings

    from casestudy_xblock import api

    settings.DXQ_DATASET_MAX_BYTES = 1024 * 1024 * 1024
    try:
        blocks = {}
        for label, rows in (("1k", SIZES["1k"]), ("1m", rows_1m)):
            with tempfile.TemporaryDirectory() as tmp:
                path = Path(tmp) / f"sales_{label}.csv"
                path.write_bytes(_csv(rows))
                with path.open("rb") as fh:
                    info = api.upload_dataset(fh, path.name)
            status = api.get_dataset(info["sha256"])["status"]
            if status != "ready":
                raise RuntimeError(f"{label} dataset not ready: {status}")
            blocks[label] = _block(_content(info["sha256"]))
        queries = {label: _queries(block) for label, block in blocks.items()}
        p95 = _p95s_ms(blocks, samples)
        params = {"samples": samples, "rows": [SIZES["1k"], rows_1m], "view": "student_view"}
        return [
            record(
                "case_render_p95_ms",
                p95["1m"],
                "ms",
                "same block, 1k-row dataset, p95 ms",
                p95["1k"],
                params,
            ),
            record(
                "case_render_queries",
                queries["1m"],
                "queries",
                "same block, 1k-row dataset, queries",
                queries["1k"],
                params,
            ),
        ]
    finally:
        connection.creation.destroy_test_db(
            connection.settings_dict["NAME"], verbosity=0, keepdb=False
        )
