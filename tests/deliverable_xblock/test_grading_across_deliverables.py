"""Reviewer statistics follow a reviewer to their next deliverable; coverage series and chart."""

from datetime import timedelta

from django.test import TestCase
from django.utils import timezone

from deliverable_xblock import api, grading, operator_data, svgchart
from deliverable_xblock.models import DeliverableSettings, ReviewerStats
from tests.deliverable_xblock.peer_support import BLOCK, COMMENTS, COURSE, RUBRIC, scores

OTHER = BLOCK.replace("plan", "deck")


def test_a_lenient_reviewer_is_corrected_on_the_next_deliverable(deliverable, make_user):
    api.configure(BLOCK, COURSE, required_reviews=1, calibration_items=3)
    operator = make_user("op", is_staff=True)
    for i in range(3):
        api.create_gold(BLOCK, COURSE, operator, text_html=f"<p>g{i}</p>", expert_scores=scores(1))
    for _ in range(2):
        api.submit(BLOCK, COURSE, make_user(), text_html="<p>plan</p>")
    lenient = make_user("lenient")
    for _ in range(5):  # gold, peer, gold, peer, gold: 3 points above the experts each time
        lease = api.request_review(BLOCK, lenient)
        api.submit_review(lease.id, lenient, scores=scores(4), comments=COMMENTS)
    grading.regrade_block(BLOCK)
    assert ReviewerStats.objects.get(user=lenient).bias > 1.5

    api.configure(OTHER, COURSE, required_reviews=1, calibration_items=0)
    api.publish_rubric(OTHER, RUBRIC)
    author = make_user("author")
    api.submit(OTHER, COURSE, author, text_html="<p>deck</p>")
    lease = api.request_review(OTHER, lenient)
    api.submit_review(lease.id, lenient, scores=scores(4), comments=COMMENTS, regrade=False)
    grade = api.grade_of(OTHER, author)
    assert grade.total <= 11  # 16 raw points, corrected by the carried-over bias (~+2.5 each)


def test_coverage_series_counts_fully_reviewed_submissions_by_day(deliverable, make_user):
    api.configure(BLOCK, COURSE, required_reviews=1, calibration_items=0)
    day0 = timezone.now().replace(hour=1, minute=0, second=0, microsecond=0) - timedelta(days=3)
    authors = [make_user() for _ in range(2)]
    api.submit(BLOCK, COURSE, authors[0], text_html="<p>a</p>", now=day0)
    api.submit(BLOCK, COURSE, authors[1], text_html="<p>b</p>", now=day0 + timedelta(days=1))
    reviewer = make_user()
    with TestCase.captureOnCommitCallbacks(execute=True):
        lease = api.request_review(BLOCK, reviewer, now=day0 + timedelta(days=1, hours=2))
        api.submit_review(
            lease.id,
            reviewer,
            scores=scores(2),
            comments=COMMENTS,
            now=day0 + timedelta(days=1, hours=3),
        )
    series = operator_data.coverage_series(DeliverableSettings.objects.get(block_key=BLOCK))
    assert [(p["submitted"], p["covered"], p["percent"]) for p in series[:3]] == [
        (1, 0, 0),
        (2, 1, 50),
        (2, 1, 50),
    ]


def test_svg_chart_escapes_text_and_draws_points():
    svg = svgchart.line_chart([("<b>", 10), ("2", 90)], title="A & B")
    assert svg.startswith("<svg")
    assert svg.endswith("</svg>")
    assert "&lt;b&gt;" in svg
    assert "A &amp; B" in svg
    assert svg.count("<circle") == 2
