"""Helpers of the end-to-end tests: the off-server guard, the axe check, login and language."""

from dataclasses import dataclass, field
from urllib.parse import urlsplit, urlunsplit

import pytest
from axe_playwright_python.sync_playwright import Axe
from playwright.sync_api import expect

from casestudy_xblock import roles
from conf.portal import demo

ACCOUNTS = {account.username: account for account in demo.ACCOUNTS}

#: axe impacts that fail a test ("minor" and "moderate" ones are not checked).
FAILING_IMPACTS = ("serious", "critical")

_AXE = Axe()


# --- off-server guard ---------------------------------------------------------------------------


@dataclass
class Guard:
    """Lets through only requests to the live server; records what the browser should not do."""

    netloc: str
    off_server: list = field(default_factory=list)
    console_errors: list = field(default_factory=list)
    page_errors: list = field(default_factory=list)
    server_errors: list = field(default_factory=list)
    allowed_console: list = field(default_factory=list)

    def attach(self, context):
        context.route("**/*", self._route)
        context.on("console", self._console)
        context.on("weberror", lambda error: self.page_errors.append(str(error.error)))
        context.on("response", self._response)

    def _route(self, route):
        parts = urlsplit(route.request.url)
        if parts.scheme in ("http", "https") and parts.netloc == self.netloc:
            route.continue_()
        else:  # aborted here: no connection is ever opened
            self.off_server.append(route.request.url)
            route.abort("blockedbyclient")

    def _console(self, message):
        if message.type != "error":
            return
        text = f"{message.text} (at {message.location.get('url', '?')})"
        if not any(allowed in text for allowed in self.allowed_console):
            self.console_errors.append(text)

    def _response(self, response):
        if response.status >= 500:
            self.server_errors.append(f"HTTP {response.status} {response.url}")

    def allow_console_error(self, text):
        """Ignore console errors containing ``text`` from now on (e.g. an expected 403)."""
        self.allowed_console.append(text)

    def problems(self):
        """What went wrong, one line each, grouped by kind."""
        lines = []
        for title, items in (
            ("requests off the live server (aborted)", self.off_server),
            ("browser console errors", self.console_errors),
            ("uncaught page errors", self.page_errors),
            ("server errors", self.server_errors),
        ):
            if items:
                lines.append(f"{title}:")
                lines.extend(f"  {item}" for item in items)
        return lines

    def clear(self):
        for items in (self.off_server, self.console_errors, self.page_errors, self.server_errors):
            items.clear()


# --- accessibility ------------------------------------------------------------------------------


def _describe(violation):
    lines = [f"{violation['id']} [{violation['impact']}] {violation['help']}"]
    for node in violation["nodes"]:
        lines.append(f"    at {' > '.join(map(str, node['target']))}: {node['html'][:160]}")
    return "\n".join(lines)


def assert_accessible(page):
    """Fail on any serious or critical axe-core violation on the page once it has settled.

    Settled: the document has finished loading (a test may have seen the heading of a page still
    being parsed) and no region says it is busy (``aria-busy``: rows or a chart being fetched).
    Wait for a navigation a click starts before calling this: axe cannot check a page that is
    being left."""
    page.wait_for_load_state("load")
    expect(page.locator("[aria-busy=true]")).to_have_count(0)
    violations = _AXE.run(page).response["violations"]
    failing = [_describe(v) for v in violations if v["impact"] in FAILING_IMPACTS]
    if failing:
        pytest.fail(f"axe violations on {page.url}:\n" + "\n".join(failing), pytrace=False)


# --- navigation ---------------------------------------------------------------------------------


def login(page, username, password=demo.DEMO_PASSWORD):
    """Log in through the login form and wait for the home page."""
    page.goto("/login/")
    assert_accessible(page)
    page.fill("#id_username", username)
    page.fill("#id_password", password)
    page.locator("main form.dxq-form button[type=submit]").click()
    page.wait_for_url("**/home/")


def switch_language(page, code):
    """Choose ``code`` in the header's language form and submit it."""
    page.select_option("#dxq-lang-select", code)
    with page.expect_navigation():
        page.locator("form.dxq-lang button[type=submit]").click()
    expect(page.locator("html")).to_have_attribute("lang", code)


def links_on(page):
    """Absolute URLs of the page's links, without fragments, the page itself and duplicates."""
    here = _without_fragment(page.url)
    urls = []
    for href in page.eval_on_selector_all("a[href]", "links => links.map(a => a.href)"):
        url = _without_fragment(href)
        if url != here and url not in urls:
            urls.append(url)
    return urls


def _without_fragment(url):
    return urlunsplit(urlsplit(url)._replace(fragment=""))


def name_parts(username):
    """(family name, given name) of a demo user; pages may show them in either order."""
    account = ACCOUNTS[username]
    return account.last_name, account.first_name


def expect_name(locator, username):
    for part in name_parts(username):
        expect(locator).to_contain_text(part)


def english_label(code):
    return roles.ROLES[code].label
