"""Inside the LMS both blocks carry the "send feedback to the secretariat" link themselves (the
suite's page footer is not around them there), pointing at the unit they are on."""

from urllib.parse import parse_qs, urlsplit

import pytest
from django.utils import translation
from opaque_keys.edx.keys import UsageKey

from casestudy_xblock.blocks import feedback_link

LINK = 'class="dxq-feedback-link"'
UNIT = "block-v1:DXQuest+CS101+2026+type@dxq_case+block@diagnosis"


@pytest.fixture
def in_lms(monkeypatch):
    monkeypatch.setattr(feedback_link.platform, "in_lms", lambda: True)


def test_the_url_names_the_unit_as_the_page_it_came_from(in_lms):
    url = feedback_link.feedback_url(UsageKey.from_string(UNIT))
    parts = urlsplit(url)
    assert parts.path == "/dxq/insights/feedback/"
    assert parse_qs(parts.query) == {
        "from": [f"/courses/course-v1:DXQuest+CS101+2026/jump_to/{UNIT}"]
    }


def test_no_link_standalone_in_a_preview_or_without_the_insights_app(settings, monkeypatch):
    unit = UsageKey.from_string(UNIT)
    assert feedback_link.feedback_url(unit) == ""  # standalone: the page footer has it
    monkeypatch.setattr(feedback_link.platform, "in_lms", lambda: True)
    assert feedback_link.feedback_url(unit, preview=True) == ""
    monkeypatch.setattr(feedback_link, "reverse", _no_such_url)
    assert feedback_link.feedback_url(unit) == ""


def _no_such_url(name):
    from django.urls import NoReverseMatch

    raise NoReverseMatch(name)


def test_the_case_block_shows_it_in_the_lms_only(harness, monkeypatch):
    assert LINK not in harness.html()
    monkeypatch.setattr(feedback_link.platform, "in_lms", lambda: True)
    with translation.override("ja"):
        html = harness.html()
    assert LINK in html
    assert 'href="/dxq/insights/feedback/' in html
    assert 'target="_blank" rel="noopener"' in html
    assert "Send feedback to the secretariat" not in html  # in Japanese
    assert LINK not in harness.html("author_view")  # Studio's preview
