"""The public skill standard page and its JSON endpoint."""

import re

from django.urls import reverse
from django.utils import translation

from casestudy_xblock import skills, views

PAGE = reverse("dxq_casestudy:skills")
API = reverse("dxq_casestudy:skills_api")


def english(client):
    """The client as someone who chose English with the language switch."""
    client.cookies["django_language"] = "en"
    return client


def _text(response):
    return response.content.decode()


def test_urls():
    assert PAGE == "/dxq/casestudy/skills/"
    assert API == "/dxq/casestudy/skills/api/"


def test_page_in_japanese_for_anonymous_users(client):
    response = client.get(PAGE)
    assert response.status_code == 200
    html = _text(response)
    assert '<html lang="ja">' in html
    assert "ビジネス戦略策定・実行" in html
    assert "dss-p/v1/BT-1-1" in html
    assert "Business strategy formulation and execution" not in html
    # all 49 items, each as a row header
    assert len(re.findall(r'<th scope="row" lang="ja">', html)) >= 49
    # talent types, roles, importance levels, DSS-L headings
    for text in (
        "ビジネスアーキテクト",
        "dss-p/v1/role/SW-CS",
        "dss-p/v1/importance/z",
        "マインド・スタンス",
        "dss-l/v1/L-WHAT-2-1",
    ):
        assert text in html


def test_page_shows_confidence_labels(client):
    html = _text(english(client).get(PAGE))
    assert 'class="dxq-confidence">Confidence: Medium</span>' in html
    assert "Confidence: High" in html
    assert "Confidence: Medium to high" in html


def test_page_in_english_via_the_language_switch_cookie(client):
    response = english(client).get(PAGE)
    html = _text(response)
    assert response.status_code == 200
    assert '<html lang="en">' in html
    assert "Business strategy formulation and execution" in html
    assert "Business Architect (new business development)" in html
    assert "ビジネス戦略策定・実行" not in html


def test_page_in_english_via_language_cookie(client):
    client.cookies["django_language"] = "en"
    html = _text(client.get(PAGE))
    assert '<html lang="en">' in html
    assert "Business strategy formulation and execution" in html


def test_english_page_falls_back_to_japanese_names_marked_as_japanese(client):
    html = _text(english(client).get(PAGE))
    # DSS-L item names exist only in Japanese: shown with lang="ja" for screen readers
    assert '<span lang="ja">変化への適応</span>' in html


def test_v2_draft_edition(client):
    response = english(client).get(PAGE, {"edition": "v2"})
    html = _text(response)
    assert response.status_code == 200
    assert "<strong>Unverified draft:</strong>" in html
    assert "dss-p/v2/1.1.1" in html
    assert "ビジネス環境と経営戦略の理解" in html  # ja only, even in English
    assert "dss-p/v1/BT-1-1" not in html
    assert "67 skill items" in html
    assert 'href="?edition=v2" aria-current="page"' in html


def test_v1_is_the_default_and_marked_current(client):
    html = _text(english(client).get(PAGE))
    assert 'href="?edition=v1" aria-current="page"' in html
    assert "5 categories, 12 subcategories, 49 skill items." in html
    assert "dxq-notice--draft" not in html
    assert "Unverified draft" not in html


def test_default_edition_comes_from_settings(client, settings):
    settings.DXQ_SKILL_STANDARD_EDITION = "v2"
    html = _text(client.get(PAGE))
    assert "dss-p/v2/1.1.1" in html


def test_filter_keeps_matching_items_only(client):
    response = english(client).get(PAGE, {"q": "リーダー"})
    html = _text(response)
    assert response.status_code == 200
    assert "dss-p/v1/PS-1-1" in html
    assert "dss-p/v1/BT-1-1" not in html
    assert "1 of 49 skill items matches “リーダー”." in html
    assert 'value="リーダー"' in html
    assert 'href="?edition=v2&amp;q=%E3%83%AA%E3%83%BC%E3%83%80%E3%83%BC"' in html


