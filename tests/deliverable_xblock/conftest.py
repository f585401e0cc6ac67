"""Fixtures of the peer-review engine tests: a configured deliverable, learners, a rubric."""

import pytest

from tests.deliverable_xblock.peer_support import BLOCK, COURSE, RUBRIC


@pytest.fixture
def make_user(db, django_user_model):
    counter = {"n": 0}

    def make(name=None, **extra):
        counter["n"] += 1
        username = name or f"learner{counter['n']:03d}"
        return django_user_model.objects.create_user(
            username=username, password="x", email=f"{username}@example.com", **extra
        )

    return make


@pytest.fixture
def deliverable(db):
    from deliverable_xblock import api

    api.configure(BLOCK, COURSE, required_reviews=3, lease_minutes=60, calibration_items=0)
    api.publish_rubric(BLOCK, RUBRIC)
    return BLOCK


@pytest.fixture
def learners(make_user):
    return [make_user() for _ in range(6)]
