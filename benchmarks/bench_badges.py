"""Open Badges issuing: signing cost per award, queries per award, 2,000 awards through Celery.

Records (each beside an anchor measured in the same process and run):

- ``badges_sign_ms``: one award's three signed forms (OB 3.0 ``eddsa-rdfc-2022`` Data
  Integrity proof incl. RDFC-1.0 canonicalisation of credential and proof options, VC-JWT
  RS256, OB 2.0 JWS RS256), ms per award. Anchor: the **signing floor**, the bare
  cryptography of the same award (one Ed25519 signature of 64 bytes and two RSA-2048
  PKCS#1 v1.5 SHA-256 signatures of payloads of the same sizes), so the ratio is what
  canonicalisation and JSON cost on top of the keys.
- ``badges_signed_per_s``: the same as awards per second; anchor: the floor per second.
- ``badges_award_queries``: SQL queries of ``api.award`` for a new recipient (idempotency
  check, status-index lock, keys, insert). Anchor: one bare INSERT of an award row.
- ``badges_bake_png_ms``: baking the OB 2.0 assertion and the OB 3.0 credential into the
  badge PNG (two ``iTXt`` chunks, CRCs checked). Anchor: SHA-256 of the same PNG bytes.
- ``badges_bulk_2000_s``: wall time of a 2,000-award bulk job through a real Celery worker on
  Redis (batches of ``DXQ_BADGES_BULK_BATCH``, signed and stored on the test database).
  Anchor: the same 2,000 awards signed in this process with no database and no queue
  (median signing time x 2,000). Needs Redis (``DXQ_BENCH_BROKER_URL``, default
  ``redis://127.0.0.1:6379/3``); without it this record is skipped with a message.
- ``badges_bulk_2000_png_s``: the baked PNGs of those 2,000 awards, as the download views make
  them (read from the database, the OB 2.0 hosted assertion and the OB 3.0 credential each
  baked into the class image). Baking happens on download, not at issue, so it is measured
  after the job, in this process. Anchor: SHA-256 of the same 4,000 PNGs, s.
"""

from __future__ import annotations

import contextlib
import hashlib
import os
import subprocess
import sys
import time

from .harness import ROOT, median_seconds, record

BROKER = os.environ.get("DXQ_BENCH_BROKER_URL", "redis://127.0.0.1:6379/3")


def _setup_django():
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "conf.settings.test")
    import django

    django.setup()
    from django.db import connection
    from django.test.utils import setup_test_environment

    with contextlib.suppress(RuntimeError):
        setup_test_environment()
    if connection.vendor == "mysql":
        # edx-submissions 4.0.2's migration 0006 fails on MariaDB: schema from the models.
        connection.settings_dict.setdefault("TEST", {})["MIGRATE"] = False
    connection.creation.create_test_db(verbosity=0, autoclobber=True)
    return connection


def _fixtures():
    from django.contrib.auth import get_user_model

    from community_plugin.badges import api
    from community_plugin.badges.models import BadgeClass, Issuer

    issuer = Issuer.objects.create(
        slug="bench", name="マナビDX Quest 事務局", url="https://dxq.example.jp/", email="b@x.jp"
    )
    api.setup_issuer(issuer)
    badge_class = BadgeClass.objects.create(
        issuer=issuer,
        slug="bench-case",
        name_ja="ケーススタディ修了",
        name_en="Case study completed",
        description_ja="ケーススタディの全ユニットを修了した。",
        description_en="Completed every unit of the case study.",
        criteria_ja="全ユニットを修了する。",
        criteria_en="Complete every unit.",
        skills=["dss-p/v1/BT-1-1", "dss-p/v1/DU-1-1"],
        tags=["DX"],
    )
    learner = get_user_model().objects.create_user("bench0", "bench0@example.jp", "pw")
    return issuer, badge_class, learner


