"""The content of a ``dxq_deliverable`` block: clean an editor's (or OLX's) input, validate it.

Pure Python (no Django, no XBlock). Texts are localised (``{"ja", "en"}``, Japanese required);
the rubric is ``{"criteria": [{"id", "label", "prompt", "skills", "feedback_only",
"options": [{"id", "label", "points", "explanation"}]}]}``. Blank ids are filled (``c1``,
``o1``...) so an author never has to invent them. Problems are
:class:`casestudy_xblock.questions.Problem` with dotted field paths, as in the case block.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from datetime import datetime
from urllib.parse import urlsplit

from casestudy_xblock import questions as q
from casestudy_xblock.questions import Problem
from casestudy_xblock.text import LANGUAGES, is_localized, sanitize_plain

#: Every content field, in the order of the editor and the OLX.
CONTENT_FIELDS = (
    "display_name",
    "prompt",
    "materials",
    "skills",
    "deadline",
    "team_mode",
    "required_reviews",
    "lease_minutes",
    "target_hours",
    "give_to_get",
    "weight",
    "max_file_mb",
    "max_files",
    "rubric",
)
SHORT, LONG = 300, 20_000
URL_LENGTH = 2000
#: field -> (minimum, maximum) of the whole-number settings.
RANGES = {
    "required_reviews": (1, 10),
    "lease_minutes": (5, 24 * 60),
    "target_hours": (1, 30 * 24),
    "max_file_mb": (1, 100),
    "max_files": (0, 10),
}
DEFAULTS = {
    "required_reviews": 3,
    "lease_minutes": 60,
    "target_hours": 72,
    "max_file_mb": 20,
    "max_files": 5,
    "give_to_get": True,
    "team_mode": False,
}
MAX_POINTS = 100
MAX_WEIGHT = 1000
MAX_CRITERIA, MAX_OPTIONS = 20, 10
ID = re.compile(r"^[a-z][a-z0-9_-]{0,31}$")
URL_SCHEMES = ("http", "https")

# Codes of this module (the others are casestudy_xblock.questions').
NO_CRITERIA = "no_criteria"
TOO_FEW_OPTIONS = "too_few_options"
BAD_URL = "bad_url"
BAD_DATE = "bad_date"
NO_POINTS = "no_points"
TOO_MANY = "too_many"


# --- cleaning -----------------------------------------------------------------------------------


def clean_lt(value, max_length=SHORT):
    """A localised text from a string (Japanese) or ``{"ja", "en"}``; other shapes unchanged."""
    if value is None:
        value = {}
    if isinstance(value, str):
        value = {"ja": value}
    if not isinstance(value, Mapping):
        return value
    single = max_length <= SHORT
    return {
        code: sanitize_plain(value.get(code) or "", max_length + 1, single_line=single)
        for code in LANGUAGES
    }


def clean_number(value, integer=False):
    """A number from the editor's text (full-width digits too); blank is None; anything
    else is left as it is for validation to report."""
    if isinstance(value, str):
        if not value.strip():
            return None
        parsed = q.parse_number(value)
        if parsed is None:
            return value
        value = parsed
    if integer and isinstance(value, float) and value.is_integer():
        return int(value)
    return value


def clean_bool(value):
    if isinstance(value, str):
        return value.strip().lower() in ("1", "true", "on", "yes")
    return bool(value)


def _ident(value):
    return sanitize_plain(value, 33, single_line=True).lower() if value is not None else ""


def _fill_ids(items, prefix):
    """Give every item without an id the first free ``<prefix><n>``."""
    used = {item.get("id") for item in items if isinstance(item, dict)}
    number = 0
    for item in items:
        if isinstance(item, dict) and not item.get("id"):
            number += 1
            while f"{prefix}{number}" in used:
                number += 1
            item["id"] = f"{prefix}{number}"
            used.add(item["id"])
    return items


def _clean_option(option):
    return {
        "id": _ident(option.get("id")),
        "label": clean_lt(option.get("label")),
        "points": clean_number(option.get("points")),
        "explanation": clean_lt(option.get("explanation"), LONG),
    }


def _clean_criterion(criterion):
    feedback_only = clean_bool(criterion.get("feedback_only"))
    options = criterion.get("options") or []
    if isinstance(options, list):
        options = [_clean_option(o) if isinstance(o, Mapping) else o for o in options]
        options = [] if feedback_only else _fill_ids(options, "o")
    skills = criterion.get("skills") or []
    if isinstance(skills, list):
        skills = [sanitize_plain(s, 80, single_line=True) for s in skills if isinstance(s, str)]
    return {
        "id": _ident(criterion.get("id")),
        "label": clean_lt(criterion.get("label")),
        "prompt": clean_lt(criterion.get("prompt"), LONG),
        "skills": skills,
        "feedback_only": feedback_only,
        "options": options,
    }


def clean_rubric(raw):
    """The rubric in its stored shape (ids filled); wrong shapes left for validation."""
    if not isinstance(raw, Mapping):
        return raw
    criteria = raw.get("criteria") or []
    if isinstance(criteria, list):
        criteria = [_clean_criterion(c) if isinstance(c, Mapping) else c for c in criteria]
        criteria = _fill_ids(criteria, "c")
    return {"criteria": criteria}


def _clean_material(material):
    return {
        "title": clean_lt(material.get("title")),
        "url": sanitize_plain(material.get("url"), URL_LENGTH + 1, single_line=True),
        "description": clean_lt(material.get("description")),
    }


def clean_content(raw: Mapping) -> dict:
    """Editor (or OLX) input, trimmed and typed; wrong shapes are left for validation."""
    materials = raw.get("materials") or []
    if isinstance(materials, list):
        materials = [_clean_material(m) if isinstance(m, Mapping) else m for m in materials]
    skills = raw.get("skills") or []
    if isinstance(skills, list):
        skills = [sanitize_plain(s, 80, single_line=True) for s in skills if isinstance(s, str)]
    content = {
        "display_name": sanitize_plain(raw.get("display_name"), SHORT + 1, single_line=True),
        "prompt": clean_lt(raw.get("prompt"), LONG),
        "materials": materials,
        "skills": skills,
        "deadline": sanitize_plain(raw.get("deadline"), 40, single_line=True),
        "team_mode": clean_bool(raw.get("team_mode", DEFAULTS["team_mode"])),
        "give_to_get": clean_bool(raw.get("give_to_get", DEFAULTS["give_to_get"])),
        "weight": clean_number(raw.get("weight")),
        "rubric": clean_rubric(raw.get("rubric") or {"criteria": []}),
    }
    for name in RANGES:
        value = clean_number(raw.get(name), integer=True)
        content[name] = DEFAULTS[name] if value is None else value
    return {name: content[name] for name in CONTENT_FIELDS}


# --- validation ---------------------------------------------------------------------------------


def _text(value, field, required=True, max_length=SHORT):
    if not is_localized(value):
        return [Problem(field, q.INVALID)]
    problems = [
        Problem(f"{field}.{c}", q.TOO_LONG) for c in LANGUAGES if len(value.get(c, "")) > max_length
    ]
    if required and not value.get("ja", "").strip():
        problems.append(Problem(f"{field}.ja", q.REQUIRED))
    return problems


def _whole(value, field, low, high):
    if isinstance(value, bool) or not isinstance(value, int):
        return [Problem(field, q.NOT_A_NUMBER)]
    if not low <= value <= high:
        return [Problem(field, q.OUT_OF_RANGE)]
    return []


def _number(value, field, high, required=True):
    if value is None and not required:
        return []
    if isinstance(value, bool) or not isinstance(value, int | float):
        return [Problem(field, q.NOT_A_NUMBER)]
    if not 0 <= value <= high:
        return [Problem(field, q.OUT_OF_RANGE)]
    return []


def good_url(url):
    """A link authors may give: a path on this site or an http(s) URL (never javascript:)."""
    if not isinstance(url, str) or not url or len(url) > URL_LENGTH or url.startswith("//"):
        return False
    parts = urlsplit(url)
    if not parts.scheme:
        return url.startswith("/")
    return parts.scheme in URL_SCHEMES and bool(parts.netloc)


def parse_deadline(value):
    """A datetime from ``YYYY-MM-DDTHH:MM[:SS][+09:00]``, or None; naive means local time."""
    if not isinstance(value, str) or not value:
        return None
    try:
        return datetime.fromisoformat(value)
    except ValueError:
        return None


def _unique_ids(items, field):
    problems, seen = [], set()
    for index, item in enumerate(items):
        ident = item.get("id") if isinstance(item, Mapping) else None
        if not isinstance(ident, str) or not ID.match(ident):
            problems.append(Problem(f"{field}.{index}.id", q.NOT_SLUG))
        elif ident in seen:
            problems.append(Problem(f"{field}.{index}.id", q.DUPLICATE))
        seen.add(ident)
    return problems


def _option(option, field):
    problems = _text(option.get("label"), f"{field}.label")
    problems += _number(option.get("points"), f"{field}.points", MAX_POINTS)
    return problems + _text(option.get("explanation"), f"{field}.explanation", False, LONG)


def _criterion(criterion, field):
    problems = _text(criterion.get("label"), f"{field}.label")
    problems += _text(criterion.get("prompt"), f"{field}.prompt", False, LONG)
    problems += q.skill_problems(criterion.get("skills", []), f"{field}.skills")
    options = criterion.get("options")
    if not isinstance(options, list):
        return [*problems, Problem(f"{field}.options", q.INVALID)]
    if criterion.get("feedback_only"):
        return problems
    if len(options) < 2:
        problems.append(Problem(f"{field}.options", TOO_FEW_OPTIONS))
    elif len(options) > MAX_OPTIONS:
        problems.append(Problem(f"{field}.options", TOO_MANY))
    problems += _unique_ids(options, f"{field}.options")
    for index, option in enumerate(options):
        if not isinstance(option, Mapping):
            problems.append(Problem(f"{field}.options.{index}", q.INVALID))
        else:
            problems += _option(option, f"{field}.options.{index}")
    return problems


def validate_rubric(rubric, field="rubric"):
    """Problems of a rubric: at least one scored criterion with two options or more."""
    if not isinstance(rubric, Mapping) or not isinstance(rubric.get("criteria"), list):
        return [Problem(field, q.INVALID)]
    criteria = rubric["criteria"]
    if not criteria:
        return [Problem(f"{field}.criteria", NO_CRITERIA)]
    if len(criteria) > MAX_CRITERIA:
        return [Problem(f"{field}.criteria", TOO_MANY)]
    problems = _unique_ids(criteria, f"{field}.criteria")
    for index, criterion in enumerate(criteria):
        if not isinstance(criterion, Mapping):
            problems.append(Problem(f"{field}.criteria.{index}", q.INVALID))
        else:
            problems += _criterion(criterion, f"{field}.criteria.{index}")
    if not problems and not possible_points(rubric):
        problems.append(Problem(f"{field}.criteria", NO_POINTS))
    return problems


def _material(material, field):
    problems = _text(material.get("title"), f"{field}.title")
    problems += _text(material.get("description"), f"{field}.description", required=False)
    if not good_url(material.get("url")):
        problems.append(Problem(f"{field}.url", BAD_URL))
    return problems


def validate_content(content: Mapping) -> list:
    """Every problem of the block's content (dotted fields: ``rubric.criteria.0.label.ja``)."""
    problems = []
    name = content.get("display_name")
    if not isinstance(name, str) or not name.strip():
        problems.append(Problem("display_name", q.REQUIRED))
    elif len(name) > SHORT:
        problems.append(Problem("display_name", q.TOO_LONG))
    problems += _text(content.get("prompt"), "prompt", max_length=LONG)
    materials = content.get("materials")
    if not isinstance(materials, list):
        problems.append(Problem("materials", q.INVALID))
    else:
        for index, material in enumerate(materials):
            if not isinstance(material, Mapping):
                problems.append(Problem(f"materials.{index}", q.INVALID))
            else:
                problems += _material(material, f"materials.{index}")
    problems += q.skill_problems(content.get("skills", []))
    deadline = content.get("deadline")
    if deadline and parse_deadline(deadline) is None:
        problems.append(Problem("deadline", BAD_DATE))
    for name, (low, high) in RANGES.items():
        problems += _whole(content.get(name), name, low, high)
    problems += _number(content.get("weight"), "weight", MAX_WEIGHT, required=False)
    return problems + validate_rubric(content.get("rubric"))


# --- reading ------------------------------------------------------------------------------------


def scored_criteria(rubric):
    """The criteria that give points (feedback-only ones do not)."""
    criteria = (rubric or {}).get("criteria") or []
    return [c for c in criteria if isinstance(c, Mapping) and not c.get("feedback_only")]


def possible_points(rubric):
    """The most a submission can get: the best option of every scored criterion, summed."""
    total = 0.0
    for criterion in scored_criteria(rubric):
        points = [
            o.get("points")
            for o in criterion.get("options") or []
            if isinstance(o, Mapping) and isinstance(o.get("points"), int | float)
        ]
        total += max(points, default=0)
    return total


def rubric_skills(rubric):
    """Every skill id the rubric's criteria are aligned to, in order, once each."""
    seen = []
    for criterion in (rubric or {}).get("criteria") or []:
        for skill in criterion.get("skills") or []:
            if skill not in seen:
                seen.append(skill)
    return seen
