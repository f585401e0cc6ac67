"""Questions of a case-study block (ADR 0008): validate them and grade answers. Pure Python.

:func:`validate_question` returns a list of :class:`Problem` ``(field, code)``; an empty list
means the question is good. :func:`grade` marks one answer and returns a :class:`Grade`. The
expected value of a question whose answer is computed (``expected_sql``) is passed in by the
caller, which runs the SQL through the datasets API.
"""

from __future__ import annotations

import math
import re
import unicodedata
from collections.abc import Iterable, Mapping
from decimal import Decimal
from typing import NamedTuple

from . import skills
from .text import fold, is_localized, sanitize_plain

__all__ = [
    "CHOICE_KINDS",
    "INVALID_ANSWER_CODES",
    "KINDS",
    "Grade",
    "Problem",
    "grade",
    "parse_number",
    "validate_question",
    "validate_questions",
]

KINDS = ("numeric", "single", "multiple", "text")
CHOICE_KINDS = ("single", "multiple")
TOLERANCE_MODES = ("abs", "rel")
SLUG = re.compile(r"^[a-z][a-z0-9_-]{0,63}$")
MAX_SQL_LENGTH = 10_000
MAX_ANSWER_LENGTH = 1_000
MAX_WEIGHT = 100

# Problem codes (the block turns each into a translated message).
REQUIRED = "required"
INVALID = "invalid"
NOT_SLUG = "not_slug"
DUPLICATE = "duplicate"
UNKNOWN_KIND = "unknown_kind"
TOO_FEW_CHOICES = "too_few_choices"
UNKNOWN_CHOICE = "unknown_choice"
NOT_A_NUMBER = "not_a_number"
OUT_OF_RANGE = "out_of_range"
NOT_SELECT = "not_select"
NO_DATASETS = "no_datasets"
UNKNOWN_SKILL = "unknown_skill"
TOO_LONG = "too_long"

# Feedback keys of a grade: "correct", "incorrect", or why the answer could not be marked.
CORRECT, INCORRECT = "correct", "incorrect"
EMPTY = "empty"
NO_EXPECTED = "no_expected"
INVALID_ANSWER_CODES = frozenset({EMPTY, NOT_A_NUMBER, UNKNOWN_CHOICE, TOO_LONG, NO_EXPECTED})

_NUMBER = re.compile(r"^[+-]?(?:\d{1,3}(?:,\d{3})+|\d+)?(?:\.\d+)?(?:e[+-]?\d+)?$")
_MINUS_SIGNS = dict.fromkeys(map(ord, "\u2212\u2010\u2011\u2012\u2013\u2014\ufe63\uff0d"), "-")
_SELECT = re.compile(r"^\s*(?:select|with)\b", re.IGNORECASE)


class Problem(NamedTuple):
    """One reason a question (or block) cannot be saved: a dotted field path and a code."""

    field: str
    code: str


class Grade(NamedTuple):
    """The result of marking one answer.

    ``feedback`` is ``"correct"``, ``"incorrect"`` or one of :data:`INVALID_ANSWER_CODES`
    (the answer could not be marked: it must not cost the learner an attempt). ``detail``
    holds what the learner may see, e.g. ``{"wrong": [...], "missing": 1}`` for ``multiple``.
    """

    correct: bool
    points: float
    feedback: str
    detail: dict

    @property
    def marked(self) -> bool:
        return self.feedback in (CORRECT, INCORRECT)


def parse_number(value: object) -> float | None:
    """A learner's number, or ``None`` when it is not one.

    Full-width digits and punctuation are read as half-width (``"１，２３４．５"`` -> 1234.5),
    thousands separators must group by three, Unicode minus signs count as ``-``. Infinity,
    NaN and booleans are not numbers.
    """
    if isinstance(value, bool) or value is None:
        return None
    if isinstance(value, int | float | Decimal):
        number = float(value)
        return number if math.isfinite(number) else None
    if not isinstance(value, str):
        return None
    text = unicodedata.normalize("NFKC", value).translate(_MINUS_SIGNS)
    text = re.sub(r"\s+", "", text).lower()
    if not text or not any(c.isdigit() for c in text) or not _NUMBER.match(text):
        return None
    try:
        number = float(text.replace(",", ""))
    except ValueError:
        return None
    return number if math.isfinite(number) else None


def _localized_problems(value, field, required=True):
    if value in (None, "") and not required:
        return []
    if not is_localized(value):
        return [Problem(field, INVALID if value not in (None, "", {}) else REQUIRED)]
    if required and not value.get("ja", "").strip():
        return [Problem(f"{field}.ja", REQUIRED)]
    return []


