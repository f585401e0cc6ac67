"""Login, the per-role home pages and the demo accounts."""

import pytest
from django.contrib.auth import get_user_model

from conf.portal import demo

HOME_LINKS = {
    "admin": ["/admin/", "/workbench/", "/dxq/casestudy/skills/", "/dxq/community/spaces/"],
    "operator": ["/workbench/", "/dxq/casestudy/skills/", "/dxq/community/spaces/"],
    "learner1": ["/dxq/casestudy/skills/", "/dxq/community/spaces/"],
    "company": ["/dxq/casestudy/skills/", "/dxq/community/spaces/", "/dxq/matching/organization/"],
    "hub": ["/dxq/casestudy/skills/", "/dxq/community/spaces/", "/dxq/matching/organization/"],
}


def test_demo_accounts_are_idempotent_and_log_in(client, db):
    demo.ensure_demo_accounts()
    demo.ensure_demo_accounts()
    assert get_user_model().objects.count() == len(demo.ACCOUNTS)
    for account in demo.ACCOUNTS:
        assert client.login(username=account.username, password=demo.DEMO_PASSWORD)


def test_anonymous_root_goes_to_login(client, db):
    response = client.get("/")
    assert response.status_code == 302
    assert response["Location"] == "/login/"
    assert client.get("/home/")["Location"].startswith("/login/?next=/home/")


def test_login_lands_on_home(client, demo_accounts):
    response = client.post("/login/", {"username": "learner1", "password": demo.DEMO_PASSWORD})
    assert response.status_code == 302
    assert response["Location"] == "/home/"


def test_wrong_password_keeps_username_and_explains_in_japanese(client, demo_accounts):
    response = client.post("/login/", {"username": "learner1", "password": "wrong"})
    page = response.content.decode()
    assert response.status_code == 200
    assert 'value="learner1"' in page
    assert "正しいユーザー名とパスワードを入力してください" in page


@pytest.mark.parametrize("username", sorted(HOME_LINKS))
def test_home_page_links_what_each_role_can_do(client, demo_accounts, username):
    client.force_login(demo_accounts[username])
    response = client.get("/home/")
    page = response.content.decode()
    assert response.status_code == 200
    assert '<html lang="ja">' in page
    for url in HOME_LINKS[username]:
        assert f'href="{url}"' in page
        assert client.get(url).status_code == 200, url
    if username in ("learner1", "company", "operator"):
        assert 'href="/admin/"' not in page


def test_home_page_in_japanese_says_who_you_are(client, demo_accounts):
    client.force_login(demo_accounts["hub"])
    page = client.get("/home/").content.decode()
    assert "ようこそ、高橋 さくらさん" in page
    assert "地域ハブ ユーザー" in page
    assert "いまできること" in page


def test_home_page_in_english(client, demo_accounts):
    client.force_login(demo_accounts["hub"])
    response = client.post("/i18n/setlang/", {"language": "en", "next": "/home/"})
    assert response["Location"] == "/home/"
    page = client.get("/home/").content.decode()
    assert '<html lang="en">' in page
    assert "Regional hub user" in page


def test_japanese_first_whatever_the_browser_asks(client, demo_accounts):
    client.force_login(demo_accounts["hub"])
    page = client.get("/home/", HTTP_ACCEPT_LANGUAGE="en-US,en;q=0.9").content.decode()
    assert '<html lang="ja">' in page
    client.cookies["django_language"] = "xx"  # an unknown choice falls back to Japanese
    assert '<html lang="ja">' in client.get("/home/").content.decode()


def test_error_pages_are_ours_and_in_japanese(client, demo_accounts):
    client.force_login(demo_accounts["learner1"])
    forbidden = client.get("/dxq/matching/organization/")
    assert forbidden.status_code == 403
    assert "このページは開けません" in forbidden.content.decode()
    missing = client.get("/no-such-page/")
    assert missing.status_code == 404
    assert "ページが見つかりません" in missing.content.decode()


def test_workbench_needs_login(client, demo_accounts):
    assert client.get("/workbench/")["Location"].startswith("/login/")
    client.force_login(demo_accounts["operator"])
    page = client.get("/workbench/").content.decode()
    assert '<html lang="ja">' in page
    assert "XBlock ワークベンチ" in page


def test_demo_command_prints_accounts_and_password(db, capsys):
    from django.core.management import call_command

    call_command("dxq_demo_accounts")
    out = capsys.readouterr().out
    assert demo.DEMO_PASSWORD in out
    for account in demo.ACCOUNTS:
        assert account.username in out
