"""Answers through the block's handlers: marking, attempts, hints, grades and completion."""

import pytest
from xblock.scorable import Score

from casestudy_xblock.blocks.skills_report import practised_skill_ids, practised_skills


def test_a_correct_numeric_answer_scores_and_publishes_the_grade(harness):
    result = harness.answer("growth", "10")
    assert result["ok"]
    assert result["feedback"]["correct"]
    assert result["done"] is True
    assert result["score_text"].endswith("1 / 5")
    assert harness.published("grade") == [{"value": 1.0, "max_value": 5.0, "only_if_higher": None}]
    assert harness.block.get_score() == Score(1.0, 5.0)
    assert harness.block.max_score() == 5.0
    assert harness.block.has_submitted_answer()


@pytest.mark.parametrize("answer", ["１０", "10.05", "９．９５", " 10 "])
def test_full_width_and_tolerance(harness, answer):
    assert harness.answer("growth", answer)["feedback"]["correct"] is True


def test_an_incorrect_answer_costs_an_attempt_and_shows_the_authors_feedback(harness):
    result = harness.answer("growth", "12")
    assert result["ok"]
    assert not result["feedback"]["correct"]
    assert "計算式を見直しましょう" in result["feedback"]["html"]
    assert result["done"] is False
    assert harness.block.attempts == {"growth": 1}
    assert harness.published("grade")[-1]["value"] == 0.0


def test_an_answer_that_is_not_a_number_costs_nothing(harness):
    result = harness.answer("growth", "十パーセント")
    assert result == {"ok": False, "code": "not_a_number", "message": result["message"]}
    assert result["message"]
    assert harness.block.attempts == {}
    assert harness.events == []


def test_attempts_run_out(harness):
    for _ in range(3):
        assert harness.answer("cause", "price")["ok"]
    refused = harness.answer("cause", "forecast")
    assert (refused["ok"], refused["code"]) == (False, "no_attempts_left")
    assert harness.block.attempts["cause"] == 3
    assert harness.block.question_done("cause")


def test_unlimited_attempts(make_harness, sample):
    harness = make_harness({**sample, "max_attempts": 0})
    for _ in range(5):
        assert harness.answer("cause", "price")["ok"]
    assert harness.answer("cause", "forecast")["feedback"]["correct"]
    assert harness.answer("cause", "forecast")["code"] == "already_correct"


def test_multiple_choice_reports_which_choices_are_wrong(harness):
    result = harness.answer("first-steps", ["orders", "logo"])
    assert not result["feedback"]["correct"]
    assert any(
        "Ideas for a new logo" in line or "新しいロゴ" in line
        for line in result["feedback"]["detail"]
    )
    assert len(result["feedback"]["detail"]) == 2  # one wrong choice, one correct choice missing
    assert harness.answer("first-steps", ["stock", "orders"])["feedback"]["correct"]
    assert harness.block.get_score().raw_earned == 2.0


def test_text_answers_compare_after_normalising(harness):
    assert harness.answer("term", "ＤＡＹＳ ＯＦ ＩＮＶＥＮＴＯＲＹ")["feedback"]["correct"]


def test_completion_is_published_once_when_every_question_is_done(harness):
    harness.answer("growth", "10")
    harness.answer("cause", "forecast")
    harness.answer("first-steps", ["orders", "stock"])
    assert harness.published("completion") == []
    for _ in range(3):
        harness.answer("term", "wrong")
    assert harness.published("completion") == [{"completion": 1.0}]
    assert harness.published("grade")[-1] == {
        "value": 4.0,
        "max_value": 5.0,
        "only_if_higher": None,
    }
    assert harness.answer("term", "在庫日数")["code"] == "no_attempts_left"
    assert harness.published("completion") == [{"completion": 1.0}]
    assert harness.block.completed


