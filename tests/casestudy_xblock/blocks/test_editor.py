"""What both Studio editors share (``blocks/editor.py``, ``shared_fields.py``, DxqForm in
studio_form.js): the case block's side. The deliverable block's side is in
tests/deliverable_xblock/blocks/test_studio.py."""

import re

import pytest
from django.utils import translation
from xblock.fields import Integer, Scope

from casestudy_xblock.blocks import editor
from casestudy_xblock.blocks.case import CaseStudyBlock
from casestudy_xblock.blocks.shared_fields import setting
from casestudy_xblock.blocks.studio_schema import editor_strings

JS = "public/js/"


def served(uri):
    with CaseStudyBlock.open_local_resource(uri) as handle:
        return handle.read().decode("utf-8")


def test_the_editor_loads_the_shared_form_engine_before_its_own_script(harness):
    fragment = harness.block.studio_view()
    urls = [r.data for r in fragment.resources if r.kind == "url"]
    scripts = [u.rsplit("/", 1)[-1] for u in urls if u.endswith(".js")]
    assert scripts == ["studio_form.js", "studio.js"]
    assert fragment.js_init_fn == "DxqCaseStudio"


def test_the_skill_picker_and_saving_live_once_in_the_form_engine():
    form, case = served(JS + "studio_form.js"), served(JS + "studio.js")
    exported = re.search(r"global\.DxqForm = \{(.*?)\};", form, re.S).group(1)
    for name in ("Form", "requests", "skillsWidget", "studio"):
        assert re.search(rf"\b{name}: {name}\b", exported), name
    for handler in ("search_skills", "save_studio"):
        assert f"'{handler}'" in form
        assert handler not in case
    assert "F.studio(" in case


def test_the_editor_words_include_the_shared_ones_in_japanese():
    with translation.override("ja"):
        words = editor_strings(translation.gettext)
    shared = editor.common_strings(lambda text: text, "not saved")
    assert set(shared) < set(words)
    assert words["searchSkills"] == "スキル標準を検索"
    assert words["notSaved"] == "保存されていません。下に示した項目を修正してください。"
    assert words["checkStatus"] != "Check the status"  # the dataset widget's own, translated


def test_field_and_section_are_the_schema_form_engine_reads():
    item = editor.field("company.name", "lt", "Company name", help="h")
    assert item == {"key": "company.name", "type": "lt", "label": "Company name", "help": "h"}
    assert editor.section("General", item) == {"title": "General", "fields": [item]}


def test_skill_names_label_known_skills_and_keep_unknown_ids():
    names = editor.skill_names({"dss-p/v1/BT-2-3", "dss-p/v1/XX-9", 5}, "ja")
    assert names["dss-p/v1/BT-2-3"].endswith("(BT-2-3)")
    assert names["dss-p/v1/XX-9"] == "dss-p/v1/XX-9"
    assert 5 not in names


@pytest.mark.parametrize("query", [5, "x" * (editor.MAX_SKILL_QUERY + 1)])
def test_a_skill_search_that_is_not_text_of_a_sensible_length_is_refused(harness, query):
    assert harness.call("search_skills", {"q": query}, status=400)["code"] == "bad_request"


def test_a_setting_is_an_author_setting_with_its_label():
    field = setting(Integer, "Maximum attempts", 3, "help")
    assert (field.scope, field.display_name, field.default, field.help) == (
        Scope.settings,
        "Maximum attempts",
        3,
        "help",
    )


def test_the_case_block_keeps_its_published_grade_per_learner():
    fields = CaseStudyBlock.fields
    for name in ("raw_earned", "raw_possible", "completed"):
        assert fields[name].scope == Scope.user_state, name
    assert fields["display_name"].scope == Scope.settings
    assert fields["max_attempts"].default == 0
