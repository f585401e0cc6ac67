"""Immutable records of the DX Promotion Skill Standard, built from ``data/dss_p.json``.

Pure Python: no Django import (the import-linter contract and a test check it). The public
API is in :mod:`casestudy_xblock.skills`; this module only holds the dataclasses and the
function that turns the JSON tree into them.
"""

from __future__ import annotations

from dataclasses import dataclass

LANGUAGES = ("ja", "en")


def language_code(lang: str | None) -> str:
    """``"en-us"`` -> ``"en"``; anything we have no names for -> ``"ja"`` (the main language)."""
    code = (lang or "ja").split("-")[0].split("_")[0].lower()
    return code if code in LANGUAGES else "ja"


@dataclass(frozen=True, kw_only=True)
class Node:
    """Anything with a permanent id, a short code, ja/en names and a confidence note.

    ``en`` is ``None`` where no English name exists (the v2 draft, DSS-L items): ``name("en")``
    then falls back to Japanese.
    """

    id: str
    code: str
    ja: str
    en: str | None
    confidence: str | None

    def name(self, lang: str | None = "ja") -> str:
        """The name in ``lang`` (``"ja"``, ``"en"``, ``"en-us"``...), falling back to Japanese."""
        if language_code(lang) == "en" and self.en:
            return self.en
        return self.ja

    def name_language(self, lang: str | None = "ja") -> str:
        """The language :meth:`name` really returns (for ``lang`` attributes in HTML)."""
        return "en" if language_code(lang) == "en" and self.en else "ja"


@dataclass(frozen=True, kw_only=True)
class SkillItem(Node):
    """One item of the common skill list (e.g. ``dss-p/v1/BT-1-1``)."""

    edition: str
    category_id: str
    subcategory_id: str


@dataclass(frozen=True, kw_only=True)
class Subcategory(Node):
    edition: str
    category_id: str
    items: tuple[SkillItem, ...]


@dataclass(frozen=True, kw_only=True)
class Category(Node):
    edition: str
    subcategories: tuple[Subcategory, ...]

    @property
    def items(self) -> tuple[SkillItem, ...]:
        return tuple(item for sub in self.subcategories for item in sub.items)


@dataclass(frozen=True, kw_only=True)
class Role(Node):
    """One of the 15 roles (e.g. ``dss-p/v1/role/BA-NB``)."""

    talent_type_id: str


@dataclass(frozen=True, kw_only=True)
class TalentType(Node):
    """One of the 5 talent types (人材類型), with its roles."""

    roles: tuple[Role, ...]


@dataclass(frozen=True, kw_only=True)
class ImportanceLevel(Node):
    """a/b/c/d/z: how important a skill item is for a role."""


@dataclass(frozen=True, kw_only=True)
class LiteracyItem(Node):
    """A DSS-L heading item (Japanese only)."""


@dataclass(frozen=True, kw_only=True)
class LiteracyGroup(Node):
    items: tuple[LiteracyItem, ...]


@dataclass(frozen=True, kw_only=True)
class LiteracyArea(Node):
    """Mindset/Why/What/How of the DX Literacy Standard; items directly or in groups."""

    items: tuple[LiteracyItem, ...]
    groups: tuple[LiteracyGroup, ...]


@dataclass(frozen=True, kw_only=True)
class Edition:
    """An edition of the common skill list; ``status`` is ``"published"`` or ``"draft"``."""

    id: str
    ja: str
    en: str | None
    status: str
    confidence: str | None
    note: str
    source: str
    is_default: bool
    declared_totals: tuple[int, int, int]  # categories, subcategories, items (as published)

    @property
    def is_draft(self) -> bool:
        return self.status == "draft"

    def name(self, lang: str | None = "ja") -> str:
        return self.en if language_code(lang) == "en" and self.en else self.ja


@dataclass(frozen=True, kw_only=True)
class Version:
    version: str
    date: str
    note: str
    confidence: str


@dataclass(frozen=True, kw_only=True)
class Standard:
    """Metadata: names, publisher, where our data comes from, the research notes."""

    id: str
    ja: str
    en: str
    abbr: str
    parent: str
    publisher: str
    schema_version: str
    id_scheme: str
    versions: tuple[Version, ...]
    notes: tuple[tuple[str, str], ...]  # (section, note): talent_types, importance_levels...

    def name(self, lang: str | None = "ja") -> str:
        return self.en if language_code(lang) == "en" else self.ja

    def note(self, section: str) -> str:
        return dict(self.notes).get(section, "")


def _base(raw: dict) -> dict:
    return {k: raw.get(k) for k in ("id", "code", "ja", "en", "confidence")}


def _category(raw: dict, edition: str) -> Category:
    subs = []
    for sub in raw["subcategories"]:
        items = tuple(
            SkillItem(**_base(i), edition=edition, category_id=raw["id"], subcategory_id=sub["id"])
            for i in sub["items"]
        )
        subs.append(Subcategory(**_base(sub), edition=edition, category_id=raw["id"], items=items))
    return Category(**_base(raw), edition=edition, subcategories=tuple(subs))


def build(raw: dict) -> dict:
    """Turn the JSON document into records: editions, categories per edition, the rest."""
    editions, categories = [], {}
    for ed in raw["editions"]:
        totals = ed["totals"]
        editions.append(
            Edition(
                id=ed["id"],
                ja=ed["ja"],
                en=ed.get("en"),
                status=ed["status"],
                confidence=ed.get("confidence"),
                note=ed["note"],
                source=ed["source"],
                is_default=ed["id"] == raw["default_edition"],
                declared_totals=(totals["categories"], totals["subcategories"], totals["items"]),
            )
        )
        categories[ed["id"]] = tuple(_category(c, ed["id"]) for c in ed["categories"])
    types = tuple(
        TalentType(
            **_base(t), roles=tuple(Role(**_base(r), talent_type_id=t["id"]) for r in t["roles"])
        )
        for t in raw["talent_types"]["types"]
    )
    levels = tuple(ImportanceLevel(**_base(lv)) for lv in raw["importance_levels"]["levels"])
    areas = tuple(
        LiteracyArea(
            **_base(a),
            items=tuple(LiteracyItem(**_base(i)) for i in a["items"]),
            groups=tuple(
                LiteracyGroup(**_base(g), items=tuple(LiteracyItem(**_base(i)) for i in g["items"]))
                for g in a["groups"]
            ),
        )
        for a in raw["literacy"]["areas"]
    )
    std = raw["standard"]
    standard = Standard(
        id=std["id"],
        ja=std["ja"],
        en=std["en"],
        abbr=std["abbr"],
        parent=std["parent"],
        publisher=std["publisher"],
        schema_version=raw["source"]["schema_version"],
        id_scheme=raw["id_scheme"],
        versions=tuple(Version(**v) for v in raw["versions"]),
        notes=(
            ("source", raw["source"]["note"]),
            ("talent_types", raw["talent_types"]["note"]),
            ("importance_levels", raw["importance_levels"]["note"]),
            ("literacy", raw["literacy"]["note"]),
        ),
    )
    literacy_meta = _base({**raw["literacy"], "code": raw["literacy"]["abbr"], "confidence": None})
    return {
        "standard": standard,
        "default_edition": raw["default_edition"],
        "editions": tuple(editions),
        "categories": categories,
        "talent_types": types,
        "importance_levels": levels,
        "literacy": areas,
        "literacy_standard": Node(**literacy_meta),
    }