def _floor(award):
    """The bare cryptography of one award, on payloads of the same sizes."""
    from cryptography.hazmat.primitives import hashes
    from cryptography.hazmat.primitives.asymmetric import padding

    ed = award.issuer.active_key("ed25519").private_key()
    rsa = award.issuer.active_key("rsa").private_key()
    digest64 = hashlib.sha256(b"options").digest() + hashlib.sha256(b"document").digest()
    jwt_bytes = award.credential_jwt.rsplit(".", 1)[0].encode()
    jws_bytes = award.ob2_jws.rsplit(".", 1)[0].encode()

    def sign_floor():
        ed.sign(digest64)
        rsa.sign(jwt_bytes, padding.PKCS1v15(), hashes.SHA256())
        rsa.sign(jws_bytes, padding.PKCS1v15(), hashes.SHA256())

    return sign_floor


def _signing_records(badge_class, learner, repeats):
    from community_plugin.badges import api, issuing

    award = api.award(badge_class, learner, source="bulk")
    ours = median_seconds(lambda: issuing.sign_documents(award), repeats=repeats)
    floor = median_seconds(_floor(award), repeats=repeats, number=5)
    params = {"repeats": repeats, "skills": len(badge_class.skills)}
    anchor = "signing floor: Ed25519 + 2 x RSA-2048 of the same award"
    return (
        award,
        ours,
        [
            record(
                "badges_sign_ms", ours * 1000, "ms/award", f"{anchor}, ms", floor * 1000, params
            ),
            record(
                "badges_signed_per_s", 1 / ours, "awards/s", f"{anchor}, per s", 1 / floor, params
            ),
        ],
    )


def _query_record(badge_class):
    from django.contrib.auth import get_user_model
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from community_plugin.badges import api
    from community_plugin.badges.models import Award

    users = get_user_model().objects
    warm = users.create_user("bench-warm", "warm@example.jp", "pw")
    api.award(badge_class, warm, source="bulk")
    fresh = users.create_user("bench-q", "q@example.jp", "pw")
    with CaptureQueriesContext(connection) as ours:
        made = api.award(badge_class, fresh, source="bulk")
    bare_values = {
        field.attname: getattr(made, field.attname)
        for field in Award._meta.concrete_fields
        if field.attname != "id"
    }
    made.delete()
    with CaptureQueriesContext(connection) as bare:
        Award.objects.create(**bare_values)
    return record(
        "badges_award_queries",
        len(ours.captured_queries),
        "queries/award",
        "one bare INSERT of an award row",
        len(bare.captured_queries),
        {"vendor": connection.vendor},
    )


def _bake_record(award, repeats):
    from community_plugin.badges import baking, documents_ob2, images

    png = images.disc_png((0, 94, 162))
    hosted = documents_ob2.hosted_assertion(award)

    def bake_both():
        return baking.bake(baking.bake(png, hosted, 2), award.credential, 3)

    ours = median_seconds(bake_both, repeats=repeats, number=5)
    anchor = median_seconds(lambda: hashlib.sha256(png).digest(), repeats=repeats, number=50)
    return record(
        "badges_bake_png_ms",
        ours * 1000,
        "ms/award",
        "SHA-256 of the same PNG bytes, ms",
        anchor * 1000,
        {"png_bytes": len(png), "repeats": repeats},
    )


def _redis_ok():
    try:
        import redis

        return bool(redis.Redis.from_url(BROKER, socket_connect_timeout=2).ping())
    except Exception:  # noqa: BLE001 - any failure means no Redis
        return False


def _point_celery_at(broker):
    from kombu import pools

    from conf.celery import app

    app.conf.update(broker_url=broker, result_backend=broker, task_always_eager=False)
    pools.reset()
    app._pool = None
    app.amqp._producer_pool = None
    app._backend_cache = None
    app._local.__dict__.pop("backend", None)
    return app


def _start_worker(database_name):
    import redis

    redis.Redis.from_url(BROKER).flushdb()
    env = {
        **os.environ,
        "PYTHONPATH": str(ROOT),
        "DJANGO_SETTINGS_MODULE": "conf.settings.test",
        "DXQ_BROKER_URL": BROKER,
        "DXQ_RESULT_BACKEND": BROKER,
        "DXQ_TEST_DATABASE_NAME": str(database_name),
    }
    log_path = ROOT / "build" / "bench" / "badges-worker.log"
    log_path.parent.mkdir(parents=True, exist_ok=True)
    log = open(log_path, "w")  # noqa: SIM115 - closed with the worker
    worker = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "celery",
            "-A",
            "conf",
            "worker",
            "--pool=solo",
            "--without-gossip",
            "--without-mingle",
            "--loglevel=WARNING",
            "-n",
            "dxq-bench@%h",
        ],
        cwd=ROOT,
        env=env,
        stdout=log,
        stderr=subprocess.STDOUT,
    )
    time.sleep(1)
    return worker, log, log_path


