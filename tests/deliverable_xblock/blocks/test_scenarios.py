"""The workbench scenarios: listed by the workbench, rendered for a signed-in learner."""

import pytest

from casestudy_xblock.api import workbench_student_id
from deliverable_xblock.blocks import scenarios
from deliverable_xblock.blocks.content import validate_content
from deliverable_xblock.blocks.deliverable import DeliverableBlock


def test_the_scenarios_are_valid_content():
    found = DeliverableBlock.workbench_scenarios()
    assert [title for title, _xml in found] == [title for title, _c in scenarios.SCENARIOS]
    for _title, content in scenarios.SCENARIOS:
        assert validate_content(content) == []
    assert scenarios.PROPOSAL["team_mode"] is True


@pytest.fixture
def workbench(db):
    from workbench.runtime_util import reset_global_state
    from workbench.scenarios import get_scenarios

    reset_global_state()
    return get_scenarios()


def test_the_workbench_lists_and_renders_them(workbench, client, django_user_model):
    assert scenarios.scenario_id(0) in workbench
    assert scenarios.scenario_id(1) in workbench
    user = django_user_model.objects.create_user("wb-learner", password="x")
    client.force_login(user)
    index = client.get("/workbench/").content.decode()
    assert f"/workbench/scenario/{scenarios.scenario_id(0)}/?student=" in index
    page = client.get(
        f"/workbench/scenario/{scenarios.scenario_id(0)}/",
        {"student": workbench_student_id(user)},
    )
    html = page.content.decode()
    assert page.status_code == 200
    assert "課題マップと改善計画" in html
    assert 'data-section="work"' in html
    assert 'contenteditable="true"' in html
    resource = client.get(
        f"/workbench/resource/{scenarios.BLOCK_TYPE}/public/shared/studio_form.js"
    )
    assert resource.status_code == 200
    assert client.get(f"/workbench/resource/{scenarios.BLOCK_TYPE}/../settings.py").status_code in (
        403,
        404,
    )
