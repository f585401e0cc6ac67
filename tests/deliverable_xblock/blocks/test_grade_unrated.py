"""The grade section names the criteria no review scored (added to the rubric later) and says
that the total counts the other criteria in proportion."""

import pytest
from django.utils import translation

from deliverable_xblock import api
from deliverable_xblock.blocks import render
from deliverable_xblock.results import GradeInfo

pytestmark = pytest.mark.django_db


def grade(unrated):
    return GradeInfo(
        criteria=[
            {
                "id": "c1",
                "label": {"ja": "課題設定", "en": "Framing"},
                "estimate": 5.0,
                "low": 4,
                "high": 6,
                "points_possible": 10,
            }
        ],
        total=8.0,
        total_low=6.0,
        total_high=10.0,
        points_possible=16.0,
        visible=True,
        reviews_needed=0,
        reviews_received=2,
        final=False,
        published=False,
        unrated=unrated,
    )


def test_criteria_added_after_the_reviews_are_named(course, make_user):
    learner = make_user()
    harness = course.harness(learner)
    block = harness.block
    progress = api.progress_of(block.engine_key(), learner)
    with translation.override("en"):
        html = render.render_section(
            block,
            "grade",
            render.grade_context(block, learner, grade([{"ja": "データ", "en": "Data"}]), progress),
        )
        plain = render.render_section(
            block, "grade", render.grade_context(block, learner, grade([]), progress)
        )
    assert 'data-role="unrated"' in html
    assert "no review scored them" in html
    assert '<span lang="en">Data</span>' in html
    assert "counts the other criteria in proportion" in html
    assert 'data-role="unrated"' not in plain
