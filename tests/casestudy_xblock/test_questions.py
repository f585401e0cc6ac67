"""casestudy_xblock.questions: validating questions (ADR 0008) and grading answers."""

import copy

import pytest

from casestudy_xblock import questions as q
from casestudy_xblock.questions import Problem


def lt(ja, en=""):
    return {"ja": ja, "en": en}


NUMERIC = {
    "id": "growth",
    "kind": "numeric",
    "prompt": lt("伸び率は？", "Growth?"),
    "answer": 1234.5,
    "tolerance": {"mode": "abs", "value": 0.5},
    "hints": [lt("ヒント")],
    "feedback": {"correct": lt("正解"), "incorrect": lt("不正解")},
    "skills": ["dss-p/v1/DU-1-1"],
    "weight": 2,
}
SINGLE = {
    "id": "cause",
    "kind": "single",
    "prompt": lt("原因は？"),
    "choices": [{"id": "a", "text": lt("A")}, {"id": "b", "text": lt("B")}],
    "answer": "a",
}
MULTIPLE = {
    "id": "steps",
    "kind": "multiple",
    "prompt": lt("すべて選ぶ"),
    "choices": [{"id": c, "text": lt(c.upper())} for c in ("a", "b", "c", "d")],
    "answer": ["a", "c"],
}
TEXT = {
    "id": "term",
    "kind": "text",
    "prompt": lt("用語は？"),
    "answer": ["在庫日数", "Days of inventory"],
}


@pytest.mark.parametrize(
    ("text", "number"),
    [
        ("1234.5", 1234.5),
        ("1,234.5", 1234.5),
        ("１，２３４．５", 1234.5),
        ("－３", -3.0),
        ("−3.5", -3.5),
        (" 12 ", 12.0),
        ("+7", 7.0),
        (".5", 0.5),
        ("1e3", 1000.0),
        ("1,234,567", 1234567.0),
        (42, 42.0),
        (0.25, 0.25),
    ],
)
def test_parse_number_reads_what_people_type(text, number):
    assert q.parse_number(text) == number


@pytest.mark.parametrize(
    "text",
    ["", "abc", "12円", "1,23", "1.234,5", "1..2", "inf", "nan", "1e", "--1", True, None, [1]],
)
def test_parse_number_refuses_what_is_not_a_number(text):
    assert q.parse_number(text) is None


@pytest.mark.parametrize("question", [NUMERIC, SINGLE, MULTIPLE, TEXT])
def test_valid_questions_have_no_problems(question):
    assert q.validate_question(question) == []


def changed(question, **changes):
    result = copy.deepcopy(question)
    for key, value in changes.items():
        if value is None:
            result.pop(key, None)
        else:
            result[key] = value
    return result


@pytest.mark.parametrize(
    ("question", "problem"),
    [
        (changed(NUMERIC, id="Bad Id"), Problem("id", "not_slug")),
        (changed(NUMERIC, kind="essay"), Problem("kind", "unknown_kind")),
        (changed(NUMERIC, prompt=lt("", "only English")), Problem("prompt.ja", "required")),
        (changed(NUMERIC, prompt=None), Problem("prompt", "required")),
        (changed(NUMERIC, answer="12"), Problem("answer", "not_a_number")),
        (
            changed(NUMERIC, tolerance={"mode": "pct", "value": 1}),
            Problem("tolerance.mode", "invalid"),
        ),
        (
            changed(NUMERIC, tolerance={"mode": "rel", "value": -1}),
            Problem("tolerance.value", "out_of_range"),
        ),
        (changed(NUMERIC, weight=0), Problem("weight", "out_of_range")),
        (changed(NUMERIC, weight="2"), Problem("weight", "not_a_number")),
        (changed(NUMERIC, skills=["dss-p/v1/NOPE"]), Problem("skills.0", "unknown_skill")),
        (changed(NUMERIC, hints=[lt("")]), Problem("hints.0.ja", "required")),
        (changed(NUMERIC, feedback={"maybe": lt("x")}), Problem("feedback", "invalid")),
        (changed(SINGLE, answer="z"), Problem("answer", "unknown_choice")),
        (changed(SINGLE, answer=None), Problem("answer", "required")),
        (
            changed(SINGLE, choices=[{"id": "a", "text": lt("A")}]),
            Problem("choices", "too_few_choices"),
        ),
        (
            changed(SINGLE, choices=[{"id": "a", "text": lt("A")}, {"id": "a", "text": lt("B")}]),
            Problem("choices.1.id", "duplicate"),
        ),
        (changed(MULTIPLE, answer=["a", "z"]), Problem("answer", "unknown_choice")),
        (changed(MULTIPLE, answer=["a", "a"]), Problem("answer", "duplicate")),
        (changed(MULTIPLE, answer=[]), Problem("answer", "required")),
        (changed(TEXT, answer=[" "]), Problem("answer", "required")),
        (changed(TEXT, answer="在庫日数"), Problem("answer", "required")),
        (changed(NUMERIC, expected_sql="DELETE FROM sales"), Problem("expected_sql", "not_select")),
        (
            changed(NUMERIC, expected_sql="SELECT 1; SELECT 2"),
            Problem("expected_sql", "not_select"),
        ),
    ],
)
def test_invalid_questions_report_the_field_and_the_reason(question, problem):
    assert problem in q.validate_question(question)


