"""The content of a ``dxq_case`` block (ADR 0008): clean an editor's input and validate it.

Pure Python (no Django, no XBlock): the block's Studio handler, the OLX parser and the demo
loader all go through :func:`clean_content` and :func:`validate_content`.
"""

from __future__ import annotations

import re
from collections.abc import Mapping

from .. import questions as q
from ..questions import Problem
from ..text import LANGUAGES, is_localized, sanitize_plain

STAGES = ("diagnosis", "options", "plan", "change", "new_business", "proposal")
MATERIAL_KINDS = ("interview", "document", "memo")
#: Every content field, in the order of ADR 0008 (and of the OLX).
CONTENT_FIELDS = (
    "display_name",
    "stage",
    "company",
    "narrative",
    "people",
    "materials",
    "datasets",
    "questions",
    "skills",
    "max_attempts",
)
SQL_IDENTIFIER = re.compile(r"^[a-z][a-z0-9_]{0,62}$")  # as the datasets engine's check_slug
SHA256 = re.compile(r"^[0-9a-f]{64}$")
FILENAME = re.compile(r"^[^/\\\x00-\x1f]{1,255}$")
SHORT, LONG = 300, 20_000
MAX_ATTEMPTS = 100

# Codes of this module (the others are in casestudy_xblock.questions).
NOT_SQL_IDENTIFIER = "not_sql_identifier"
NOT_SHA256 = "not_sha256"
UNKNOWN_STAGE = "unknown_stage"


# --- cleaning: the editor's strings to the stored shapes ---------------------------------------


def _lt(value, max_length=SHORT):
    if isinstance(value, str):
        value = {"ja": value}
    if not isinstance(value, Mapping):
        return value
    multiline = max_length > SHORT
    return {
        code: sanitize_plain(value.get(code) or "", max_length + 1, single_line=not multiline)
        for code in LANGUAGES
    }


def _number(value, integer=False):
    if isinstance(value, str):
        if not value.strip():
            return None
        parsed = q.parse_number(value)
        if parsed is None:
            return value  # left as it is: validation reports it
        value = parsed
    if integer and isinstance(value, float) and value.is_integer():
        return int(value)
    return value


def _records(value, clean_one):
    if not isinstance(value, list):
        return value
    return [clean_one(item) if isinstance(item, Mapping) else item for item in value]


def _strings(value):
    if not isinstance(value, list):
        return value
    cleaned = (
        sanitize_plain(v, SHORT + 1, single_line=True) if isinstance(v, str) else v for v in value
    )
    return [v for v in cleaned if v != ""]


def _clean_question(question):
    kind = question.get("kind")
    cleaned = {
        "id": sanitize_plain(question.get("id"), 65, single_line=True),
        "kind": kind,
        "prompt": _lt(question.get("prompt"), LONG),
    }
    if kind in q.CHOICE_KINDS:
        cleaned["choices"] = _records(
            question.get("choices"),
            lambda c: {"id": sanitize_plain(c.get("id"), 65, True), "text": _lt(c.get("text"))},
        )
    answer = question.get("answer")
    if kind == "numeric":
        answer = _number(answer)
    elif kind in ("multiple", "text"):
        answer = _strings(answer)
    elif isinstance(answer, str):
        answer = sanitize_plain(answer, 65, single_line=True)
    cleaned["answer"] = None if answer in ("", []) else answer
    sql = question.get("expected_sql")
    if isinstance(sql, str) and sql.strip():
        cleaned["expected_sql"] = sanitize_plain(sql, q.MAX_SQL_LENGTH + 1)
    tolerance = question.get("tolerance")
    if kind == "numeric" and isinstance(tolerance, Mapping) and tolerance.get("mode"):
        cleaned["tolerance"] = {"mode": tolerance["mode"], "value": _number(tolerance.get("value"))}
    hints = question.get("hints", [])
    cleaned["hints"] = [_lt(h, LONG) for h in hints] if isinstance(hints, list) else hints
    feedback = question.get("feedback") or {}
    if isinstance(feedback, Mapping):
        feedback = {key: _lt(value, LONG) for key, value in feedback.items()}
        feedback = {
            k: v for k, v in feedback.items() if not (is_localized(v) and not any(v.values()))
        }
    cleaned["feedback"] = feedback
    cleaned["skills"] = _strings(question.get("skills", []))
    weight = _number(question.get("weight", 1))
    cleaned["weight"] = 1 if weight is None else weight
    return cleaned


def clean_content(raw: Mapping) -> dict:
    """The editor's (or OLX's) content, trimmed and typed: numbers from text, texts without
    control characters, only the keys a question's kind uses. Wrong shapes are left as they
    are for :func:`validate_content` to report."""
    company = raw.get("company") or {}
    if isinstance(company, Mapping):
        company = {
            "name": _lt(company.get("name")),
            "industry": _lt(company.get("industry")),
            "location": _lt(company.get("location")),
            "employees": _number(company.get("employees"), integer=True),
            "summary": _lt(company.get("summary"), LONG),
        }
    return {
        "display_name": sanitize_plain(raw.get("display_name"), SHORT + 1, single_line=True),
        "stage": raw.get("stage"),
        "company": company,
        "narrative": _lt(raw.get("narrative") or {}, LONG),
        "people": _records(
            raw.get("people", []),
            lambda p: {key: _lt(p.get(key)) for key in ("name", "role", "note")},
        ),
        "materials": _records(
            raw.get("materials", []),
            lambda m: {
                "id": sanitize_plain(m.get("id"), 65, single_line=True),
                "kind": m.get("kind"),
                "title": _lt(m.get("title")),
                "body": _lt(m.get("body"), LONG),
            },
        ),
        "datasets": _records(
            raw.get("datasets", []),
            lambda d: {
                "slug": sanitize_plain(d.get("slug"), 64, single_line=True),
                "title": _lt(d.get("title")),
                "description": _lt(d.get("description"), LONG),
                "sha256": sanitize_plain(d.get("sha256"), 65, single_line=True).lower(),
                "filename": sanitize_plain(d.get("filename"), 256, single_line=True),
            },
        ),
        "questions": _records(raw.get("questions", []), _clean_question),
        "skills": _strings(raw.get("skills", [])),
        "max_attempts": _number(raw.get("max_attempts", 0), integer=True) or 0,
    }