def test_filter_without_match_says_so(client):
    html = _text(english(client).get(PAGE, {"q": "<script>"}))
    assert "No skill item matches “&lt;script&gt;”" in html
    assert "<script>" not in html


def test_bad_edition_on_the_page_shows_a_message_and_the_default(client):
    response = english(client).get(PAGE, {"edition": "v9"})
    html = _text(response)
    assert response.status_code == 400
    assert 'role="alert">Unknown edition “v9”. Choose one of: v1, v2.' in html
    assert "dss-p/v1/BT-1-1" in html


def test_page_is_accessible_and_self_contained(client):
    html = _text(client.get(PAGE, {"edition": "v2"}))
    headings = [int(level) for level in re.findall(r"<h([1-6])[ >]", html)]
    assert headings[0] == 1
    assert headings.count(1) == 1
    assert all(b - a <= 1 for a, b in zip(headings, headings[1:], strict=False))
    assert '<label for="dxq-skill-q">' in html
    assert 'id="dxq-skill-q"' in html
    assert "<th>" not in html  # every header cell has a scope
    assert not re.search(r'(src|href)="(https?:)?//', html)  # no external requests or links
    assert "github.com/jimyoshida" in html  # the draft's source, as plain text


def test_page_rejects_post(client):
    assert client.post(PAGE).status_code == 405


def test_api_returns_the_v1_tree(client):
    response = client.get(API)
    assert response.status_code == 200
    assert response["Content-Type"] == "application/json"
    data = response.json()
    assert data["edition"] == {
        "id": "v1",
        "ja": "共通スキルリスト ver1",
        "en": "Common skill list v1",
        "status": "published",
        "confidence": None,
        "default": True,
    }
    items = [i for c in data["categories"] for s in c["subcategories"] for i in s["items"]]
    assert [i["id"] for i in items] == [i.id for i in skills.all("v1")]
    assert items[0] == {
        "id": "dss-p/v1/BT-1-1",
        "code": "BT-1-1",
        "ja": "ビジネス戦略策定・実行",
        "en": "Business strategy formulation and execution",
        "confidence": "medium",
    }
    assert len(data["categories"]) == 5


def test_api_v2_and_query(client):
    data = client.get(API, {"edition": "v2", "q": "リーダー"}).json()
    assert data["edition"]["status"] == "draft"
    items = [i for c in data["categories"] for s in c["subcategories"] for i in s["items"]]
    assert items == [
        {
            "id": "dss-p/v2/5.1.1",
            "code": "5.1.1",
            "ja": "リーダーシップ",
            "en": None,
            "confidence": "medium",
        }
    ]
    assert len(client.get(API, {"edition": "v2"}).json()["categories"]) == 5


def test_api_bad_edition_is_400_with_a_message(client):
    response = english(client).get(API, {"edition": "v3"})
    assert response.status_code == 400
    assert response.json() == {"error": "Unknown edition “v3”. Choose one of: v1, v2."}


def test_api_error_is_translated_in_the_active_language(client, monkeypatch):
    """The message goes through gettext at request time, in the request's language."""

    def fake_gettext(message):
        return f"[{translation.get_language()}] {message}"

    monkeypatch.setattr(views, "gettext", fake_gettext)
    error = client.get(API, {"edition": "v3"}).json()["error"]
    assert error.startswith("[ja] Unknown edition")
    error = english(client).get(API, {"edition": "v3"}).json()["error"]
    assert error.startswith("[en] ")


def test_api_error_uses_the_japanese_catalog_when_there_is_one(client):
    msgid = "Unknown edition “%(edition)s”. Choose one of: %(choices)s."
    with translation.override("ja"):
        translated = translation.gettext(msgid)
    assert translated != msgid, "the Japanese catalogue lacks this message"
    expected = translated % {"edition": "v3", "choices": "v1, v2"}
    assert client.get(API, {"edition": "v3"}).json()["error"] == expected
