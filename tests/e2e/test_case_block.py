"""The case-study block (dxq_case) in the workbench: an operator opens it and edits it, a learner
answers questions and sees feedback and the score, in Japanese and in English."""

import re

import pytest
from playwright.sync_api import expect

from tests.e2e.helpers import assert_accessible, login, switch_language

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]

SCENARIO = "/workbench/scenario/dxq_case.0/"


@pytest.fixture(autouse=True)
def fresh_workbench(transactional_db):
    """The workbench keeps scenarios in memory and their fields in the (flushed) database:
    rebuild both so every test starts from the sample case with no learner state."""
    from workbench.runtime_util import reset_global_state

    reset_global_state()


def question(page, question_id):
    return page.locator(f"form.dxq-question[data-question='{question_id}']")


def test_the_operator_finds_the_case_in_the_workbench(page):
    login(page, "operator")
    page.goto("/workbench/")
    page.locator("main a[href*='dxq_case.0']").click()
    page.wait_for_url(re.compile(r"/workbench/scenario/dxq_case\.0/"))
    case = page.locator(".dxq-case")
    expect(case.locator("h2")).to_have_text("ケーススタディ: さくら食品の在庫管理")
    expect(case).to_contain_text("さくら食品株式会社（架空）")
    expect(case.locator("form.dxq-question")).to_have_count(4)
    case.locator("summary").first.click()  # people
    expect(case).to_contain_text("桜井 一郎")
    assert_accessible(page)


def test_a_learner_answers_in_japanese(page):
    login(page, "learner1")
    page.goto(SCENARIO)
    page.wait_for_load_state("networkidle")
    growth = question(page, "growth")
    growth.locator("input[name=answer]").fill("１２")
    growth.locator("button[type=submit]").click()
    feedback = growth.locator("[data-role=feedback]")
    expect(feedback).to_contain_text("計算式を見直しましょう。")
    expect(feedback).to_have_class("dxq-question__feedback is-incorrect")
    growth.locator("[data-action=hint]").click()
    expect(growth.locator("[data-role=hints] li")).to_have_count(1)
    growth.locator("input[name=answer]").fill("１０．０")
    growth.locator("button[type=submit]").click()
    expect(feedback).to_contain_text("正解です。10% の伸びです。")
    expect(growth.locator("button[type=submit]")).to_be_disabled()
    expect(growth.locator("input[name=answer]")).to_be_disabled()
    expect(page.locator(".dxq-case [data-role=score]")).to_contain_text("1 / 5")
    steps = question(page, "first-steps")
    steps.locator("input[value=orders]").check()
    steps.locator("input[value=logo]").check()
    steps.locator("button[type=submit]").click()
    expect(steps.locator("[data-role=feedback]")).to_contain_text("新しいロゴの候補")
    assert_accessible(page)
    page.reload()
    expect(question(page, "growth").locator("[data-role=feedback]")).to_contain_text("正解です")
    expect(page.locator(".dxq-case [data-role=score]")).to_contain_text("1 / 5")


def test_a_learner_answers_in_english_with_the_keyboard(page):
    login(page, "learner2")
    page.goto(SCENARIO)
    switch_language(page, "en")
    case = page.locator(".dxq-case")
    expect(case).to_contain_text("Sakura Foods Co., Ltd. (fictional)")
    term = question(page, "term")
    term.locator("input[name=answer]").fill("ＤＡＹＳ ＯＦ ＩＮＶＥＮＴＯＲＹ")
    term.locator("input[name=answer]").press("Enter")
    expect(term.locator("[data-role=feedback]")).to_have_class("dxq-question__feedback is-correct")
    cause = question(page, "cause")
    cause.locator("input[value=forecast]").focus()
    page.keyboard.press("Space")
    cause.locator("button[type=submit]").focus()
    page.keyboard.press("Enter")
    expect(cause.locator("[data-role=feedback]")).to_have_class("dxq-question__feedback is-correct")
    expect(case.locator("[data-role=score]")).to_contain_text("2 / 5")
    assert_accessible(page)


def test_the_operator_edits_the_case_and_bad_input_is_kept_and_explained(page):
    login(page, "operator")
    page.goto(SCENARIO + "studio_view/")
    editor = page.locator(".dxq-case-editor")
    name = editor.locator("input[data-field='company.name.ja']")
    expect(name).to_have_value("さくら食品株式会社（架空）")
    assert_accessible(page)
    name.fill("")
    max_attempts = editor.locator("input[data-field='max_attempts']")
    max_attempts.fill("たくさん")
    editor.locator("button[type=submit]").click()
    expect(editor.locator("[data-role=summary]")).not_to_be_empty()
    expect(name).to_have_attribute("aria-invalid", "true")
    expect(max_attempts).to_have_value("たくさん")  # nothing the author typed is lost
    expect(editor.locator(".dxq-editor__error")).to_have_count(2)
    assert_accessible(page)
    name.fill("さくら食品（改）")
    max_attempts.fill("5")
    editor.locator("button[type=submit]").click()
    # "Saving…" shows at once; leaving before "Saved." could lose the save.
    expect(editor.locator("[data-role=status]")).to_have_text("保存しました。")
    expect(editor.locator(".dxq-editor__error")).to_have_count(0)
    page.goto(SCENARIO)
    expect(page.locator(".dxq-case")).to_contain_text("さくら食品（改）")
    expect(question(page, "growth").locator("[data-role=attempts]")).to_contain_text("5")