def test_expected_sql_replaces_the_answer_and_needs_a_dataset():
    question = changed(NUMERIC, answer=None, expected_sql="SELECT sum(amount) FROM sales;")
    assert q.validate_question(question, dataset_slugs=["sales"]) == []
    assert q.validate_question(question, dataset_slugs=[]) == [
        Problem("expected_sql", "no_datasets")
    ]
    assert (
        q.validate_question(changed(question, expected_sql="WITH t AS (SELECT 1) SELECT * FROM t"))
        == []
    )


def test_validate_questions_prefixes_fields_and_finds_duplicate_ids():
    problems = q.validate_questions([NUMERIC, changed(SINGLE, id="growth", answer="z")])
    assert Problem("questions.1.id", "duplicate") in problems
    assert Problem("questions.1.answer", "unknown_choice") in problems
    assert q.validate_questions("nope") == [Problem("questions", "invalid")]


@pytest.mark.parametrize(
    ("answer", "correct"),
    [("1234.5", True), ("１，２３４．５", True), ("1234.9", True), ("1235.1", False), (1234, True)],
)
def test_numeric_grading_with_absolute_tolerance(answer, correct):
    grade = q.grade(NUMERIC, answer)
    assert grade.correct is correct
    assert grade.points == (2.0 if correct else 0.0)
    assert grade.feedback == ("correct" if correct else "incorrect")


def test_numeric_grading_with_relative_tolerance_and_without_any():
    relative = changed(NUMERIC, answer=200, tolerance={"mode": "rel", "value": 0.01})
    assert q.grade(relative, "198").correct
    assert q.grade(relative, "202").correct
    assert not q.grade(relative, "197.9").correct
    exact = changed(NUMERIC, answer=0.3, tolerance=None)
    assert q.grade(exact, "0.3").correct  # 0.1 + 0.2 style float noise never fails a learner
    assert q.grade(exact, 0.1 + 0.2).correct
    assert not q.grade(exact, "0.31").correct


@pytest.mark.parametrize(
    ("answer", "code"), [("abc", "not_a_number"), ("", "empty"), ("  ", "empty")]
)
def test_numeric_answers_that_are_not_numbers_are_not_marked(answer, code):
    grade = q.grade(NUMERIC, answer)
    assert (grade.correct, grade.feedback, grade.marked) == (False, code, False)


def test_single_choice_grading():
    assert q.grade(SINGLE, "a").correct
    assert q.grade(SINGLE, "b").feedback == "incorrect"
    assert q.grade(SINGLE, "zzz").feedback == "unknown_choice"
    assert q.grade(SINGLE, "").feedback == "empty"


def test_multiple_choice_is_all_or_nothing_and_says_which_are_wrong():
    assert q.grade(MULTIPLE, ["c", "a"]).correct
    missing = q.grade(MULTIPLE, ["a"])
    assert (missing.correct, missing.detail) == (False, {"wrong": [], "missing": 1})
    wrong = q.grade(MULTIPLE, ["a", "b", "c", "d"])
    assert (wrong.correct, wrong.points, wrong.detail) == (
        False,
        0.0,
        {"wrong": ["b", "d"], "missing": 0},
    )
    assert q.grade(MULTIPLE, ["a", "x"]).feedback == "unknown_choice"
    assert q.grade(MULTIPLE, []).feedback == "empty"


def test_text_grading_ignores_width_case_and_spaces():
    assert q.grade(TEXT, "  在庫日数 ").correct
    assert q.grade(TEXT, "ＤＡＹＳ　ＯＦ　inventory").correct
    assert q.grade(TEXT, "days  of\ninventory").correct
    assert not q.grade(TEXT, "在庫").correct
    assert q.grade(TEXT, "").feedback == "empty"
    assert q.grade(TEXT, "x" * 1001).feedback == "too_long"


def test_a_computed_expected_value_wins_over_the_answer():
    assert q.grade(NUMERIC, "99", expected=99).correct
    assert q.grade(NUMERIC, "99", expected="99.2").correct  # within the tolerance of 0.5
    assert q.grade(MULTIPLE, ["b", "d"], expected="b,d").correct
    assert q.grade(SINGLE, "b", expected="b").correct
    assert q.grade(TEXT, "42", expected=42).correct
    assert q.grade(NUMERIC, "1", expected=None).feedback == "no_expected"
    assert q.grade(NUMERIC, "1", expected="n/a").feedback == "no_expected"
