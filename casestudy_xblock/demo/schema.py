"""Helpers to write case content in the shape of ADR 0008, and a checker for it.

Pure standard library. Authors of a new case copy the demo's unit modules and use :func:`lt`,
:func:`md`, :func:`choice`, :func:`material` and :func:`question`; :func:`problems` lists what
is wrong with a finished block (``[]`` means it conforms). Skill ids are checked separately
with ``casestudy_xblock.skills.validate_ids``.
"""

from __future__ import annotations

import re
import textwrap

from ..blocks.content import (  # noqa: F401 (re-exported for case authors)
    CONTENT_FIELDS,
    MATERIAL_KINDS,
    SHA256,
    SQL_IDENTIFIER,
    STAGES,
)

# The shape of ADR 0008 is the block's own: one definition, in casestudy_xblock.blocks.content.
BLOCK_FIELDS = CONTENT_FIELDS
KINDS = ("numeric", "single", "multiple", "text")
TOLERANCE_MODES = ("abs", "rel")
QUESTION_FIELDS = (
    "id",
    "kind",
    "prompt",
    "choices",
    "answer",
    "expected_sql",
    "tolerance",
    "hints",
    "feedback",
    "skills",
    "weight",
)
SLUG = re.compile(r"^[a-z0-9]+(?:[-_][a-z0-9]+)*$")
SELECT = re.compile(r"(?is)^\s*(with|select)\b")


def md(text: str) -> str:
    """A Markdown body written as an indented triple-quoted string, dedented and trimmed."""
    return textwrap.dedent(text).strip()


def lt(ja: str, en: str = "") -> dict:
    """A localised text: Japanese first, English beside it (may be empty)."""
    return {"ja": md(ja), "en": md(en)}


def choice(choice_id: str, ja: str, en: str) -> dict:
    return {"id": choice_id, "text": lt(ja, en)}


def material(material_id: str, kind: str, title: tuple[str, str], body: tuple[str, str]) -> dict:
    return {"id": material_id, "kind": kind, "title": lt(*title), "body": lt(*body)}


def question(
    qid: str,
    kind: str,
    prompt: tuple[str, str],
    *,
    feedback: tuple,
    skills: list,
    hints: tuple = (),
    choices: tuple = (),
    answer=None,
    expected_sql: str | None = None,
    tolerance: dict | None = None,
    weight: float = 1,
) -> dict:
    """One Question with every key of ADR 0008 present. ``feedback`` is ((ja, en), (ja, en)):
    correct then incorrect; ``hints`` are (ja, en) pairs shown one at a time."""
    (correct, incorrect) = feedback
    return {
        "id": qid,
        "kind": kind,
        "prompt": lt(*prompt),
        "choices": list(choices),
        "answer": answer,
        "expected_sql": md(expected_sql) if expected_sql else None,
        "tolerance": tolerance,
        "hints": [lt(*hint) for hint in hints],
        "feedback": {"correct": lt(*correct), "incorrect": lt(*incorrect)},
        "skills": list(skills),
        "weight": weight,
    }


def _lt_problems(value, where: str) -> list[str]:
    if not isinstance(value, dict) or set(value) != {"ja", "en"}:
        return [f"{where}: not a localised text {{'ja', 'en'}}"]
    if not isinstance(value["ja"], str) or not value["ja"].strip():
        return [f"{where}: Japanese text is empty"]
    if not isinstance(value["en"], str):
        return [f"{where}: English text is not a string"]
    return []


def _question_problems(q: dict, slugs: set[str]) -> list[str]:
    where = f"question {q.get('id')!r}"
    found = [f"{where}: missing {key}" for key in QUESTION_FIELDS if key not in q]
    if found:
        return found
    if not isinstance(q["id"], str) or not SLUG.match(q["id"]):
        found.append(f"{where}: id is not a slug")
    if q["kind"] not in KINDS:
        found.append(f"{where}: unknown kind {q['kind']!r}")
    found += _lt_problems(q["prompt"], f"{where} prompt")
    ids = [c.get("id") for c in q["choices"]]
    for c in q["choices"]:
        found += _lt_problems(c.get("text"), f"{where} choice {c.get('id')!r}")
    if q["kind"] in ("single", "multiple"):
        if len(ids) < 2 or len(set(ids)) != len(ids) or not all(SLUG.match(str(i)) for i in ids):
            found.append(f"{where}: needs two or more choices with unique slug ids")
    elif ids:
        found.append(f"{where}: only single/multiple questions have choices")
    found += _answer_problems(q, ids, where)
    sql = q["expected_sql"]
    if sql is not None and not (isinstance(sql, str) and SELECT.match(sql)):
        found.append(f"{where}: expected_sql must be a SELECT")
    if sql and not any(re.search(rf"(?i)\b{s}\b", sql) for s in slugs):
        found.append(f"{where}: expected_sql uses none of the block's datasets")
    for i, hint in enumerate(q["hints"]):
        found += _lt_problems(hint, f"{where} hint {i + 1}")
    fb = q["feedback"]
    if not isinstance(fb, dict) or set(fb) != {"correct", "incorrect"}:
        found.append(f"{where}: feedback needs correct and incorrect")
    else:
        found += _lt_problems(fb["correct"], f"{where} feedback") + _lt_problems(
            fb["incorrect"], f"{where} feedback"
        )
    if not q["skills"]:
        found.append(f"{where}: no skills")
    if not isinstance(q["weight"], int | float) or q["weight"] <= 0:
        found.append(f"{where}: weight must be a positive number")
    return found


