"""The workbench scenarios: the sample and the six units of the demo case, built with the block's
own OLX writer and rendered by xblock-sdk's workbench."""

import io
import re

import pytest
from django.core.management import call_command

from casestudy_xblock import api
from casestudy_xblock.blocks import scenarios
from casestudy_xblock.blocks.case import CaseStudyBlock
from casestudy_xblock.blocks.olx import content_from_node, parse_olx
from casestudy_xblock.demo import case, generate

UNIT_HEADINGS = [
    "1. 現状把握・課題特定",
    "2. 打ち手の検討",
    "3. 導入計画",
    "4. 組織変革",
    "5. 新規事業",
    "6. 経営層への提案",
]


@pytest.fixture
def workbench(db):
    """The workbench's scenarios, loaded afresh (as the workbench does on its first page)."""
    from workbench.runtime_util import reset_global_state
    from workbench.scenarios import get_scenarios

    reset_global_state()
    return get_scenarios()


@pytest.fixture
def operator_client(client, demo_accounts):
    client.force_login(demo_accounts["operator"])
    return client


@pytest.fixture
def demo_storage(settings, tmp_path):
    settings.MEDIA_ROOT = str(tmp_path / "media")
    settings.DXQ_DATASET_CACHE_DIR = str(tmp_path / "cache")
    yield
    from casestudy_xblock.datasets import query

    query.close_readers()


def test_one_scenario_per_demo_unit():
    found = CaseStudyBlock.workbench_scenarios()
    assert len(found) == 1 + 6
    assert found[0][0] == scenarios.SAMPLE_TITLE
    for (title, _xml), heading in zip(found[1:], UNIT_HEADINGS, strict=True):
        assert title.startswith(f"やまなみ精工のDX {heading} / Yamanami Seiko's DX ")
    assert found[1][0].endswith("1. Understanding the situation and identifying issues")


def test_each_unit_is_the_demo_content_through_the_blocks_own_olx():
    units = case.blocks()
    for (_title, xml), content in zip(
        CaseStudyBlock.workbench_scenarios()[1:7], units, strict=True
    ):
        assert content_from_node(parse_olx(xml)) == content


def test_scenario_ids_are_the_workbenchs(workbench):
    assert scenarios.demo_unit_scenario_id(1) == "dxq_case.1"
    assert scenarios.demo_unit_scenario_id(6) == "dxq_case.6"
    for unit, heading in enumerate(UNIT_HEADINGS, start=1):
        assert heading in workbench[scenarios.demo_unit_scenario_id(unit)].description
    assert "dxq_case.7" not in workbench
    for wrong in (0, 7):
        with pytest.raises(ValueError, match="units 1 to 6"):
            scenarios.demo_unit_scenario_id(wrong)


def test_demo_case_url_is_the_workbench_page_as_the_user(demo_accounts):
    user = demo_accounts["learner1"]
    url = api.demo_case_url(user)
    assert url.startswith("/workbench/scenario/dxq_case.1/?student=")
    assert api.demo_case_url(user, unit=3).startswith("/workbench/scenario/dxq_case.3/?")


def test_demo_case_url_is_none_without_the_workbench(settings, demo_accounts):
    settings.ROOT_URLCONF = "tests.integration.lms_like_urls"
    assert api.demo_case_url(demo_accounts["learner1"]) is None


def _cases(html):
    return re.findall(r'<div class="dxq-case" id="([^"]+)"', html)


@pytest.mark.parametrize("unit", range(1, 7))
def test_with_no_dataset_uploaded_every_unit_renders_and_says_so(
    workbench, operator_client, demo_storage, unit
):
    response = operator_client.get(f"/workbench/scenario/{scenarios.demo_unit_scenario_id(unit)}/")
    page = response.content.decode()
    assert response.status_code == 200
    assert len(_cases(page)) == 1
    assert "株式会社やまなみ精工（架空）" in page
    datasets = case.blocks()[unit - 1]["datasets"]
    assert page.count("このデータセットはまだ利用できません。") == len(datasets)


def test_a_dataset_being_processed_shows_it_is_being_prepared(
    workbench, operator_client, demo_storage
):
    data = generate.generate()["sales"]
    api.upload_dataset(io.BytesIO(data), generate.FILENAMES["sales"])  # not committed: pending
    page = operator_client.get("/workbench/scenario/dxq_case.1/").content.decode()
    assert page.count("このデータセットは準備中です。") == 1  # sales
    assert page.count("このデータセットはまだ利用できません。") == 2  # production, customers


def test_after_the_demo_command_the_units_show_their_data(
    workbench, operator_client, demo_storage, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        call_command("dxq_demo_case", stdout=io.StringIO())
    page = operator_client.get("/workbench/scenario/dxq_case.1/").content.decode()
    assert "まだ利用できません" not in page
    assert "このデータセットは準備中です" not in page
    assert page.count('data-action="show-rows"') == 3
    rows = len(generate.generate()["sales"].decode().splitlines()) - 1
    assert f"{rows}行、11列" in page
