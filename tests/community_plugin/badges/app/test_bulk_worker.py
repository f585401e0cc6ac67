"""Bulk issue through a real Celery worker on Redis (separate process, same test database).

- 2,000 awards do not block other work: a task queued while the job runs finishes long before
  the job does (batches chain one after another, so the queue never fills up with them).
- Faults: a bad recipient and a batch that fails in the worker are recorded; the rest are
  issued; running the job again doubles nothing.
- Kill -9 the worker in the middle of a 500-award job (a batch of 100 in flight) and start a
  new one: the lost batch is delivered again (late acknowledgement), a batch counted before is
  not counted twice, and every award exists exactly once.
"""

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
from django.contrib.auth import get_user_model
from django.db import connection

from community_plugin.badges import api
from community_plugin.badges.models import Award, BulkJob
from community_plugin.badges.tasks import award_task, start_bulk
from tests.community_plugin.badges.app.helpers import make_badge_class
from tests.integration.conftest import BROKER_URL, ROOT, _redis_reachable
from tests.support import missing

pytestmark = [pytest.mark.celery_worker, pytest.mark.django_db(transaction=True)]


def people(count, prefix):
    model = get_user_model()
    model.objects.bulk_create(
        [model(username=f"{prefix}{i:05d}", email=f"{prefix}{i}@example.jp") for i in range(count)],
        batch_size=500,
    )
    return list(model.objects.filter(username__startswith=prefix).values_list("pk", flat=True))


def wait_for(condition, timeout, what):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if condition():
            return
        time.sleep(0.2)
    pytest.fail(f"timed out after {timeout}s waiting for {what}")


def job_state(job):
    job.refresh_from_db()
    return job


def test_2000_awards_do_not_block_other_work(real_broker, badge_class, issuer):
    ids = people(2000, "bulk")
    other = make_badge_class(issuer, slug="other-work")
    someone = get_user_model().objects.create_user("someone", "someone@example.jp", "pw")
    job = api.start_bulk_job(badge_class, ids, description="2,000")
    wait_for(lambda: Award.objects.filter(badge_class=badge_class).exists(), 120, "first award")
    # Other work queued now: one award of another badge class, through the same worker.
    started = time.monotonic()
    result = award_task.delay(other.pk, someone.pk, "manual")
    public_id = result.get(timeout=120)
    waited = time.monotonic() - started
    job = job_state(job)
    assert public_id
    assert Award.objects.get(public_id=public_id).recipient == someone
    assert job.done < job.total, "the other task only ran after the whole bulk job"
    wait_for(lambda: job_state(job).state == BulkJob.DONE, 1500, "the bulk job to finish")
    assert (job.total, job.done, job.failed) == (2000, 2000, 0)
    awards = Award.objects.filter(badge_class=badge_class)
    assert awards.count() == 2000
    assert len(set(awards.values_list("status_index", flat=True))) == 2000
    print(f"\nother task waited {waited:.1f}s while the bulk job ran")


def test_faults_are_recorded_and_rerun_is_idempotent(real_broker, badge_class):
    ids = people(250, "fault")
    get_user_model().objects.filter(pk=ids[10]).update(email="")  # a bad recipient
    recipients = [*ids[:120], "boom", *ids[120:]]  # "boom" fails its whole batch (100)
    job = api.start_bulk_job(badge_class, recipients, description="faults")
    wait_for(lambda: job_state(job).state in (BulkJob.DONE, BulkJob.FAILED), 600, "the job")
    assert job.state == BulkJob.DONE
    assert job.failed == 1 + 100
    assert job.done == 251 - job.failed
    assert any(item["user_id"] == ids[10] for item in job.errors)
    assert any(item["user_id"] is None and "ValueError" in item["error"] for item in job.errors)
    issued = Award.objects.filter(badge_class=badge_class).count()
    assert issued == job.done
    # Fix the bad data, run the job again: the missing ones are issued, nobody twice.
    get_user_model().objects.filter(pk=ids[10]).update(email="fixed@example.jp")
    BulkJob.objects.filter(pk=job.pk).update(recipients=ids)
    start_bulk.delay(job.pk)
    wait_for(lambda: job_state(job).state == BulkJob.DONE and job.done == 250, 600, "the rerun")
    assert job.failed == 0
    assert Award.objects.filter(badge_class=badge_class).count() == 250
    assert Award.objects.filter(badge_class=badge_class, live_key__isnull=False).count() == 250


def _start_worker(database_name, log_path):
    env = {
        **os.environ,
        "PYTHONPATH": str(ROOT),
        "DJANGO_SETTINGS_MODULE": "conf.settings.test",
        "DXQ_BROKER_URL": BROKER_URL,
        "DXQ_RESULT_BACKEND": BROKER_URL,
        "DXQ_TEST_DATABASE_NAME": str(database_name),
    }
    log = open(log_path, "a")  # noqa: SIM115 - closed by the caller through the process
    worker = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "celery",
            "-A",
            "tests.community_plugin.badges.app.worker_app",
            "worker",
            "--pool=solo",
            "--loglevel=INFO",
            "--without-gossip",
            "--without-mingle",
            "-Q",
            "dxq_badges_kill_test",
            "-n",
            f"dxq-badges-kill-{time.time_ns()}@%h",
        ],
        cwd=ROOT,
        env=env,
        stdout=log,
        stderr=subprocess.STDOUT,
    )
    return worker, log


def test_killing_the_worker_mid_batch_loses_and_doubles_nothing(real_broker, badge_class, tmp_path):
    if not _redis_reachable(BROKER_URL):
        missing(f"Redis is not reachable at {BROKER_URL}")
    ids = people(500, "kill")
    log_path = Path(tmp_path) / "worker.log"
    job = BulkJob.objects.create(badge_class=badge_class, recipients=ids, total=len(ids))
    first, log = _start_worker(connection.settings_dict["NAME"], log_path)
    try:
        start_bulk.apply_async((job.pk,), queue="dxq_badges_kill_test")
        awards = Award.objects.filter(badge_class=badge_class)
        wait_for(lambda: awards.count() >= 100, 300, "the first batch")
        time.sleep(0.5)  # the next batch is being signed
        first.send_signal(signal.SIGKILL)
        first.wait(timeout=30)
        log.close()
        killed_at = awards.count()
        assert 100 <= killed_at < 500
        assert job_state(job).done < 500  # the job did not finish
        second, log = _start_worker(connection.settings_dict["NAME"], log_path)
        try:
            wait_for(lambda: job_state(job).state == BulkJob.DONE, 600, "the redelivered batch")
        finally:
            second.terminate()
            second.wait(timeout=30)
            log.close()
    finally:
        if first.poll() is None:
            first.kill()
    assert (job.done, job.failed) == (500, 0)
    assert awards.count() == 500
    assert awards.values("recipient").distinct().count() == 500
    assert len(set(awards.values_list("status_index", flat=True))) == 500
    print(f"\nkilled after {killed_at} awards; {500 - killed_at} issued after the restart")
