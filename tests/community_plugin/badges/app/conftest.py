"""Fixtures of the badges Django tests: an issuer with keys, badge classes, learners.

The pure-core tests (one level up) refuse every socket; these tests talk to MariaDB and Redis,
so the guard here refuses only connections to hosts other than this machine.
"""

import socket

import pytest
from django.contrib.auth import get_user_model

from community_plugin.badges import api
from community_plugin.badges.models import Issuer
from tests.community_plugin.badges.app.helpers import make_badge_class
from tests.integration.conftest import celery_worker_process, real_broker  # noqa: F401

LOCAL = {"127.0.0.1", "localhost", "::1"}


@pytest.fixture(autouse=True)
def no_network(monkeypatch):
    """Local services only (MariaDB, Redis): any other host raises."""
    attempts = []
    real_connect = socket.socket.connect
    real_create = socket.create_connection

    def _host(address):
        return address[0] if isinstance(address, tuple) else address

    def guarded(self, address, *args, **kwargs):
        if isinstance(address, tuple) and _host(address) not in LOCAL:
            attempts.append(address)
            raise AssertionError(f"network connection attempted to {address!r}")
        return real_connect(self, address, *args, **kwargs)

    def guarded_create(address, *args, **kwargs):
        if _host(address) not in LOCAL:
            attempts.append(address)
            raise AssertionError(f"network connection attempted to {address!r}")
        return real_create(address, *args, **kwargs)

    monkeypatch.setattr(socket.socket, "connect", guarded)
    monkeypatch.setattr(socket, "create_connection", guarded_create)
    return attempts


@pytest.fixture(autouse=True)
def fresh_cache():
    """Cached status lists must not leak from one test's database to the next."""
    from django.core.cache import cache

    cache.clear()
    yield
    cache.clear()


@pytest.fixture
def issuer(db):
    made = Issuer.objects.create(
        slug="dxq",
        name="マナビDX Quest 事務局",
        url="https://dxq.example.jp/",
        email="badges@dxq.example.jp",
    )
    api.setup_issuer(made)
    return made


@pytest.fixture
def badge_class(issuer):
    return make_badge_class(issuer)


@pytest.fixture
def learner(db):
    return get_user_model().objects.create_user("hanako", "Hanako@Example.jp", "pw")


@pytest.fixture
def other_learner(db):
    return get_user_model().objects.create_user("taro", "taro@example.jp", "pw")
