"""The DSS-P skill picker (DxqForm.skillsWidget in studio_form.js) in both Studio editors, the
case block's and the deliverable block's, in the workbench: an operator searches the standard in
Japanese, picks one skill with the keyboard and one with the mouse, removes one, saves and
reloads; the chips and the block's saved field keep the choice. The deliverable's criteria have
their own picker. Japanese by default and English by the header's switch; axe clean; nothing
off the server (the guard fixture)."""

import pytest
from playwright.sync_api import expect

from tests.e2e.helpers import assert_accessible, login, switch_language

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]

CASE = "dxq_case.0"
DELIVERABLE = "dxq_deliverable.0"

BT_1_1 = "dss-p/v1/BT-1-1"
BT_2_3 = "dss-p/v1/BT-2-3"
DU_1_1 = "dss-p/v1/DU-1-1"
DU_1_2 = "dss-p/v1/DU-1-2"
DU_2_1 = "dss-p/v1/DU-2-1"
PS_2_3 = "dss-p/v1/PS-2-3"

#: Chip labels (``name (code)``) and the picker's words, as the editor shows them.
TEXTS = {
    "ja": {
        "labels": {
            BT_1_1: "ビジネス戦略策定・実行 (BT-1-1)",
            BT_2_3: "ビジネスアナリシス (BT-2-3)",
            DU_1_1: "データ理解・活用 (DU-1-1)",
            DU_1_2: "データ・AI活用戦略 (DU-1-2)",
            DU_2_1: "数理統計・多変量解析・データ可視化 (DU-2-1)",
            PS_2_3: "批判的思考 (PS-2-3)",
        },
        "add": "{}を追加",
        "remove": "{}を削除",
        "search": "スキル標準を検索",
        "none": "一致するスキルはありません。",
        "saved": "保存しました。",
    },
    "en": {
        "labels": {
            BT_1_1: "Business strategy formulation and execution (BT-1-1)",
            BT_2_3: "Business analysis (BT-2-3)",
            DU_1_1: "Data understanding and use (DU-1-1)",
            DU_1_2: "Data/AI utilization strategy (DU-1-2)",
            DU_2_1: "Mathematical statistics, multivariate analysis, data visualization (DU-2-1)",
            PS_2_3: "Critical thinking (PS-2-3)",
        },
        "add": "Add {}",
        "remove": "Remove {}",
        "search": "Search the skill standard",
        "none": "No skill matches.",
        "saved": "Saved.",
    },
}


@pytest.fixture(autouse=True)
def fresh_workbench(transactional_db):
    """The workbench keeps scenarios in memory and their fields in the (flushed) database."""
    from workbench.runtime_util import reset_global_state

    reset_global_state()


def saved_block(scenario):
    """The scenario's block as the workbench stores it (fields read from the database)."""
    from workbench.runtime import WorkbenchRuntime
    from workbench.scenarios import SCENARIOS

    return WorkbenchRuntime().get_block(SCENARIOS[scenario].usage_id)


def open_editor(page, scenario, lang):
    login(page, "operator")
    page.goto(f"/workbench/scenario/{scenario}/studio_view/")
    if lang != "ja":
        switch_language(page, lang)
    editor = page.locator(".dxq-case-editor")
    expect(editor.locator("button[type=submit]")).to_be_visible()
    return editor


class Picker:
    """One skill field of the editor, found again after each re-render by its path."""

    def __init__(self, page, editor, path, lang):
        self.page, self.path, self.text = page, path, TEXTS[lang]
        self.wrap = editor.locator(f"div.dxq-editor__field[data-field='{path}']")
        self.chips = self.wrap.locator(f"ul[data-field='{path}'] > li")
        self.search = self.wrap.locator(f"input[data-path='{path}:search']")
        self.results = self.wrap.locator("ul[aria-live=polite]")

    def label(self, skill):
        return self.text["labels"][skill]

    def expect_chips(self, skills):
        """The chips, in order: each a skill's label and its remove button ("×")."""
        expect(self.chips).to_have_text([f"{self.label(s)}×" for s in skills])

    def add_button(self, skill):
        return self.results.get_by_role("button", name=self.text["add"].format(self.label(skill)))

    def searched(self, text, *, keyboard=False):
        """Search ``text`` and wait for the answer to it (the search is debounced)."""
        with self.page.expect_response(
            lambda r: (
                "/search_skills" in r.url and (r.request.post_data_json or {}).get("q") == text
            )
        ):
            if keyboard:  # as an IME commits a word: one input event with the whole text
                self.search.focus()
                self.page.keyboard.insert_text(text)
            else:
                self.search.fill(text)

    def pick_with_keyboard(self, skill):
        """From the search box just answered, Tab to the first result (``skill``), press Enter."""
        expect(self.search).to_be_focused()
        expect(self.results.get_by_role("button").first).to_have_text(
            self.text["add"].format(self.label(skill))
        )
        self.page.keyboard.press("Tab")
        expect(self.add_button(skill)).to_be_focused()
        self.page.keyboard.press("Enter")
        # The form is drawn again with the new chip; the focus is back in the (new) search box.
        expect(self.chips.filter(has_text=self.label(skill))).to_have_count(1)
        expect(self.search).to_be_focused()
        expect(self.search).to_have_value("")

    def pick_with_mouse(self, text, skill):
        self.searched(text)
        self.add_button(skill).click()
        expect(self.chips.filter(has_text=self.label(skill))).to_have_count(1)

    def remove(self, skill):
        self.wrap.get_by_role("button", name=self.text["remove"].format(self.label(skill))).click()
        expect(self.chips.filter(has_text=self.label(skill))).to_have_count(0)
        expect(self.search).to_be_focused()


