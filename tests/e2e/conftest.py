"""Fixtures of the end-to-end tests: Debian's Chromium driven by Playwright against live_server.

No browser is ever downloaded: Chromium is /usr/bin/chromium (or $DXQ_CHROMIUM). Without it the
tests are skipped, unless DXQ_REQUIRE_ALL=1 (as in CI), where they fail.
"""

import os
from pathlib import Path
from urllib.parse import urlsplit

import pytest

from conf.portal import demo
from tests.e2e.helpers import Guard

# Playwright's sync API runs an asyncio loop in this thread; Django's ORM must still be usable.
os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = "true"

CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    # Second line of defence behind the route guard: whatever is not for loopback would go to a
    # closed local port instead of leaving the machine.
    "--proxy-server=http://127.0.0.1:9",
    "--proxy-bypass-list=localhost;127.0.0.1;[::1]",
]
TIMEOUT_MS = 15_000


def _chromium_or_skip():
    path = os.environ.get("DXQ_CHROMIUM", "/usr/bin/chromium")
    if Path(path).is_file() and os.access(path, os.X_OK):
        return path
    message = f"Chromium not found at {path}: apt-get install chromium, or set DXQ_CHROMIUM"
    if os.environ.get("DXQ_REQUIRE_ALL") == "1":
        pytest.fail(f"{message} (DXQ_REQUIRE_ALL=1: not skipping)", pytrace=False)
    pytest.skip(message)


@pytest.fixture(scope="session")
def browser():
    path = _chromium_or_skip()
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path=path, headless=True, args=CHROMIUM_ARGS
        )
        yield browser
        browser.close()


@pytest.fixture
def demo_users(transactional_db):
    """The demo accounts, fresh for each test: {username: user}."""
    return {account.username: user for account, user in demo.ensure_demo_accounts()}


@pytest.fixture(autouse=True)
def empty_cache():
    """No test sees what an earlier one cached: the live server shares this process's memory
    cache, which outlives the flushed database (e.g. a deliverable's settings, kept 5 minutes)."""
    from django.core.cache import cache

    cache.clear()
    yield
    cache.clear()


@pytest.fixture
def guard(live_server, request):
    guard = Guard(netloc=urlsplit(live_server.url).netloc)
    request.node.dxq_guard = guard  # checked by pytest_runtest_call below
    return guard


@pytest.fixture
def page(browser, live_server, guard, demo_users):
    """A new page in a new Japanese browser context (Accept-Language: ja-JP) on the live server."""
    context = browser.new_context(base_url=live_server.url, locale="ja-JP", service_workers="block")
    context.set_default_timeout(TIMEOUT_MS)
    guard.attach(context)
    page = context.new_page()
    yield page
    context.close()


@pytest.hookimpl(wrapper=True)
def pytest_runtest_call(item):
    """Fail a test that passed but whose browser went off the server or logged errors."""
    result = yield
    guard = getattr(item, "dxq_guard", None)
    problems = guard.problems() if guard else []
    if problems:
        pytest.fail("\n".join(["The browser did what it should not:", *problems]), pytrace=False)
    return result
