"""Helpers shared by the suite (import as ``tests.support``)."""

import os

import pytest

#: CI sets DXQ_REQUIRE_ALL=1: a missing service or browser then fails the run instead of skipping.
REQUIRE_ALL = os.environ.get("DXQ_REQUIRE_ALL") == "1"


def missing(reason):
    """Skip the test for a missing service or tool, or fail when CI requires everything."""
    if REQUIRE_ALL:
        pytest.fail(f"{reason} (DXQ_REQUIRE_ALL=1: CI must run this test)", pytrace=False)
    pytest.skip(reason)
