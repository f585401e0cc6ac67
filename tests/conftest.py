"""Fixtures shared by the whole suite."""

import pytest


@pytest.fixture
def demo_accounts(db):
    """The demo accounts, keyed by username."""
    from conf.portal.demo import ensure_demo_accounts

    return {account.username: user for account, user in ensure_demo_accounts()}
