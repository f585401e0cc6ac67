"""The Studio editor: its form, validation on save (nothing saved when wrong), skills, datasets."""

import copy
import json

import pytest
from xblock.reference.user_service import UserService, XBlockUser

from casestudy_xblock.blocks.content import clean_content, validate_content


def init_args(fragment):
    return fragment.json_init_args


def test_studio_view_carries_the_content_schema_and_translated_words(harness, sample):
    fragment = harness.block.studio_view()
    init = init_args(fragment)
    assert init["content"]["questions"][0]["id"] == "growth"
    titles = [section["title"] for section in init["schema"]]
    assert len(titles) == 7
    assert init["strings"]["ja"]
    assert init["strings"]["en"]
    assert "dss-p/v1/BT-2-3" in init["skillNames"]
    assert fragment.js_init_fn == "DxqCaseStudio"
    assert "form" in fragment.body_html()


def test_saving_valid_content_updates_every_field(harness, sample):
    content = copy.deepcopy(sample)
    content["display_name"] = "  新しい名前 "
    content["max_attempts"] = "5"
    content["company"]["employees"] = "１２０"
    content["questions"][0]["answer"] = "１，２３４．５"
    content["questions"][0]["tolerance"] = {"mode": "rel", "value": "0.01"}
    result = harness.call("save_studio", {"content": content})
    assert result["ok"], result
    block = harness.block
    assert block.display_name == "新しい名前"
    assert block.max_attempts == 5
    assert block.company["employees"] == 120
    assert block.questions[0]["answer"] == 1234.5
    assert block.questions[0]["tolerance"] == {"mode": "rel", "value": 0.01}
    assert result["content"]["display_name"] == "新しい名前"


def test_invalid_content_is_not_saved_and_each_problem_names_its_field(harness, sample):
    before = harness.block.content_dict()
    content = copy.deepcopy(sample)
    content["display_name"] = "変更したが保存されない"
    content["company"]["name"] = {"ja": "", "en": "Only English"}
    content["questions"][1]["answer"] = "nope"
    content["questions"][2]["choices"][1]["id"] = "orders"
    content["questions"].append(copy.deepcopy(content["questions"][0]))
    content["skills"] = ["dss-p/v1/XX-9"]
    content["max_attempts"] = "many"
    content["datasets"] = [
        {"slug": "Bad Slug", "title": {"ja": "売上"}, "sha256": "123", "filename": ""}
    ]
    result = harness.call("save_studio", {"content": content})
    assert result["ok"] is False
    assert result["message"]
    fields = {error["field"]: error for error in result["errors"]}
    for field in [
        "company.name.ja",
        "questions.1.answer",
        "questions.2.choices.1.id",
        "questions.4.id",
        "skills.0",
        "max_attempts",
        "datasets.0.slug",
        "datasets.0.sha256",
        "datasets.0.filename",
    ]:
        assert field in fields, (field, sorted(fields))
        assert fields[field]["message"]
    assert harness.block.content_dict() == before


def test_expected_sql_needs_datasets(harness, sample):
    content = copy.deepcopy(sample)
    content["questions"][0]["expected_sql"] = "SELECT 10"
    result = harness.call("save_studio", {"content": content})
    assert {k: result["errors"][0][k] for k in ("field", "code")} == {
        "field": "questions.0.expected_sql",
        "code": "no_datasets",
    }


@pytest.mark.parametrize("payload", [{"content": "x"}, {"content": None}, ["content"]])
def test_save_refuses_malformed_requests(harness, payload):
    assert harness.call("save_studio", payload, status=400)["error"]


def user_service(is_staff, role):
    user = XBlockUser(is_current_user=True)
    user.opt_attrs.update({"edx-platform.user_is_staff": is_staff, "edx-platform.user_role": role})
    service = UserService(user=user)
    service.get_current_user = lambda: user
    return service


@pytest.mark.parametrize(
    ("is_staff", "role", "status"),
    [(False, "student", 403), (False, None, 403), (False, "instructor", 200), (True, "staff", 200)],
)
def test_only_authors_save(make_harness, sample, is_staff, role, status):
    harness = make_harness(sample, services={"user": user_service(is_staff, role)})
    content = {**copy.deepcopy(sample), "display_name": "changed"}
    harness.call("save_studio", {"content": content}, status=status)
    assert (harness.block.display_name == "changed") is (status == 200)


def test_skill_search_finds_by_name_and_code(harness):
    found = harness.call("search_skills", {"q": "ビジネスアナリシス"})["skills"]
    assert [s["id"] for s in found] == ["dss-p/v1/BT-2-3"]
    assert "BT-2-3" in found[0]["label"]
    assert harness.call("search_skills", {"q": "du-1"})["skills"][0]["id"] == "dss-p/v1/DU-1-1"
    assert harness.call("search_skills", {"q": 5}, status=400)


def test_dataset_status_of_an_unknown_file(harness):
    result = harness.call("dataset_status", {"sha256": "0" * 64})
    assert result["ok"]
    assert result["status"] == "missing"
    assert result["final"]
    assert harness.call("dataset_status", {"sha256": "abc"}, status=400)


def test_clean_content_is_idempotent_and_validates(sample):
    once = clean_content(sample)
    assert clean_content(once) == once
    assert validate_content(once) == []
    assert once["questions"][1]["answer"] == "forecast"
    assert "choices" not in once["questions"][0]  # a numeric question has no choices


def test_cleaning_strips_control_characters_and_keeps_markdown_lines(sample):
    content = copy.deepcopy(sample)
    content["narrative"] = {"ja": "一行目\r\n\n二行目\x00\u202e", "en": ""}
    content["display_name"] = "名前\n改行"
    cleaned = clean_content(content)
    assert cleaned["narrative"] == {"ja": "一行目\n\n二行目", "en": ""}
    assert cleaned["display_name"] == "名前 改行"


def test_the_schema_uses_only_the_field_types_studio_js_draws(harness):
    schema = init_args(harness.block.studio_view())["schema"]
    types = set()

    def walk(fields):
        for field in fields:
            types.add(field["type"])
            walk(field.get("fields", []))

    for section in schema:
        walk(section["fields"])
    drawn = {"string", "number", "select", "sql", "lines", "lt", "lt_md", "list", "lt_list"}
    assert types <= drawn | {"skills", "dataset", "correct"}  # the last three: studio.js widgets
    json.dumps(schema)  # JSON all the way down


def test_in_the_workbench_only_operators_and_administrators_may_save(make_harness, sample):
    import crum

    from conf.portal.demo import ensure_demo_accounts

    users = {account.username: user for account, user in ensure_demo_accounts()}
    harness = make_harness(sample)
    content = {name: getattr(harness.block, name) for name in ("display_name",)}
    with crum.impersonate(users["learner1"]):
        harness.call("save_studio", {"content": {**content}}, status=403)
    assert harness.block.display_name == sample["display_name"]
    for username in ("operator", "admin"):
        with crum.impersonate(users[username]):
            answer = harness.call("save_studio", {"content": {**content}}, status=200)
        assert "ok" in answer  # judged on its content, not refused
