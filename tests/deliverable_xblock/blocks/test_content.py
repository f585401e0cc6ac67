"""Cleaning and validating a deliverable's content (pure: no Django, no XBlock)."""

import copy

import pytest

from deliverable_xblock.blocks import content as c
from deliverable_xblock.blocks.scenarios import ISSUE_MAP


@pytest.fixture
def raw():
    return copy.deepcopy(ISSUE_MAP)


def codes(problems):
    return {p.field: p.code for p in problems}


def test_the_demo_content_is_clean_and_valid(raw):
    assert c.clean_content(raw) == raw
    assert c.validate_content(raw) == []
    assert c.possible_points(raw["rubric"]) == 16
    assert c.rubric_skills(raw["rubric"])[:2] == ["dss-p/v1/BT-2-3", "dss-p/v1/DU-1-1"]


def test_editor_strings_become_typed_values(raw):
    raw.update(
        required_reviews="４", lease_minutes=" 90 ", give_to_get="false", team_mode="on", weight=""
    )
    cleaned = c.clean_content(raw)
    assert (cleaned["required_reviews"], cleaned["lease_minutes"]) == (4, 90)
    assert (cleaned["give_to_get"], cleaned["team_mode"], cleaned["weight"]) == (False, True, None)


def test_blank_ids_are_numbered_without_clashing():
    rubric = c.clean_rubric(
        {
            "criteria": [
                {"id": "c2", "label": "a", "options": [{"label": "x", "points": 1}, {"id": "o1"}]},
                {"label": "b", "options": [{}, {}]},
                {"label": "c", "feedback_only": True, "options": [{"label": "dropped"}]},
            ]
        }
    )
    criteria = rubric["criteria"]
    assert [x["id"] for x in criteria] == ["c2", "c1", "c3"]
    assert [o["id"] for o in criteria[0]["options"]] == ["o2", "o1"]
    assert criteria[2]["options"] == []
    assert criteria[0]["label"] == {"ja": "a", "en": ""}


@pytest.mark.parametrize(
    ("change", "field", "code"),
    [
        ({"display_name": " "}, "display_name", "required"),
        ({"prompt": {"ja": "", "en": "only English"}}, "prompt.ja", "required"),
        ({"required_reviews": 0}, "required_reviews", "out_of_range"),
        ({"max_file_mb": 500}, "max_file_mb", "out_of_range"),
        ({"lease_minutes": "soon"}, "lease_minutes", "not_a_number"),
        ({"weight": -1}, "weight", "out_of_range"),
        ({"deadline": "2026-13-40"}, "deadline", "bad_date"),
        ({"skills": ["dss-p/v1/XX-9"]}, "skills.0", "unknown_skill"),
        ({"rubric": {"criteria": []}}, "rubric.criteria", "no_criteria"),
        ({"rubric": "none"}, "rubric", "invalid"),
    ],
)
def test_problems_name_the_field(raw, change, field, code):
    raw.update(change)
    assert codes(c.validate_content(raw)).get(field) == code


@pytest.mark.parametrize(
    ("url", "good"),
    [
        ("/courses/x/materials.pdf", True),
        ("https://www.ipa.go.jp/jinzai/skill-standard/dss/", True),
        ("javascript:alert(1)", False),
        ("//evil.example/x", False),
        ("ftp://files.example/x", False),
        ("materials.pdf", False),
    ],
)
def test_material_links(url, good):
    assert c.good_url(url) is good


def test_rubric_problems(raw):
    criteria = raw["rubric"]["criteria"]
    criteria[0]["options"] = criteria[0]["options"][:1]
    criteria[1]["id"] = criteria[2]["id"]
    criteria[3]["options"][0]["points"] = 101
    problems = codes(c.validate_rubric(raw["rubric"]))
    assert problems["rubric.criteria.0.options"] == "too_few_options"
    assert problems["rubric.criteria.2.id"] == "duplicate"
    assert problems["rubric.criteria.3.options.0.points"] == "out_of_range"


def test_a_rubric_of_zero_points_is_refused():
    rubric = {
        "criteria": [
            {
                "id": "c1",
                "label": {"ja": "観点", "en": ""},
                "prompt": {"ja": "", "en": ""},
                "skills": [],
                "feedback_only": False,
                "options": [
                    {
                        "id": "a",
                        "label": {"ja": "A", "en": ""},
                        "points": 0,
                        "explanation": {"ja": "", "en": ""},
                    },
                    {
                        "id": "b",
                        "label": {"ja": "B", "en": ""},
                        "points": 0,
                        "explanation": {"ja": "", "en": ""},
                    },
                ],
            }
        ]
    }
    assert codes(c.validate_rubric(rubric)) == {"rubric.criteria": "no_points"}