CSV = "month,region,amount\n2024-01,東,100\n2024-01,西,50\n2024-02,東,120\n2024-02,西,80\n"


@pytest.fixture
def dataset_storage(settings, tmp_path):
    settings.MEDIA_ROOT = str(tmp_path / "media")
    settings.DXQ_DATASET_CACHE_DIR = str(tmp_path / "cache")
    yield
    from casestudy_xblock.datasets import query

    query.close_readers()


def test_the_operator_uploads_data_and_the_learner_charts_it(page, dataset_storage, tmp_path):
    csv = tmp_path / "sales.csv"
    csv.write_text(CSV, encoding="utf-8")
    login(page, "operator")
    page.goto(SCENARIO + "studio_view/")
    editor = page.locator(".dxq-case-editor")
    editor.locator("[data-path='datasets:add']").click()
    editor.locator("input[data-field='datasets.0.slug']").fill("sales")
    editor.locator("input[data-field='datasets.0.title.ja']").fill("売上データ")
    item = editor.locator("fieldset[data-field='datasets.0']")
    item.locator("input[type=file]").set_input_files(str(csv))
    item.locator("[data-action=upload]").click()
    sha256 = editor.locator("input[data-field='datasets.0.sha256']")
    expect(sha256).to_have_value(re.compile("^[0-9a-f]{64}$"))
    expect(editor.locator("input[data-field='datasets.0.filename']")).to_have_value("sales.csv")
    expect(item.locator("[role=status]")).to_contain_text("4", timeout=20_000)
    editor.locator("textarea[data-field='questions.0.expected_sql']").fill(
        "SELECT sum(amount) / 1000.0 FROM sales"
    )
    editor.locator("button[type=submit]").click()
    expect(editor.locator("[data-role=status]")).to_have_text("保存しました。")
    expect(editor.locator(".dxq-editor__error")).to_have_count(0)
    assert_accessible(page)

    page.goto(SCENARIO)
    dataset = page.locator(".dxq-dataset[data-dataset=sales]")
    expect(dataset.locator("h4")).to_have_text("売上データ")
    dataset.locator("[data-action=show-rows]").click()
    rows = dataset.locator("[data-role=rows] tbody tr")
    expect(rows).to_have_count(4)
    expect(dataset.locator("[data-action=show-rows]")).to_be_hidden()
    dataset.locator("th[aria-sort] button", has_text="amount").click()
    expect(dataset.locator("th[aria-sort=ascending]")).to_have_count(1)
    expect(rows.first.locator("td").nth(2)).to_have_text("50")
    form = dataset.locator("[data-role=chart-form]")
    form.locator("select[name=x]").select_option("region")
    form.locator("select[name=agg]").select_option("sum")
    form.locator("select[name=y]").select_option("amount")
    form.locator("button[type=submit]").click()
    chart = form.locator("[data-role=chart]")
    expect(chart.locator("svg[role=img] rect")).to_have_count(2)
    expect(chart.locator("table tbody tr")).to_have_count(2)
    assert_accessible(page)

    # One filter narrows the table and the chart: only 東's rows, one bar.
    filters = dataset.locator("[data-role=filter-form]")
    conditions = filters.locator("[data-role=conditions] > li")
    match = filters.locator("[data-role=match]")
    filters.locator("[data-action=add-condition]").click()
    first = conditions.nth(0)
    expect(first.locator("select[data-role=column]")).to_be_focused()
    first.get_by_label("列名").select_option("region")
    expect(first.locator("select[data-role=op] option")).to_have_count(3)  # =, ≠, contains
    first.get_by_label("値").fill("東")
    filters.get_by_role("button", name="絞り込みを適用").click()
    expect(match).to_have_text("4行中2行が一致")
    expect(rows).to_have_count(2)
    for index in range(2):
        expect(rows.nth(index).locator("td").nth(1)).to_have_text("東")
    expect(chart.locator("svg[role=img] rect")).to_have_count(1)
    expect(chart.locator("table tbody tr")).to_have_count(1)
    expect(chart.locator("table tbody td")).to_have_text("220")
    expect(chart.locator("figcaption")).to_contain_text("絞り込み: region = 東")
    assert_accessible(page)

    # A second condition, with the keyboard: amount ≤ 100 leaves one row and one bar.
    filters.locator("[data-action=add-condition]").focus()
    page.keyboard.press("Enter")
    second = conditions.nth(1)
    expect(second.locator("select[data-role=column]")).to_be_focused()
    second.get_by_label("列名").select_option("amount")
    expect(second.locator("select[data-role=op] option")).to_have_count(6)
    second.get_by_label("比較").select_option("<=")
    second.get_by_label("値").press("Enter")  # empty: explained, nothing sent
    expect(match).to_have_text("条件2の値を入力してください。")
    expect(second.get_by_label("値")).to_have_attribute("aria-invalid", "true")
    expect(second.get_by_label("値")).to_be_focused()
    page.keyboard.type("100")
    page.keyboard.press("Enter")
    expect(match).to_have_text("4行中1行が一致")
    expect(rows).to_have_count(1)
    expect(rows.first.locator("td")).to_have_text(["2024-01", "東", "100"])
    expect(chart.locator("table tbody td")).to_have_text("100")
    expect(dataset.locator(".dxq-dataset__pager")).to_contain_text("4行中1行が一致")

    # Removing the first condition (keyboard) and applying again: amount ≤ 100 alone.
    first.get_by_role("button", name="条件1を削除").focus()
    page.keyboard.press("Enter")
    expect(conditions).to_have_count(1)
    expect(conditions.first.locator("select[data-role=column]")).to_be_focused()
    expect(conditions.first.get_by_label("値")).to_have_value("100")
    page.keyboard.press("Tab")  # to the comparison
    page.keyboard.press("Tab")  # to the value
    expect(conditions.first.get_by_label("値")).to_be_focused()
    page.keyboard.press("Enter")
    expect(match).to_have_text("4行中3行が一致")
    expect(rows).to_have_count(3)
    expect(chart.locator("svg[role=img] rect")).to_have_count(2)

    # A value the column cannot take is explained; the table keeps the last filter.
    conditions.first.get_by_label("値").fill("たくさん")
    conditions.first.get_by_label("値").press("Enter")
    expect(match).to_have_text("値「たくさん」は列「amount」と比較できません。")
    expect(match).to_have_class(re.compile("is-error"))
    expect(rows).to_have_count(3)
    assert_accessible(page)

    growth = question(page, "growth")
    growth.locator("input[name=answer]").fill("０．３５")
    growth.locator("button[type=submit]").click()
    expect(growth.locator("[data-role=feedback]")).to_have_class(
        "dxq-question__feedback is-correct"
    )


