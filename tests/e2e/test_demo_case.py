"""The demo case 「やまなみ精工のDX」 end to end, in Japanese: a learner starts from the home page,
works with unit 1's data, answers its first data question and finds the skills it practised on
"My skills"."""

import io
import re

import pytest
from django.core.management import call_command
from playwright.sync_api import expect

from casestudy_xblock import api, skills
from casestudy_xblock.blocks.scoring import weight_of
from casestudy_xblock.demo import case, generate
from tests.e2e.helpers import assert_accessible, login

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]


@pytest.fixture(autouse=True)
def fresh_workbench(transactional_db):
    """Scenarios and their state rebuilt, so the learner starts unit 1 with no answers."""
    from workbench.runtime_util import reset_global_state

    reset_global_state()


@pytest.fixture
def demo_datasets(settings, tmp_path, transactional_db):
    """The demo datasets, uploaded and profiled as `make demo` does (eager Celery, autocommit)."""
    settings.MEDIA_ROOT = str(tmp_path / "media")
    settings.DXQ_DATASET_CACHE_DIR = str(tmp_path / "cache")
    call_command("dxq_demo_case", stdout=io.StringIO())
    yield
    from casestudy_xblock.datasets import query

    query.close_readers()


def first_data_question(unit):
    """The unit's first question whose answer is computed from the data, and that answer."""
    question = next(q for q in unit["questions"] if q.get("expected_sql"))
    tables = {d["slug"]: d["sha256"] for d in unit["datasets"]}
    return question, api.evaluate_expression(question["expected_sql"], tables)


def test_a_learner_works_through_unit_one_and_sees_the_skills_practised(page, demo_datasets):
    unit = case.blocks()[0]
    question, expected = first_data_question(unit)
    assert question["kind"] == "single"
    sales_rows = len(generate.generate()["sales"].decode("utf-8").splitlines()) - 1

    login(page, "learner1")
    assert_accessible(page)
    start = page.locator("main .dxq-card h3 a").first  # the first card of the home page
    expect(start).to_have_text("ケーススタディを始める")
    start.click()
    page.wait_for_url(re.compile(r"/workbench/scenario/dxq_case\.1/\?student="))
    page.wait_for_load_state("networkidle")

    # The company and the unit.
    expect(page.locator("h1")).to_contain_text("やまなみ精工のDX 1. 現状把握・課題特定")
    block = page.locator(".dxq-case")
    expect(block.locator("h2")).to_have_text(unit["display_name"])
    expect(block).to_contain_text("株式会社やまなみ精工（架空）")
    expect(block).to_contain_text("長野県岡谷市")

    # The datasets panel: every dataset is ready and shows its profile.
    expect(block.locator(".dxq-dataset")).to_have_count(len(unit["datasets"]))
    expect(block.locator(".dxq-case__notice")).to_have_count(0)  # nothing "being prepared"
    sales = block.locator(".dxq-dataset[data-dataset=sales]")
    expect(sales.locator("h4")).to_have_text("受注実績（2023〜2024年度）")
    expect(sales).to_contain_text(f"{sales_rows}行、11列")
    sales.locator("summary", has_text="列").click()
    expect(sales.locator("table.dxq-case__table th[scope=row]").first).to_have_text("受注番号")
    assert_accessible(page)

    # Page through the order book.
    sales.locator("[data-action=show-rows]").click()
    rows = sales.locator("[data-role=rows] tbody tr")
    expect(rows).to_have_count(20)
    pager = sales.locator(".dxq-dataset__pager")
    pages = -(-sales_rows // 20)
    expect(pager).to_contain_text(f"1 / {pages}ページ")
    first_order = rows.first.locator("td").first.inner_text()
    pager.locator("button", has_text="次のページ").click()
    expect(pager).to_contain_text(f"2 / {pages}ページ")
    expect(rows.first.locator("td").first).not_to_have_text(first_order)
    expect(rows).to_have_count(20)

    # Draw a chart: sales amount by product category.
    form = sales.locator("[data-role=chart-form]")
    form.locator("select[name=x]").select_option("製品カテゴリ")
    form.locator("select[name=agg]").select_option("sum")
    form.locator("select[name=y]").select_option("金額")
    form.locator("button[type=submit]").click()
    chart = form.locator("[data-role=chart]")
    expect(chart.locator("svg[role=img] rect")).to_have_count(4)
    expect(chart.locator("table tbody tr")).to_have_count(4)
    expect(chart).to_contain_text("医療機器部品")
    assert_accessible(page)

    # Answer the first data question with the answer its SQL computes.
    form = block.locator(f"form.dxq-question[data-question='{question['id']}']")
    form.locator(f"input[value='{expected}']").check()
    form.locator("button[type=submit]").click()
    feedback = form.locator("[data-role=feedback]")
    expect(feedback).to_have_class("dxq-question__feedback is-correct")
    expect(feedback).to_contain_text("正解")
    expect(feedback).to_contain_text(question["feedback"]["correct"]["ja"][:20])
    possible = sum(weight_of(q) for q in unit["questions"])
    earned = weight_of(question)
    expect(block.locator("[data-role=score]")).to_have_text(f"得点: {earned:g} / {possible:g}")
    expect(form.locator("[data-role=attempts]")).to_have_text("正解済み")
    assert_accessible(page)

    # "My skills" lists the question's skills, found from the home page.
    page.goto("/home/")
    page.locator("main .dxq-card h3 a", has_text="実践したスキル").click()
    page.wait_for_url("**/dxq/casestudy/skills/mine/")
    expect(page.locator("h1")).to_have_text("実践したスキル")
    expect(page.locator("[data-role=empty]")).to_have_count(0)
    listed = page.locator("table.dxq-skill-table tbody tr")
    expect(listed).to_have_count(len(question["skills"]))
    for skill_id in question["skills"]:
        row = page.locator(f"tr[data-skill='{skill_id}']")
        expect(row.locator("th[scope=row]")).to_have_text(skills.get(skill_id).ja)
        expect(row.locator("td").nth(1)).to_have_text("1")  # practised once
        expect(row.locator("td").nth(2)).to_have_text("1")  # in one unit
    assert_accessible(page)


def test_a_learner_with_nothing_practised_is_sent_to_the_case_study(page):
    login(page, "learner2")
    page.goto("/dxq/casestudy/skills/mine/")
    empty = page.locator("[data-role=empty]")
    expect(empty).to_contain_text("まだ実践したスキルはありません。")
    assert_accessible(page)
    empty.locator("a", has_text="ケーススタディへ進む").click()
    page.wait_for_url(re.compile(r"/workbench/scenario/dxq_case\.1/\?student="))
    expect(page.locator(".dxq-case")).to_contain_text("株式会社やまなみ精工（架空）")
    # Without the demo command the datasets are not there yet, and the unit says so.
    expect(page.locator(".dxq-dataset .dxq-case__notice").first).to_have_text(
        "このデータセットはまだ利用できません。"
    )
    assert_accessible(page)