def _choice_problems(question):
    choices = question.get("choices")
    if not isinstance(choices, list):
        return [Problem("choices", TOO_FEW_CHOICES if choices in (None, "") else INVALID)], []
    problems, ids = [], []
    if len(choices) < 2:
        problems.append(Problem("choices", TOO_FEW_CHOICES))
    for index, choice in enumerate(choices):
        if not isinstance(choice, Mapping):
            problems.append(Problem(f"choices.{index}", INVALID))
            continue
        choice_id = choice.get("id")
        if not isinstance(choice_id, str) or not SLUG.match(choice_id):
            problems.append(Problem(f"choices.{index}.id", NOT_SLUG))
        elif choice_id in ids:
            problems.append(Problem(f"choices.{index}.id", DUPLICATE))
        else:
            ids.append(choice_id)
        problems += _localized_problems(choice.get("text"), f"choices.{index}.text")
    return problems, ids


def _answer_problems(kind, answer, choice_ids):
    if kind == "numeric":
        ok = not isinstance(answer, bool) and isinstance(answer, int | float)
        return [] if ok and math.isfinite(answer) else [Problem("answer", NOT_A_NUMBER)]
    if kind == "single":
        if not isinstance(answer, str) or not answer:
            return [Problem("answer", REQUIRED)]
        return [] if answer in choice_ids else [Problem("answer", UNKNOWN_CHOICE)]
    if kind == "multiple":
        if not isinstance(answer, list) or not answer:
            return [Problem("answer", REQUIRED)]
        if not all(isinstance(a, str) for a in answer):
            return [Problem("answer", INVALID)]
        if len(set(answer)) != len(answer):
            return [Problem("answer", DUPLICATE)]
        return [] if set(answer) <= set(choice_ids) else [Problem("answer", UNKNOWN_CHOICE)]
    texts = answer if isinstance(answer, list) else None
    if not texts or not all(isinstance(t, str) and t.strip() for t in texts):
        return [Problem("answer", REQUIRED)]
    return []


def _sql_problems(sql, dataset_slugs):
    if not isinstance(sql, str):
        return [Problem("expected_sql", INVALID)]
    if len(sql) > MAX_SQL_LENGTH:
        return [Problem("expected_sql", TOO_LONG)]
    body = sql.strip().rstrip(";").strip()
    if not _SELECT.match(body) or ";" in body:
        return [Problem("expected_sql", NOT_SELECT)]
    if dataset_slugs is not None and not list(dataset_slugs):
        return [Problem("expected_sql", NO_DATASETS)]
    return []


def _tolerance_problems(tolerance):
    if tolerance in (None, {}):
        return []
    if not isinstance(tolerance, Mapping):
        return [Problem("tolerance", INVALID)]
    problems = []
    if tolerance.get("mode") not in TOLERANCE_MODES:
        problems.append(Problem("tolerance.mode", INVALID))
    value = tolerance.get("value")
    if isinstance(value, bool) or not isinstance(value, int | float) or not math.isfinite(value):
        problems.append(Problem("tolerance.value", NOT_A_NUMBER))
    elif value < 0:
        problems.append(Problem("tolerance.value", OUT_OF_RANGE))
    return problems


def skill_problems(ids: object, field: str = "skills") -> list[Problem]:
    """Problems of a list of DSS-P skill ids (full ids only)."""
    if ids in (None, []):
        return []
    if not isinstance(ids, list):
        return [Problem(field, INVALID)]
    unknown = set(map(repr, skills.validate_ids(ids)))
    return [Problem(f"{field}.{i}", UNKNOWN_SKILL) for i, s in enumerate(ids) if repr(s) in unknown]


def validate_question(question: object, dataset_slugs: Iterable[str] | None = None) -> list:
    """Problems of one question (ADR 0008); fields are relative to the question.

    ``dataset_slugs``: the block's datasets, to check that an ``expected_sql`` has data to run
    on (``None`` skips that check).
    """
    if not isinstance(question, Mapping):
        return [Problem("", INVALID)]
    problems = []
    if not isinstance(question.get("id"), str) or not SLUG.match(question["id"]):
        problems.append(Problem("id", NOT_SLUG))
    kind = question.get("kind")
    if kind not in KINDS:
        return [*problems, Problem("kind", UNKNOWN_KIND)]
    problems += _localized_problems(question.get("prompt"), "prompt")
    choice_ids = []
    if kind in CHOICE_KINDS:
        choice_problems, choice_ids = _choice_problems(question)
        problems += choice_problems
    sql = question.get("expected_sql")
    if sql not in (None, ""):
        problems += _sql_problems(sql, dataset_slugs)
        if question.get("answer") not in (None, "", []):
            problems += _answer_problems(kind, question["answer"], choice_ids)
    else:
        problems += _answer_problems(kind, question.get("answer"), choice_ids)
    if kind == "numeric":
        problems += _tolerance_problems(question.get("tolerance"))
    hints = question.get("hints", [])
    if not isinstance(hints, list):
        problems.append(Problem("hints", INVALID))
    else:
        for index, hint in enumerate(hints):
            problems += _localized_problems(hint, f"hints.{index}")
    feedback = question.get("feedback") or {}
    if not isinstance(feedback, Mapping) or not set(feedback) <= {CORRECT, INCORRECT}:
        problems.append(Problem("feedback", INVALID))
    else:
        for key, value in feedback.items():
            problems += _localized_problems(value, f"feedback.{key}", required=False)
    problems += skill_problems(question.get("skills"))
    weight = question.get("weight", 1)
    if isinstance(weight, bool) or not isinstance(weight, int | float):
        problems.append(Problem("weight", NOT_A_NUMBER))
    elif not 0 < weight <= MAX_WEIGHT:
        problems.append(Problem("weight", OUT_OF_RANGE))
    return problems