def _bulk_record(badge_class, sign_seconds, count):
    from django.conf import settings
    from django.contrib.auth import get_user_model
    from django.db import connection

    from community_plugin.badges import tasks
    from community_plugin.badges.models import BulkJob

    if not _redis_ok():
        print(f"badges: Redis not reachable at {BROKER}; bulk benchmark skipped")
        return []
    model = get_user_model()
    model.objects.bulk_create(
        [model(username=f"bulk{i:05d}", email=f"bulk{i}@example.jp") for i in range(count)],
        batch_size=500,
    )
    ids = list(model.objects.filter(username__startswith="bulk").values_list("pk", flat=True))
    worker, log, log_path = _start_worker(connection.settings_dict["NAME"])
    app = _point_celery_at(BROKER)
    try:
        app.control.ping(timeout=30)
        job = BulkJob.objects.create(badge_class=badge_class, recipients=ids, total=len(ids))
        started = time.perf_counter()
        queued = tasks.start_bulk.delay(job.pk)
        deadline = started + 3600
        while time.perf_counter() < deadline:
            job.refresh_from_db()
            if job.state in (BulkJob.DONE, BulkJob.FAILED):
                break
            if worker.poll() is not None:
                raise RuntimeError(f"the worker died: see {log_path}")
            if queued.failed():  # e.g. the worker cannot reach this run's database
                raise RuntimeError(f"the bulk job's first task failed: see {log_path}")
            time.sleep(0.5)
        else:
            raise RuntimeError(f"the bulk job did not finish within an hour: see {log_path}")
        wall = time.perf_counter() - started
    finally:
        worker.terminate()
        with contextlib.suppress(subprocess.TimeoutExpired):
            worker.wait(timeout=30)
        log.close()
    if job.done != count:
        raise RuntimeError(f"bulk job issued {job.done}/{count} ({job.failed} failed)")
    return [
        _baked_2000_record(badge_class, count),
        record(
            "badges_bulk_2000_s",
            wall,
            "s",
            f"{count} awards signed in-process, no database or queue (median x {count}), s",
            sign_seconds * count,
            {
                "awards": count,
                "batch": settings.DXQ_BADGES_BULK_BATCH,
                "workers": 1,
                "vendor": connection.vendor,
                "per_award_ms": round(wall / count * 1000, 2),
            },
        ),
    ]


def _baked_2000_record(badge_class, count):
    from community_plugin.badges import documents_web
    from community_plugin.badges.models import Award

    started = time.perf_counter()
    images = []
    for award in Award.objects.filter(badge_class=badge_class, source="bulk").select_related(
        "badge_class", "issuer"
    )[:count]:
        images.append(documents_web.baked_ob2(award, "png"))
        images.append(documents_web.baked_ob3(award, "png"))
    wall = time.perf_counter() - started
    started = time.perf_counter()
    for image in images:
        hashlib.sha256(image).digest()
    anchor = time.perf_counter() - started
    return record(
        "badges_bulk_2000_png_s",
        wall,
        "s",
        f"SHA-256 of the same {len(images)} PNGs, s",
        anchor,
        {
            "awards": len(images) // 2,
            "per_award_ms": round(wall / max(1, len(images) // 2) * 1000, 2),
        },
    )


def run(repeats: int = 15, bulk: int = 2000) -> list[dict]:
    connection = _setup_django()
    try:
        _issuer, badge_class, learner = _fixtures()
        award, sign_seconds, records = _signing_records(badge_class, learner, repeats)
        records.append(_query_record(badge_class))
        records.append(_bake_record(award, repeats))
        records += _bulk_record(badge_class, sign_seconds, bulk)
        return records
    finally:
        connection.creation.destroy_test_db(
            connection.settings_dict["NAME"], verbosity=0, keepdb=False
        )
