"""Fixtures of community_plugin's own tests (names prefixed so sub-apps' fixtures never clash)."""

from datetime import timedelta

import pytest

from tests.community_plugin import world as world_module


@pytest.fixture
def community_world(demo_accounts):
    """Demo accounts with learner1 + master in a cohort space, learner2 in another course."""
    return world_module.build(demo_accounts)


@pytest.fixture
def community_staff_client(client, community_world):
    """A client logged in as the demo administrator (after the demo accounts were refreshed)."""
    client.force_login(community_world.user("staff"))
    return client


@pytest.fixture
def community_upcoming(community_world):
    """A study session in three days for two people, with a link only its readers may see."""
    return world_module.study_session(community_world, timedelta(days=3), capacity=2)


@pytest.fixture
def community_past_session(community_world):
    """A study session that started two hours ago (attendance can be taken)."""
    return world_module.study_session(community_world, -timedelta(hours=2), title="過去の会")
