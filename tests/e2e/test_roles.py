"""Each demo role logs in, sees its home page in Japanese and English, and follows its links."""

from urllib.parse import urlsplit

import pytest
from playwright.sync_api import expect

from conf.portal import demo
from tests.e2e.helpers import (
    ACCOUNTS,
    assert_accessible,
    english_label,
    expect_name,
    links_on,
    login,
    switch_language,
)

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]

#: Asserts on Japanese UI text; they pass once the ja catalogues are compiled.
ASSERT_JA_TEXT = True
#: Japanese headings of the role cards on the home page.
JA_ROLE_LABELS = {
    "administrator": "事務局管理者",
    "operator": "コース運営者",
    "learner": "受講者",
    "company": "参加企業ユーザー",
    "hub": "地域ハブ ユーザー",
}
JA_WELCOME = "ようこそ"

#: Pages each role must at least find linked from its home page.
MUST_LINK = {
    "administrator": ["/admin/", "/workbench/"],
    "operator": ["/workbench/"],
    "learner": ["/dxq/community/spaces/"],
    "company": ["/dxq/matching/organization/"],
    "hub": ["/dxq/matching/organization/"],
}
COMMON_LINKS = ["/dxq/casestudy/skills/", "/dxq/community/spaces/"]
ORGANIZATIONS = {"company": demo.DEMO_COMPANY["name"], "hub": demo.DEMO_HUB["name"]}

USERNAMES = list(ACCOUNTS)
ORGANIZATION = "/dxq/matching/organization/"


def _ja_text_problems(page, role):
    """Mismatches of the Japanese UI text (collected, asserted at the end of the test)."""
    problems = []
    heading = page.locator(f"li.dxq-card[data-role={role}] h3").inner_text().strip()
    if heading != JA_ROLE_LABELS[role]:
        problems.append(f"role card {role}: {heading!r}, expected {JA_ROLE_LABELS[role]!r}")
    title = page.locator("h1").inner_text()
    if JA_WELCOME not in title:
        problems.append(f"h1 {title!r} lacks {JA_WELCOME!r}")
    return problems


def _check_home(page, username, lang):
    role = ACCOUNTS[username].role
    expect(page.locator("html")).to_have_attribute("lang", lang)
    expect_name(page.locator("h1"), username)
    expect_name(page.locator("header .dxq-user"), username)
    cards = page.locator("li.dxq-card[data-role]")
    assert [cards.nth(i).get_attribute("data-role") for i in range(cards.count())] == [role]
    if lang == "en":
        expect(cards.first.locator("h3")).to_have_text(english_label(role))
        expect(page.locator("h1")).to_contain_text("Welcome")
    assert_accessible(page)


def _follow_links(page, role, lang):
    """Open every link of the home page; each answers, shows a heading and passes axe."""
    server = urlsplit(page.url).netloc
    urls = links_on(page)
    offsite = [url for url in urls if urlsplit(url).netloc != server]
    assert not offsite, f"links off the server: {offsite}"
    paths = [urlsplit(url).path for url in urls]
    for path in [*COMMON_LINKS, *MUST_LINK[role]]:
        assert path in paths, f"{role} home page does not link {path}: {paths}"
    for url in urls:
        response = page.goto(url)
        assert response.ok, f"{url} answered {response.status}"
        expect(page.locator("h1").first).to_be_visible()
        if page.locator("header.dxq-header").count():
            expect(page.locator("html")).to_have_attribute("lang", lang)
        assert_accessible(page)


@pytest.mark.parametrize("lang", ["ja", "en"])
@pytest.mark.parametrize("username", USERNAMES)
def test_role_home_and_links(page, username, lang):
    role = ACCOUNTS[username].role
    login(page, username)
    if lang != "ja":
        switch_language(page, lang)
        assert page.url.endswith("/home/")
    _check_home(page, username, lang)
    ja_problems = _ja_text_problems(page, role) if lang == "ja" and ASSERT_JA_TEXT else []
    _follow_links(page, role, lang)
    assert not ja_problems, "Japanese UI text (ASSERT_JA_TEXT):\n" + "\n".join(ja_problems)


def test_language_switch_round_trip(page):
    login(page, "learner1")
    expect(page.locator("html")).to_have_attribute("lang", "ja")
    switch_language(page, "en")
    assert page.url.endswith("/home/")
    expect(page.locator("h1")).to_contain_text("Welcome")
    page.goto("/dxq/community/spaces/")
    expect(page.locator("html")).to_have_attribute("lang", "en")
    switch_language(page, "ja")
    assert page.url.endswith("/dxq/community/spaces/")
    expect(page.locator("#dxq-lang-select")).to_have_value("ja")
    assert_accessible(page)


@pytest.mark.parametrize("username", ["company", "hub"])
def test_company_and_hub_see_their_organization(page, username):
    login(page, username)
    response = page.goto(ORGANIZATION)
    assert response.status == 200
    expect(page.locator("main dl")).to_contain_text(ORGANIZATIONS[ACCOUNTS[username].role])
    expect_name(page.locator("main ul").first, username)
    assert_accessible(page)


def test_learner_is_refused_the_organization_page(page, guard):
    login(page, "learner1")
    guard.allow_console_error("status of 403")
    response = page.goto(ORGANIZATION)
    assert response.status == 403
    expect(page.locator("h1")).to_have_text("このページは開けません")
    expect(page.locator("main a[href='/home/']")).to_be_visible()
    assert_accessible(page)


def test_logout(page):
    login(page, "learner2")
    page.locator("form.dxq-logout button[type=submit]").click()
    page.wait_for_url("**/login/")
    expect(page.locator("header .dxq-user")).to_have_count(0)
    page.goto("/home/")
    page.wait_for_url("**/login/?next=/home/")
    assert_accessible(page)
