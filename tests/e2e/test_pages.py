"""Pages as an anonymous visitor sees them, the login form, and the off-server guard itself."""

import pytest
from playwright.sync_api import expect

from tests.e2e.helpers import assert_accessible, switch_language

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]


def test_root_sends_anonymous_visitors_to_login(page):
    page.goto("/")
    page.wait_for_url("**/login/")
    expect(page.locator("html")).to_have_attribute("lang", "ja")
    expect(page.locator("h1")).to_be_visible()
    expect(page.locator("#id_username")).to_be_visible()
    assert_accessible(page)


def test_home_needs_login(page):
    page.goto("/home/")
    page.wait_for_url("**/login/?next=/home/")
    assert_accessible(page)


@pytest.mark.parametrize("lang", ["ja", "en"])
def test_skill_standard_is_readable_anonymously(page, lang):
    response = page.goto("/dxq/casestudy/skills/")
    assert response.status == 200
    if lang != "ja":
        switch_language(page, lang)
        assert page.url.endswith("/dxq/casestudy/skills/")
    expect(page.locator("html")).to_have_attribute("lang", lang)
    expect(page.locator("h1").first).to_be_visible()
    assert_accessible(page)


def test_wrong_password_shows_error_and_keeps_username(page):
    page.goto("/login/")
    page.fill("#id_username", "learner1")
    page.fill("#id_password", "not-the-password")
    with page.expect_navigation():
        page.locator("main form.dxq-form button[type=submit]").click()
    assert page.url.endswith("/login/")
    expect(page.locator("main [role=alert]")).to_be_visible()
    expect(page.locator("main [role=alert]")).not_to_be_empty()
    expect(page.locator("#id_username")).to_have_value("learner1")
    expect(page.locator("#id_password")).to_have_value("")
    assert_accessible(page)


def test_off_server_guard_records_and_aborts(page, guard):
    """Proves the guard can fail: an image on a documentation address (192.0.2.1, RFC 5737)."""
    page.goto("/login/")
    offsite = "http://192.0.2.1/x.png"
    guard.allow_console_error(offsite)  # Chromium logs the blocked load as a console error
    loaded = page.evaluate(
        """src => new Promise(done => {
            const img = document.createElement("img");
            img.alt = "";
            img.onload = () => done(true);
            img.onerror = () => done(false);
            img.src = src;
            document.body.append(img);
        })""",
        offsite,
    )
    assert loaded is False
    assert guard.off_server == [offsite]
    assert f"  {offsite}" in guard.problems()
    guard.clear()  # the record made its point; let this test pass


def test_axe_check_fails_on_a_serious_violation(page):
    """Proves assert_accessible is not vacuous: an unlabelled text field is a critical one."""
    page.goto("/login/")
    page.evaluate("document.querySelector('label[for=id_username]').remove()")
    with pytest.raises(pytest.fail.Exception, match=r"label \[critical\]"):
        assert_accessible(page)
