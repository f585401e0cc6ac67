"""Fixtures of community_plugin's own tests (names prefixed so sub-apps' fixtures never clash)."""

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
