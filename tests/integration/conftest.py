"""A real Celery worker on Redis, started by the test session for tests marked celery_worker."""

import os
import subprocess
import sys
import time
from pathlib import Path

import pytest

from tests.support import missing

ROOT = Path(__file__).resolve().parents[2]
BROKER_URL = os.environ.get("DXQ_TEST_BROKER_URL", "redis://127.0.0.1:6379/15")


def _redis_reachable(url):
    import redis

    try:
        return redis.Redis.from_url(url, socket_connect_timeout=2).ping()
    except redis.RedisError:
        return False


@pytest.fixture(scope="session")
def celery_worker_process(django_db_setup, django_db_blocker):
    """A ``celery worker`` process on Redis that uses the session's test database."""
    if not _redis_reachable(BROKER_URL):
        missing(f"Redis is not reachable at {BROKER_URL}")
    import redis
    from django.db import connection

    redis.Redis.from_url(BROKER_URL).flushdb()
    with django_db_blocker.unblock():
        database_name = connection.settings_dict["NAME"]
    env = {
        **os.environ,
        "PYTHONPATH": str(ROOT),
        "DJANGO_SETTINGS_MODULE": "conf.settings.test",
        "DXQ_BROKER_URL": BROKER_URL,
        "DXQ_RESULT_BACKEND": BROKER_URL,
        "DXQ_TEST_DATABASE_NAME": str(database_name),
    }
    log_path = ROOT / "var" / "test-celery-worker.log"
    log_path.parent.mkdir(exist_ok=True)
    with open(log_path, "w") as log:
        worker = subprocess.Popen(
            [
                sys.executable,
                "-m",
                "celery",
                "-A",
                "conf",
                "worker",
                "--pool=solo",
                "--loglevel=INFO",
                "--without-gossip",
                "--without-mingle",
                "-n",
                "dxq-test@%h",
            ],
            cwd=ROOT,
            env=env,
            stdout=log,
            stderr=subprocess.STDOUT,
        )
    try:
        _wait_until_ready(worker, log_path)
        yield worker
    finally:
        worker.terminate()
        try:
            worker.wait(timeout=20)
        except subprocess.TimeoutExpired:
            worker.kill()


def _wait_until_ready(worker, log_path, timeout=60):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if worker.poll() is not None:
            pytest.fail(f"Celery worker exited early:\n{log_path.read_text()}")
        if "ready." in log_path.read_text():
            return
        time.sleep(0.2)
    pytest.fail(f"Celery worker not ready after {timeout}s:\n{log_path.read_text()}")


@pytest.fixture
def real_broker(celery_worker_process):
    """Point this process's Celery app at the worker's Redis broker (not eager) for one test."""
    from conf.celery import app

    saved = {key: app.conf[key] for key in ("broker_url", "result_backend", "task_always_eager")}
    _reconfigure(app, broker_url=BROKER_URL, result_backend=BROKER_URL, task_always_eager=False)
    try:
        yield app
    finally:
        _reconfigure(app, **saved)


def _reconfigure(app, **conf):
    """Change broker and backend of a running app: Celery caches both, so drop the caches."""
    from kombu import pools

    app.conf.update(conf)
    pools.reset()
    app._pool = None
    app.amqp._producer_pool = None
    app._backend_cache = None
    app._local.__dict__.pop("backend", None)