def save_and_reload(page, editor, lang):
    editor.locator("button[type=submit]").click()
    # "Saving…" shows at once; leaving before "Saved." could lose the save.
    expect(editor.locator("[data-role=status]")).to_have_text(TEXTS[lang]["saved"])
    expect(editor.locator(".dxq-editor__error")).to_have_count(0)
    page.reload()
    expect(page.locator("html")).to_have_attribute("lang", lang)
    expect(editor.locator("button[type=submit]")).to_be_visible()


@pytest.mark.parametrize("lang", ["ja", "en"])
def test_the_case_editor_picks_skills_from_the_standard(page, lang):
    editor = open_editor(page, CASE, lang)
    unit = Picker(page, editor, "skills", lang)
    unit.expect_chips([BT_2_3, DU_1_1])
    expect(unit.wrap.get_by_label(unit.text["search"])).to_have_count(1)
    assert_accessible(page)

    # "データ" typed in finds the data skills; the ones already chosen are not offered again.
    unit.searched("データ", keyboard=True)
    expect(unit.add_button(DU_1_2)).to_be_visible()
    expect(unit.add_button(DU_2_1)).to_be_visible()
    expect(unit.add_button(DU_1_1)).to_have_count(0)
    assert_accessible(page)
    unit.pick_with_keyboard(DU_1_2)
    unit.pick_with_mouse("可視化", DU_2_1)
    unit.searched("該当しない言葉")
    expect(unit.results).to_have_text(unit.text["none"])
    unit.remove(BT_2_3)
    unit.expect_chips([DU_1_1, DU_1_2, DU_2_1])
    assert_accessible(page)

    save_and_reload(page, editor, lang)
    unit.expect_chips([DU_1_1, DU_1_2, DU_2_1])
    assert saved_block(CASE).skills == [DU_1_1, DU_1_2, DU_2_1]
    # A question's own skills are left as they were.
    Picker(page, editor, "questions.0.skills", lang).expect_chips([DU_1_1])
    assert_accessible(page)


@pytest.mark.parametrize("lang", ["ja", "en"])
def test_the_deliverable_editor_picks_skills_for_itself_and_a_criterion(page, lang):
    editor = open_editor(page, DELIVERABLE, lang)
    general = Picker(page, editor, "skills", lang)
    criterion = Picker(page, editor, "rubric.criteria.0.skills", lang)
    general.expect_chips([BT_2_3, PS_2_3, BT_1_1])
    criterion.expect_chips([BT_2_3, DU_1_1])
    assert_accessible(page)

    # The deliverable's own skills: one by keyboard, one by mouse, one removed.
    general.searched("データ", keyboard=True)
    general.pick_with_keyboard(DU_1_1)
    general.pick_with_mouse("可視化", DU_2_1)
    general.remove(PS_2_3)
    general.expect_chips([BT_2_3, BT_1_1, DU_1_1, DU_2_1])

    # The first criterion's: its picker offers only what the criterion lacks.
    criterion.searched("データ", keyboard=True)
    expect(criterion.add_button(DU_1_1)).to_have_count(0)
    criterion.pick_with_keyboard(DU_1_2)
    criterion.remove(BT_2_3)
    criterion.pick_with_mouse("可視化", DU_2_1)
    criterion.expect_chips([DU_1_1, DU_1_2, DU_2_1])
    general.expect_chips([BT_2_3, BT_1_1, DU_1_1, DU_2_1])  # one picker does not touch the other
    assert_accessible(page)

    save_and_reload(page, editor, lang)
    general.expect_chips([BT_2_3, BT_1_1, DU_1_1, DU_2_1])
    criterion.expect_chips([DU_1_1, DU_1_2, DU_2_1])
    Picker(page, editor, "rubric.criteria.1.skills", lang).expect_chips([PS_2_3, BT_2_3])
    block = saved_block(DELIVERABLE)
    assert block.skills == [BT_2_3, BT_1_1, DU_1_1, DU_2_1]
    assert block.rubric["criteria"][0]["skills"] == [DU_1_1, DU_1_2, DU_2_1]
    assert block.rubric["criteria"][1]["skills"] == [PS_2_3, BT_2_3]
    assert_accessible(page)