# --- validation ---------------------------------------------------------------------------------


def _text(value, field, required=True, max_length=SHORT):
    if value in (None, "") and not required:
        return []
    if not is_localized(value):
        return [Problem(field, q.REQUIRED if value in (None, "", {}) else q.INVALID)]
    problems = [
        Problem(f"{field}.{c}", q.TOO_LONG) for c in LANGUAGES if len(value.get(c, "")) > max_length
    ]
    if required and not value.get("ja", "").strip():
        problems.append(Problem(f"{field}.ja", q.REQUIRED))
    return problems


def _list_of(value, field, check):
    if not isinstance(value, list):
        return [Problem(field, q.INVALID)]
    problems = []
    for index, item in enumerate(value):
        if not isinstance(item, Mapping):
            problems.append(Problem(f"{field}.{index}", q.INVALID))
        else:
            problems += check(item, f"{field}.{index}")
    return problems


def _unique(value, field, key, pattern, code):
    problems, seen = [], set()
    for index, item in enumerate(value if isinstance(value, list) else []):
        ident = item.get(key) if isinstance(item, Mapping) else None
        if not isinstance(ident, str) or not pattern.match(ident):
            problems.append(Problem(f"{field}.{index}.{key}", code))
        elif ident in seen:
            problems.append(Problem(f"{field}.{index}.{key}", q.DUPLICATE))
        seen.add(ident)
    return problems


def _company(company):
    if not isinstance(company, Mapping):
        return [Problem("company", q.INVALID)]
    problems = _text(company.get("name"), "company.name")
    for key in ("industry", "location"):
        problems += _text(company.get(key), f"company.{key}", required=False)
    problems += _text(company.get("summary"), "company.summary", required=False, max_length=LONG)
    employees = company.get("employees")
    if employees is not None and (isinstance(employees, bool) or not isinstance(employees, int)):
        problems.append(Problem("company.employees", q.NOT_A_NUMBER))
    elif employees is not None and employees < 0:
        problems.append(Problem("company.employees", q.OUT_OF_RANGE))
    return problems


def _person(person, field):
    problems = _text(person.get("name"), f"{field}.name")
    for key in ("role", "note"):
        problems += _text(person.get(key), f"{field}.{key}", required=False)
    return problems


def _material(material, field):
    problems = (
        [] if material.get("kind") in MATERIAL_KINDS else [Problem(f"{field}.kind", q.INVALID)]
    )
    problems += _text(material.get("title"), f"{field}.title")
    return problems + _text(material.get("body"), f"{field}.body", max_length=LONG)


def _dataset(dataset, field):
    problems = _text(dataset.get("title"), f"{field}.title")
    problems += _text(dataset.get("description"), f"{field}.description", False, LONG)
    if not isinstance(dataset.get("sha256"), str) or not SHA256.match(dataset["sha256"]):
        problems.append(Problem(f"{field}.sha256", NOT_SHA256))
    if not isinstance(dataset.get("filename"), str) or not FILENAME.match(dataset["filename"]):
        problems.append(Problem(f"{field}.filename", q.REQUIRED))
    return problems


def validate_content(content: Mapping) -> list:
    """Every problem of a block's content, as :class:`~casestudy_xblock.questions.Problem`
    with dotted fields (``company.name.ja``, ``datasets.0.sha256``, ``questions.1.answer``)."""
    problems = []
    name = content.get("display_name")
    if not isinstance(name, str) or not name.strip():
        problems.append(Problem("display_name", q.REQUIRED))
    elif len(name) > SHORT:
        problems.append(Problem("display_name", q.TOO_LONG))
    if content.get("stage") not in STAGES:
        problems.append(Problem("stage", UNKNOWN_STAGE))
    problems += _company(content.get("company"))
    problems += _text(content.get("narrative"), "narrative", required=False, max_length=LONG)
    problems += _list_of(content.get("people", []), "people", _person)
    materials = content.get("materials", [])
    problems += _unique(materials, "materials", "id", q.SLUG, q.NOT_SLUG)
    problems += _list_of(materials, "materials", _material)
    datasets = content.get("datasets", [])
    problems += _unique(datasets, "datasets", "slug", SQL_IDENTIFIER, NOT_SQL_IDENTIFIER)
    problems += _list_of(datasets, "datasets", _dataset)
    slugs = (
        [d.get("slug") for d in datasets if isinstance(d, Mapping)]
        if isinstance(datasets, list)
        else []
    )
    problems += q.validate_questions(content.get("questions", []), slugs)
    problems += q.skill_problems(content.get("skills", []))
    attempts = content.get("max_attempts", 0)
    if isinstance(attempts, bool) or not isinstance(attempts, int):
        problems.append(Problem("max_attempts", q.NOT_A_NUMBER))
    elif not 0 <= attempts <= MAX_ATTEMPTS:
        problems.append(Problem("max_attempts", q.OUT_OF_RANGE))
    return problems
