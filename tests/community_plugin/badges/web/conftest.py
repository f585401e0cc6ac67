"""Fixtures of the badges web tests: badges-core's issuer, classes and learners (local network
only), plus a client per role."""

import pytest
from django.test import Client

from community_plugin.badges import api
from tests.community_plugin.badges.app.conftest import (  # noqa: F401 - fixtures
    badge_class,
    issuer,
    learner,
    make_badge_class,
    no_network,
    other_learner,
)


@pytest.fixture
def award(badge_class, learner):  # noqa: F811 - fixtures imported above
    return api.award(
        badge_class,
        learner,
        source="manual",
        language="ja",
        evidence_url="https://dxq.example.jp/evidence/1",
        evidence_narrative="需要予測の成果物を提出。",
    )


@pytest.fixture
def client_of():
    """``client_of(user)``: a test client signed in as ``user`` (anonymous for ``None``)."""

    def make(user=None, **kwargs):
        client = Client(**kwargs)
        if user is not None:
            client.force_login(user)
        return client

    return make


@pytest.fixture(autouse=True)
def fresh_cache():
    """The signed status list is cached per issuer pk, and pks repeat across rolled-back tests."""
    from django.core.cache import cache

    cache.clear()
    yield
    cache.clear()
