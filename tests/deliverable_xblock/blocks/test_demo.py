"""``manage.py dxq_demo_deliverable``: the demo's submissions and reviews, loaded twice."""

import io

import pytest
from django.core.management import CommandError, call_command

from deliverable_xblock import api
from deliverable_xblock.blocks import demo, scenarios


@pytest.fixture
def workbench(db):
    from workbench.runtime_util import reset_global_state
    from workbench.scenarios import get_scenarios

    reset_global_state()
    return get_scenarios()


def test_the_block_key_is_the_workbench_usage_id(workbench):
    scenario = workbench[scenarios.scenario_id(0)]
    assert scenario.usage_id == demo.BLOCK_KEY


def test_the_demo_needs_the_demo_accounts(db):
    with pytest.raises(CommandError, match="dxq_demo_accounts"):
        call_command("dxq_demo_deliverable", stdout=io.StringIO())


def test_the_demo_loads_once_and_learner2_has_a_grade(demo_accounts):
    out = io.StringIO()
    call_command("dxq_demo_deliverable", stdout=out)
    assert "4 submissions and 7 reviews added" in out.getvalue()
    call_command("dxq_demo_deliverable", stdout=out)
    assert "0 submissions and 0 reviews added" in out.getvalue()
    learner2 = demo_accounts["learner2"]
    assert len(api.reviews_received(demo.BLOCK_KEY, learner2)) == 2
    grade = api.grade_of(demo.BLOCK_KEY, learner2)
    assert grade.visible
    assert grade.published
    assert grade.points_possible == 16
    assert api.submission_of(demo.BLOCK_KEY, demo_accounts["learner1"]) is None
    assert api.progress_of(demo.BLOCK_KEY, learner2).reviews_done == 2
    learner1 = demo_accounts["learner1"]
    api.submit(demo.BLOCK_KEY, "course-v1:dxq+workbench+demo", learner1, text_html="<p>x</p>")
    assert api.request_review(demo.BLOCK_KEY, learner1) is not None  # a work waits for her