def validate_questions(questions: object, dataset_slugs: Iterable[str] | None = None) -> list:
    """Problems of a block's question list, with fields like ``questions.2.prompt.ja``."""
    if not isinstance(questions, list):
        return [Problem("questions", INVALID)]
    slugs = None if dataset_slugs is None else list(dataset_slugs)
    problems, seen = [], set()
    for index, question in enumerate(questions):
        for field, code in validate_question(question, slugs):
            problems.append(Problem(f"questions.{index}.{field}".rstrip("."), code))
        question_id = question.get("id") if isinstance(question, Mapping) else None
        if isinstance(question_id, str) and question_id in seen:
            problems.append(Problem(f"questions.{index}.id", DUPLICATE))
        seen.add(question_id)
    return problems


# --- grading ------------------------------------------------------------------------------------


def _within(actual, expected, tolerance):
    allowed = 0.0
    if isinstance(tolerance, Mapping) and tolerance.get("mode") in TOLERANCE_MODES:
        value = abs(float(tolerance.get("value") or 0))
        allowed = value if tolerance["mode"] == "abs" else value * abs(expected)
    return abs(actual - expected) <= allowed + 1e-9 * max(1.0, abs(expected))


def _choice_ids(question):
    return [c.get("id") for c in question.get("choices") or [] if isinstance(c, Mapping)]


def _mark(question, answer, expected):
    kind = question.get("kind")
    if kind == "numeric":
        if isinstance(answer, str) and not answer.strip():
            return EMPTY, {}
        actual, target = parse_number(answer), parse_number(expected)
        if actual is None:
            return NOT_A_NUMBER, {}
        if target is None:
            return NO_EXPECTED, {}
        return _within(actual, target, question.get("tolerance")), {}
    choice_ids = _choice_ids(question)
    if kind == "single":
        if not isinstance(answer, str) or not answer:
            return EMPTY, {}
        if answer not in choice_ids:
            return UNKNOWN_CHOICE, {}
        return answer == str(expected), {}
    if kind == "multiple":
        chosen = [answer] if isinstance(answer, str) else answer
        if not isinstance(chosen, list) or not chosen:
            return EMPTY, {}
        if not all(isinstance(c, str) and c in choice_ids for c in chosen):
            return UNKNOWN_CHOICE, {}
        if isinstance(expected, list | tuple):
            wanted = {str(e) for e in expected}
        else:  # a computed answer may come as "a,b"
            wanted = {part.strip() for part in str(expected).split(",") if part.strip()}
        wrong = [c for c in choice_ids if c in chosen and c not in wanted]
        missing = len(wanted - set(chosen))
        return not wrong and not missing, {"wrong": wrong, "missing": missing}
    text = sanitize_plain(answer if isinstance(answer, str) else "", single_line=True)
    if not text:
        return EMPTY, {}
    if len(text) > MAX_ANSWER_LENGTH:
        return TOO_LONG, {}
    accepted = expected if isinstance(expected, list | tuple) else [expected]
    return fold(text) in {fold(a) for a in accepted if a is not None}, {}


_MISSING = object()


def grade(question: Mapping, answer: object, expected: object = _MISSING) -> Grade:
    """Mark ``answer`` to ``question``.

    ``expected`` (when given) replaces ``question["answer"]``: the block passes the value its
    ``expected_sql`` computed. Numeric answers may be strings (full-width too) and pass within
    the question's tolerance; ``multiple`` is all-or-nothing and reports wrongly chosen ids and
    how many correct ones are missing; text answers compare after NFKC, case folding and
    trimming, against each accepted text.
    """
    if expected is _MISSING:
        expected = question.get("answer")
    if expected is None or expected == []:
        return Grade(False, 0.0, NO_EXPECTED, {})
    outcome, detail = _mark(question, answer, expected)
    if isinstance(outcome, str):
        return Grade(False, 0.0, outcome, {})
    weight = question.get("weight", 1)
    points = float(weight) if outcome and isinstance(weight, int | float) else 0.0
    return Grade(bool(outcome), points, CORRECT if outcome else INCORRECT, detail)