def test_scorable_api_and_rescoring_after_the_author_fixes_an_answer(harness):
    harness.answer("first-steps", ["orders", "stock"])
    harness.answer("cause", "price")
    assert harness.block.calculate_score() == Score(2.0, 5.0)
    harness.block.set_score(Score(1.0, 5.0))
    assert harness.block.get_score() == Score(1.0, 5.0)
    questions = harness.block.questions
    questions[1]["answer"] = "price"  # the author fixes the answer key
    harness.block.questions = questions
    assert harness.block.calculate_score() == Score(3.0, 5.0)
    harness.block.rescore(only_if_higher=False)
    assert harness.published("grade")[-1] == {
        "value": 3.0,
        "max_value": 5.0,
        "only_if_higher": False,
    }


def test_hints_are_shown_one_at_a_time(harness):
    result = harness.call("get_hint", {"question": "growth"})
    assert result["ok"]
    assert result["hints_left"] == 0
    assert "昨年度" in result["hints"][0]["html"]
    assert harness.call("get_hint", {"question": "growth"})["code"] == "no_more_hints"
    assert harness.block.hints_shown == {"growth": 1}


@pytest.mark.parametrize(
    ("handler", "payload"),
    [
        ("submit_answer", {"question": "nope", "answer": "1"}),
        ("submit_answer", {"question": 5, "answer": "1"}),
        ("submit_answer", {"question": "growth", "answer": {"x": 1}}),
        ("submit_answer", ["growth"]),
        ("submit_answer", b"{not json"),
        ("get_hint", {"question": None}),
        ("dataset_page", {"dataset": "nope"}),
        ("dataset_chart", {"dataset": "nope", "x": "a"}),
    ],
)
def test_malformed_requests_get_a_translated_400(harness, handler, payload):
    body = harness.call(handler, payload, status=400)
    assert isinstance(body["error"], str)
    assert body["error"]
    assert harness.block.attempts == {}


def test_an_over_long_answer_is_refused_without_an_attempt(harness):
    result = harness.answer("term", "x" * 5000)
    assert (result["ok"], result["code"]) == (False, "too_long")


def test_practised_skills(harness):
    assert practised_skills(harness.block) == []
    harness.answer("first-steps", ["orders", "stock"])
    assert practised_skills(harness.block) == ["dss-p/v1/DU-1-1", "dss-p/v1/PS-2-3"]
    harness.answer("growth", "10")
    harness.answer("cause", "forecast")
    harness.answer("term", "在庫日数")
    # content order: growth, cause, first-steps (the block is complete, its own skills are in)
    assert practised_skills(harness.block) == [
        "dss-p/v1/DU-1-1",
        "dss-p/v1/BT-2-3",
        "dss-p/v1/PS-2-3",
    ]


def test_practised_skill_ids_is_pure():
    content = {
        "questions": [{"id": "a", "skills": ["s1", "s2"]}, {"id": "b", "skills": ["s3"]}],
        "skills": ["s2", "s4"],
    }
    assert practised_skill_ids(content, {"correctness": {"a": True, "b": False}}) == ["s1", "s2"]
    both = practised_skill_ids(content, {"correctness": {"b": True}, "completed": True})
    assert both == ["s3", "s2", "s4"]


class MarkingI18n:
    def gettext(self, text):
        return f"⟦{text}⟧"


@pytest.mark.parametrize("payload", [b"{not json", b"\xff\xfe", b"[1]", {"question": "nope"}])
def test_every_refusal_is_translated(make_harness, sample, payload):
    harness = make_harness(sample, services={"i18n": MarkingI18n()})
    body = harness.call("submit_answer", payload, status=400)
    assert body["error"].startswith("⟦")
    assert body["code"] in ("bad_request", "unknown_question")


def test_handlers_want_post(harness):
    import json

    from webob import Request

    response = harness.block.handle("submit_answer", Request.blank("/"))
    assert response.status_code == 405
    assert json.loads(response.body)["code"] == "bad_request"