def test_the_operator_adds_a_question_and_a_learner_answers_it(page, demo_users):
    from casestudy_xblock.api import workbench_student_id

    login(page, "operator")
    page.goto(SCENARIO + "studio_view/")
    editor = page.locator(".dxq-case-editor")
    editor.locator("[data-path='questions:add']").click()
    item = editor.locator("fieldset[data-field='questions.4']")
    expect(item.locator("legend").first).to_have_text("設問5")
    expect(item.locator("[data-path='questions.4:remove']")).to_be_focused()
    expect(editor.locator("input[data-field='questions.4.id']")).to_have_value("q5")
    expect(editor.locator("select[data-field='questions.4.kind']")).to_have_value("numeric")
    editor.locator("textarea[data-field='questions.4.prompt.ja']").fill(
        "在庫は 900 万円、1日あたりの売上原価は 20 万円です。在庫日数は？"
    )
    editor.locator("textarea[data-field='questions.4.prompt.en']").fill(
        "Stock is worth 9 million yen and the cost of sales is 200,000 yen a day. "
        "How many days of inventory is that?"
    )
    editor.locator("input[data-field='questions.4.answer']").fill("45")
    editor.locator("select[data-field='questions.4.tolerance.mode']").select_option("abs")
    editor.locator("input[data-field='questions.4.tolerance.value']").fill("0.5")
    assert_accessible(page)
    editor.locator("button[type=submit]").click()
    expect(editor.locator("[data-role=status]")).to_have_text("保存しました。")
    expect(editor.locator(".dxq-editor__error")).to_have_count(0)

    page.locator("form.dxq-logout button[type=submit]").click()
    page.wait_for_url("**/login/")
    login(page, "learner1")
    page.goto(f"{SCENARIO}?student={workbench_student_id(demo_users['learner1'])}")
    case = page.locator(".dxq-case")
    expect(case.locator("form.dxq-question")).to_have_count(5)
    added = question(page, "q5")
    expect(added.locator("legend")).to_have_text("設問5")
    expect(added).to_contain_text("在庫日数は？")
    expect(added.locator("[data-role=attempts]")).to_contain_text("3")
    expect(case.locator("[data-role=score]")).to_contain_text("0 / 6")
    answer = added.locator("input[name=answer]")
    feedback = added.locator("[data-role=feedback]")
    answer.fill("４５．６")  # outside the tolerance of 0.5
    answer.press("Enter")
    expect(feedback).to_have_class("dxq-question__feedback is-incorrect")
    expect(feedback).to_contain_text("不正解です。")
    answer.fill("44.6")
    answer.press("Enter")
    expect(feedback).to_have_class("dxq-question__feedback is-correct")
    expect(feedback).to_contain_text("正解です。")
    expect(answer).to_be_disabled()
    expect(case.locator("[data-role=score]")).to_contain_text("1 / 6")
    assert_accessible(page)
