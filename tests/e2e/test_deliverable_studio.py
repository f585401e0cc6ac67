"""The deliverable's Studio editor in the workbench: an operator edits the rubric (adds a
criterion with options, reorders), sees problems in Japanese with the input kept, saves, and,
once reviews exist, a changed rubric is saved as a new version and the editor says so."""

import pytest
from playwright.sync_api import expect

from tests.e2e.helpers import assert_accessible, login

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]

EDITOR = "/workbench/scenario/dxq_deliverable.0/studio_view/"


@pytest.fixture(autouse=True)
def fresh_workbench(transactional_db):
    from workbench.runtime_util import reset_global_state

    reset_global_state()


def test_the_operator_edits_the_rubric(page):
    login(page, "operator")
    page.goto(EDITOR)
    editor = page.locator(".dxq-case-editor")
    expect(editor.locator("fieldset[data-field='rubric.criteria.0'] legend").first).to_have_text(
        "評価観点1"
    )
    assert_accessible(page)

    # Add a criterion: a label but only one option, and an option without points.
    editor.locator("[data-path='rubric.criteria:add']").click()
    added = editor.locator("fieldset[data-field='rubric.criteria.5']")
    expect(added.locator("legend").first).to_have_text("評価観点6")
    editor.locator("input[data-field='rubric.criteria.5.label.ja']").fill("読みやすさ")
    added.locator("[data-path='rubric.criteria.5.options:add']").click()
    editor.locator("input[data-field='rubric.criteria.5.options.0.label.ja']").fill("読みやすい")
    editor.locator("input[data-field='rubric.criteria.5.options.0.points']").fill("たくさん")
    editor.locator("input[data-field='lease_minutes']").fill("2")
    editor.locator("button[type=submit]").click()
    summary = editor.locator("[data-role=summary]")
    expect(summary).to_contain_text("保存されていません")
    expect(
        editor.locator("[data-field='rubric.criteria.5'] .dxq-editor__error").first
    ).to_be_visible()
    expect(editor).to_contain_text("この評価観点には選択肢を二つ以上設定してください。")
    expect(editor.locator("input[data-field='rubric.criteria.5.label.ja']")).to_have_value(
        "読みやすさ"
    )
    expect(editor.locator("input[data-field='lease_minutes']")).to_have_value("2")
    assert_accessible(page)

    # Fix it: two options with points, a valid lease; move the new criterion up one place.
    editor.locator("input[data-field='lease_minutes']").fill("45")
    editor.locator("input[data-field='rubric.criteria.5.options.0.points']").fill("0")
    editor.locator("[data-path='rubric.criteria.5.options:add']").click()
    editor.locator("input[data-field='rubric.criteria.5.options.1.label.ja']").fill(
        "とても読みやすい"
    )
    editor.locator("input[data-field='rubric.criteria.5.options.1.points']").fill("２")
    editor.locator("[data-path='rubric.criteria.5:moveUp']").click()
    expect(editor.locator("input[data-field='rubric.criteria.4.label.ja']")).to_have_value(
        "読みやすさ"
    )
    editor.locator("button[type=submit]").click()
    expect(editor.locator("[data-role=status]")).to_have_text("保存しました。")
    expect(editor.locator("input[data-field='rubric.criteria.4.id']")).to_have_value("c1")
    expect(editor.locator("input[data-field='rubric.criteria.4.options.1.id']")).to_have_value("o2")

    # Once the rubric changes again, the editor says a new version was made.
    editor.locator("input[data-field='rubric.criteria.4.options.1.points']").fill("3")
    editor.locator("button[type=submit]").click()
    expect(editor.locator("[data-role=status]")).to_contain_text("第2版")

    # The learner view shows the new criterion's options to reviewers (author preview).
    page.goto("/workbench/scenario/dxq_deliverable.0/author_view/")
    preview = page.locator(".dxq-deliv")
    expect(preview).to_contain_text("読みやすさ")
    expect(preview).to_contain_text("19点満点")
    assert_accessible(page)
