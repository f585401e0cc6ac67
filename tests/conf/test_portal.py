"""Login, the per-role home pages, the demo accounts and the demo case."""

import io
import re
from urllib.parse import urlencode

import pytest
from django.contrib.auth import get_user_model
from django.core.management import call_command

from casestudy_xblock import api
from casestudy_xblock.demo import case, generate
from conf.portal import demo

#: Unit 1 of the demo case in the workbench, as the signed-in person (api.demo_case_url).
DEMO_CASE = "demo case"
#: The demo deliverable in the workbench, as the signed-in person.
DEMO_DELIVERABLE = "demo deliverable"

#: The links of each home page, in order.
HOME_LINKS = {
    "admin": [
        "/admin/",
        "/workbench/",
        DEMO_CASE,
        "/dxq/casestudy/skills/",
        "/dxq/deliverable/operator/",
        "/dxq/community/spaces/",
        "/dxq/discussions/",
        "/dxq/discussions/moderation/",
        "/dxq/insights/",
        "/dxq/insights/feedback/",
        "/dxq/insights/surveys/mine/",
    ],
    "operator": [
        "/workbench/",
        DEMO_CASE,
        "/dxq/casestudy/skills/",
        "/dxq/deliverable/operator/",
        "/dxq/community/spaces/",
        "/dxq/discussions/",
        "/dxq/discussions/moderation/",
        "/dxq/insights/",
        "/dxq/insights/feedback/",
        "/dxq/insights/surveys/mine/",
    ],
    "learner1": [
        DEMO_CASE,
        DEMO_DELIVERABLE,
        "/dxq/casestudy/skills/",
        "/dxq/casestudy/skills/mine/",
        "/dxq/community/spaces/",
        "/dxq/discussions/",
        "/dxq/badges/mine/",
        "/dxq/insights/feedback/",
        "/dxq/insights/surveys/mine/",
    ],
    "company": [
        "/dxq/casestudy/skills/",
        "/dxq/community/spaces/",
        "/dxq/insights/feedback/",
        "/dxq/insights/surveys/mine/",
        "/dxq/matching/organization/",
    ],
    "hub": [
        "/dxq/casestudy/skills/",
        "/dxq/community/spaces/",
        "/dxq/insights/feedback/",
        "/dxq/insights/surveys/mine/",
        "/dxq/matching/organization/",
    ],
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
    user = demo_accounts[username]
    client.force_login(user)
    response = client.get("/home/")
    page = response.content.decode()
    assert response.status_code == 200
    assert '<html lang="ja">' in page
    special = {
        DEMO_CASE: api.demo_case_url(user),
        DEMO_DELIVERABLE: "/workbench/scenario/dxq_deliverable.0/?"
        + urlencode({"student": api.workbench_student_id(user)}),
    }
    expected = [special.get(u, u) for u in HOME_LINKS[username]]
    section = page[page.index('id="dxq-links-heading"') :]
    assert re.findall(r'<h3><a href="([^"]+)">', section) == expected
    for url in expected:
        assert client.get(url).status_code == 200, url
    if username in ("learner1", "company", "operator"):
        assert 'href="/admin/"' not in page


def test_learners_start_the_case_study_as_themselves(client, demo_accounts):
    learner = demo_accounts["learner1"]
    client.force_login(learner)
    page = client.get("/home/").content.decode()
    assert "ケーススタディを始める" in page
    assert "実践したスキル" in page
    url = api.demo_case_url(learner)
    assert url.startswith("/workbench/scenario/dxq_case.1/?student=")
    assert url != api.demo_case_url(demo_accounts["learner2"])
    unit = client.get(url).content.decode()
    assert "やまなみ精工のDX 1. 現状把握・課題特定" in unit
    assert "株式会社やまなみ精工（架空）" in unit


def test_without_the_workbench_there_is_no_case_study_card(client, demo_accounts, settings):
    from conf.portal.home import home_context

    settings.ROOT_URLCONF = "tests.integration.lms_like_urls"  # the plugins, no workbench
    links = home_context(demo_accounts["learner1"])["links"]
    assert [link["url"] for link in links] == [
        "/dxq/casestudy/skills/",
        "/dxq/casestudy/skills/mine/",
        "/dxq/community/spaces/",
        "/dxq/discussions/",
        "/dxq/badges/mine/",
        "/dxq/insights/feedback/",
        "/dxq/insights/surveys/mine/",
    ]  # no workbench: neither the demo case nor the demo deliverable card


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
    assert "デモケース「やまなみ精工のDX」の各ユニットは" in page
    assert "<code>manage.py dxq_demo_case</code>" in page
    assert page.count("やまなみ精工のDX ") == 6  # one scenario per unit


def test_demo_command_prints_accounts_and_password(db, capsys):
    from django.core.management import call_command

    call_command("dxq_demo_accounts")
    out = capsys.readouterr().out
    assert demo.DEMO_PASSWORD in out
    for account in demo.ACCOUNTS:
        assert account.username in out


@pytest.fixture
def demo_media(settings, tmp_path):
    settings.MEDIA_ROOT = str(tmp_path / "media")
    settings.DXQ_DATASET_CACHE_DIR = str(tmp_path / "cache")
    yield
    from casestudy_xblock.datasets import query

    query.close_readers()


@pytest.mark.django_db(transaction=True)
def test_demo_case_command_makes_the_four_datasets_ready_and_is_idempotent(demo_media):
    """As in `make demo`: autocommit and eager Celery, so profiling runs in the command."""
    from casestudy_xblock.models import Dataset

    files = generate.generate()
    wanted = {d["sha256"]: d["slug"] for block in case.blocks() for d in block["datasets"]}
    assert len(wanted) == 4
    outputs = []
    for _ in range(2):
        out = io.StringIO()
        call_command("dxq_demo_case", stdout=out)
        outputs.append(out.getvalue())
        datasets = {d.sha256: d for d in Dataset.objects.all()}
        assert set(datasets) == set(wanted)  # exactly the ones the demo blocks refer to
        for sha256, slug in wanted.items():
            info = api.get_dataset(sha256)
            assert info["status"] == "ready", (slug, info["error"])
            assert info["rows"] == len(files[slug].splitlines()) - 1, slug
            assert info["filename"] == generate.FILENAMES[slug]
        if len(outputs) == 1:
            created = {sha256: d.created for sha256, d in datasets.items()}
    assert {d.sha256: d.created for d in Dataset.objects.all()} == created  # nothing new
    for output in outputs:
        for slug in generate.SLUGS:
            assert re.search(rf"^  {slug} .* ready .* rows=\d+ ", output, re.M), output


def test_every_workbench_scenario_renders(client, demo_accounts):
    """The workbench lists only scenarios that work (xblock-sdk's samples are left out)."""
    import re

    client.force_login(demo_accounts["operator"])
    index = client.get("/workbench/").content.decode()
    scenarios = sorted(set(re.findall(r'href="/workbench/scenario/([^/"]+)/\?student=', index)))
    assert scenarios, "no scenario listed"
    assert all(name.startswith(("dxq_case.", "dxq_deliverable.")) for name in scenarios), scenarios
    assert any(name.startswith("dxq_deliverable.") for name in scenarios), scenarios
    for name in scenarios:
        assert client.get(f"/workbench/scenario/{name}/").status_code == 200, name
