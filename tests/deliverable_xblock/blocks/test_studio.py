"""The Studio editor: every field, the rubric, validation in Japanese with nothing saved, the
engine configured on save, and a new rubric version once the rubric changes."""

import copy

import pytest
from crum import impersonate
from django.utils import translation

from casestudy_xblock import roles
from casestudy_xblock.blocks.case import CaseStudyBlock
from deliverable_xblock import api
from deliverable_xblock.blocks import identity
from deliverable_xblock.blocks.deliverable import DeliverableBlock
from deliverable_xblock.blocks.studio_schema import editor_schema, editor_strings

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def japanese():
    with translation.override("ja"):
        yield


@pytest.fixture
def operator(make_user):
    from django.contrib.auth.models import Group

    user = make_user("operator-ito")
    user.groups.add(Group.objects.get_or_create(name=roles.GROUPS[roles.OPERATOR])[0])
    return user


def save(harness, content, status=200):
    return harness.call("save_studio", {"content": content}, status=status)


def test_the_editor_lists_every_field_and_the_rubric(course, operator):
    harness = course.harness(operator)
    with impersonate(operator):
        fragment = harness.block.studio_view()
    init = fragment.json_init_args
    keys = {f["key"] for section in init["schema"] for f in section["fields"]}
    assert keys >= {
        "display_name",
        "prompt",
        "skills",
        "materials",
        "deadline",
        "team_mode",
        "max_files",
        "max_file_mb",
        "required_reviews",
        "lease_minutes",
        "target_hours",
        "give_to_get",
        "weight",
        "rubric.criteria",
    }
    criteria = next(f for s in init["schema"] for f in s["fields"] if f["key"] == "rubric.criteria")
    assert [f["key"] for f in criteria["fields"]] == [
        "id",
        "label",
        "prompt",
        "skills",
        "feedback_only",
        "options",
    ]
    assert init["content"]["rubric"]["criteria"][0]["label"]["ja"] == "現状把握"
    assert init["skillNames"]["dss-p/v1/BT-2-3"].startswith("ビジネスアナリシス")
    urls = [r.data for r in fragment.resources if r.kind == "url"]
    assert any(u.endswith("public/shared/studio_form.js") for u in urls)


def test_the_schema_labels_are_translated():
    schema = editor_schema(translation.gettext)
    assert schema[-1]["title"] == "ルーブリック"


def test_the_case_blocks_form_engine_is_served_and_loaded_before_the_editor(course, operator):
    with impersonate(operator):
        fragment = course.harness(operator).block.studio_view()
    names = [r.data.rsplit("/", 2)[-2:] for r in fragment.resources if r.kind == "url"]
    assert names == [
        ["shared", "case.css"],
        ["css", "deliverable.css"],
        ["shared", "studio_form.js"],
        ["js", "deliverable_studio.js"],
    ]
    with (
        DeliverableBlock.open_local_resource("public/shared/studio_form.js") as shared,
        CaseStudyBlock.open_local_resource("public/js/studio_form.js") as own,
    ):
        engine = shared.read()
        assert engine == own.read()
    assert b"skillsWidget" in engine  # the skill picker comes with it
    with DeliverableBlock.open_local_resource("public/js/deliverable_studio.js") as script:
        assert b"search_skills" not in script.read()


def test_the_editor_words_are_translated():
    words = editor_strings(translation.gettext, "x")
    assert (words["ja"], words["searchSkills"], words["errorCount"]) == (
        "日本語",
        "スキル標準を検索",
        "問題のある項目: %(count)s件",
    )


def test_bad_content_is_refused_in_japanese_and_nothing_is_saved(course, operator, content):
    harness = course.harness(operator)
    bad = copy.deepcopy(content)
    bad["display_name"] = ""
    bad["required_reviews"] = "三"
    bad["lease_minutes"] = 1
    bad["deadline"] = "来週の金曜"
    bad["materials"][0]["url"] = "javascript:alert(1)"
    bad["rubric"]["criteria"][0]["options"] = [bad["rubric"]["criteria"][0]["options"][0]]
    bad["rubric"]["criteria"][1]["label"] = {"ja": "", "en": "Structure"}
    bad["rubric"]["criteria"][2]["options"][1]["points"] = "たくさん"
    bad["rubric"]["criteria"][3]["skills"] = ["dss-p/v1/NOPE-1"]
    result = save(harness, bad)
    assert result["ok"] is False
    assert result["message"] == "保存されていません。下に示した項目を修正してください。"
    errors = {e["field"]: e["message"] for e in result["errors"]}
    assert errors["display_name"] == "この項目を入力してください。"
    assert "required_reviews" in errors
    assert "lease_minutes" in errors
    assert errors["deadline"].startswith("日時を入力してください")
    assert errors["materials.0.url"].startswith("https://")
    assert (
        errors["rubric.criteria.0.options"] == "この評価観点には選択肢を二つ以上設定してください。"
    )
    assert "rubric.criteria.1.label.ja" in errors
    assert "rubric.criteria.2.options.1.points" in errors
    assert "rubric.criteria.3.skills.0" in errors
    assert harness.block.display_name == content["display_name"]
    assert api.current_rubric(identity.block_key(harness.block)) is None