def _answer_problems(q: dict, ids: list, where: str) -> list[str]:
    kind, answer, tol = q["kind"], q["answer"], q["tolerance"]
    found = []
    if kind == "numeric":
        if not (
            isinstance(tol, dict)
            and tol.get("mode") in TOLERANCE_MODES
            and isinstance(tol.get("value"), int | float)
            and tol["value"] >= 0
        ):
            found.append(f"{where}: numeric needs tolerance {{mode: abs|rel, value}}")
    elif tol is not None:
        found.append(f"{where}: only numeric questions have a tolerance")
    if q["expected_sql"]:
        return found
    valid = {
        "numeric": isinstance(answer, int | float) and not isinstance(answer, bool),
        "single": answer in ids,
        "multiple": isinstance(answer, list) and bool(answer) and set(answer) <= set(ids),
        "text": isinstance(answer, list)
        and bool(answer)
        and all(isinstance(a, str) and a.strip() for a in answer),
    }.get(kind, False)
    if not valid:
        found.append(f"{where}: answer does not fit a {kind} question")
    return found


def problems(block: dict) -> list[str]:
    """Everything in ``block`` that does not follow ADR 0008; ``[]`` when it conforms."""
    found = [f"missing field {key}" for key in BLOCK_FIELDS if key not in block]
    if found:
        return found
    if not isinstance(block["display_name"], str) or not block["display_name"]:
        found.append("display_name must be a non-empty string")
    if block["stage"] not in STAGES:
        found.append(f"unknown stage {block['stage']!r}")
    company = block["company"]
    for key in ("name", "industry", "location", "summary"):
        found += _lt_problems(company.get(key), f"company {key}")
    if not isinstance(company.get("employees"), int) or company["employees"] < 1:
        found.append("company employees must be a positive int")
    found += _lt_problems(block["narrative"], "narrative")
    for i, person in enumerate(block["people"]):
        for key in ("name", "role", "note"):
            found += _lt_problems(person.get(key), f"person {i + 1} {key}")
    for m in block["materials"]:
        if not SLUG.match(str(m.get("id"))) or m.get("kind") not in MATERIAL_KINDS:
            found.append(f"material {m.get('id')!r}: bad id or kind")
        found += _lt_problems(m.get("title"), f"material {m.get('id')!r} title")
        found += _lt_problems(m.get("body"), f"material {m.get('id')!r} body")
    slugs = set()
    for d in block["datasets"]:
        if not SQL_IDENTIFIER.match(str(d.get("slug"))) or not SHA256.match(str(d.get("sha256"))):
            found.append(f"dataset {d.get('slug')!r}: bad slug or sha256")
        if not isinstance(d.get("filename"), str) or not d["filename"]:
            found.append(f"dataset {d.get('slug')!r}: no filename")
        found += _lt_problems(d.get("title"), f"dataset {d.get('slug')!r} title")
        found += _lt_problems(d.get("description"), f"dataset {d.get('slug')!r} description")
        slugs.add(d.get("slug"))
    for group, items in (
        ("material", block["materials"]),
        ("question", block["questions"]),
        ("dataset", block["datasets"]),
    ):
        ids = [item.get("id", item.get("slug")) for item in items]
        if len(ids) != len(set(ids)):
            found.append(f"{group} ids are not unique")
    for q in block["questions"]:
        found += _question_problems(q, slugs)
    if not block["questions"]:
        found.append("no questions")
    if not isinstance(block["max_attempts"], int) or block["max_attempts"] < 0:
        found.append("max_attempts must be an int >= 0")
    return found
