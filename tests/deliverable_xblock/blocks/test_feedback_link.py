"""Inside the LMS the deliverable block carries the feedback link itself (no suite footer there)."""

from django.utils import translation

from casestudy_xblock.blocks import feedback_link

LINK = 'class="dxq-feedback-link"'


def test_the_deliverable_block_shows_it_in_the_lms_only(course, make_user, monkeypatch):
    harness = course.harness(make_user())
    assert LINK not in harness.html()
    monkeypatch.setattr(feedback_link.platform, "in_lms", lambda: True)
    with translation.override("en"):
        html = harness.html()
    assert LINK in html
    assert "Send feedback to the secretariat" in html
    assert 'href="/dxq/insights/feedback/' in html