def test_a_valid_save_configures_the_engine_and_fills_ids(course, operator, content):
    harness = course.harness(operator)
    edited = copy.deepcopy(content)
    edited["required_reviews"] = "３"
    edited["lease_minutes"] = 30
    edited["team_mode"] = True
    edited["deadline"] = "2026-12-20T23:59"
    edited["weight"] = "10"
    edited["rubric"]["criteria"].append(
        {
            "label": {"ja": "読みやすさ", "en": "Readability"},
            "options": [
                {"label": {"ja": "読みにくい", "en": ""}, "points": 0},
                {"label": {"ja": "読みやすい", "en": ""}, "points": "2"},
            ],
        }
    )
    result = save(harness, edited)
    assert result["ok"], result
    assert result["message"] == "保存しました。"
    added = result["content"]["rubric"]["criteria"][-1]
    assert added["id"] == "c1"
    assert [o["id"] for o in added["options"]] == ["o1", "o2"]
    assert result["content"]["deadline"] == "2026-12-20T23:59"
    block = harness.block
    assert (block.required_reviews, block.lease_minutes, block.team_mode) == (3, 30, True)
    assert block.deadline == "2026-12-20T23:59:00+09:00"
    assert block.weight == 10
    assert block.max_score() == 18.0
    key = identity.block_key(block)
    conf = api.settings_of(key)
    assert (conf.required_reviews, conf.lease_minutes, conf.team_mode) == (3, 30, True)
    assert conf.deadline.isoformat() == "2026-12-20T14:59:00+00:00"
    rubric = api.current_rubric(key)
    assert rubric["version"] == 1
    assert rubric["criteria"][-1]["label"]["ja"] == "読みやすさ"


def test_saving_an_unchanged_rubric_keeps_its_version_a_changed_one_makes_a_new_one(
    course, operator, content
):
    harness = course.harness(operator)
    assert save(harness, content)["version"] == 1
    again = save(harness, {**content, "display_name": "課題マップ（改）"})
    assert (again["version"], again["message"]) == (1, "保存しました。")
    changed = copy.deepcopy(content)
    changed["rubric"]["criteria"][0]["options"][4]["points"] = 5
    result = save(harness, changed)
    assert result["version"] == 2
    assert "第2版" in result["message"]
    assert "使った版のまま" in result["message"]
    assert api.current_rubric(identity.block_key(harness.block))["version"] == 2


def test_a_learner_cannot_use_the_editors_handlers(course, make_user, content):
    harness = course.harness(make_user())
    assert save(harness, content, status=403)["code"] == "bad_request"
    assert harness.call("search_skills", {"q": "データ"}, status=403)


def test_searching_skills(course, operator):
    result = course.harness(operator).call("search_skills", {"q": "批判的"})
    assert result["ok"]
    assert result["skills"][0]["id"] == "dss-p/v1/PS-2-3"
    assert course.harness(operator).call("search_skills", {"q": 5}, status=400)


def test_the_skill_search_answers_as_the_case_blocks_does(course, operator):
    from tests.casestudy_xblock.blocks.conftest import Harness as CaseHarness

    with impersonate(operator):
        case = CaseHarness({}).call("search_skills", {"q": "データ"})
    assert course.harness(operator).call("search_skills", {"q": "データ"}) == case
    assert len(case["skills"]) > 1


def test_the_author_preview_shows_the_rubric_without_learner_state(course, operator):
    html = course.harness(operator).html("author_view")
    assert "これはプレビューです" in html
    assert "ルーブリック" in html
    assert "課題の構造化" in html
    assert "フィードバックのみ" in html
    assert 'data-section="work"' not in html
