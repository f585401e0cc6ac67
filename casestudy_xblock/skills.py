"""The DX Promotion Skill Standard (DSS-P, IPA/METI) and DX Literacy Standard (DSS-L) as data.

Pure Python, no Django: ``import casestudy_xblock.skills`` works with Django absent. The data
(``data/dss_p.json``, derived from the project's research reference) is read once, on first use,
and indexed by id, so every lookup is a dict access.

Editions: ``"v1"`` (common skill list ver1.x: 5 categories, 12 subcategories, 49 items) is the
default; ``"v2"`` is an unverified third-party extraction of ver2.0 (67 items, Japanese names
only), marked ``status="draft"``. Functions take ``edition``; Django code passes
``settings.DXQ_SKILL_STANDARD_EDITION``.

Id scheme (permanent: tags, badges and talent profiles store these strings)::

    dss-p/<edition>/<code>           skill list node: category, subcategory or item
        dss-p/v1/BT   dss-p/v1/BT-1   dss-p/v1/BT-1-1      (v1: our mnemonic codes)
        dss-p/v2/1    dss-p/v2/1.1    dss-p/v2/1.1.1       (v2 draft: IPA's numbering)
    dss-p/v1/type/<code>             talent type (人材類型), e.g. dss-p/v1/type/BA
    dss-p/v1/role/<code>             role, e.g. dss-p/v1/role/BA-NB
    dss-p/v1/importance/<code>       importance level a, b, c, d, z
    dss-l/v1/<area>[-<n>[-<m>]]      DSS-L heading: dss-l/v1/L-MS, dss-l/v1/L-MS-1,
                                     group dss-l/v1/L-WHAT-1, its item dss-l/v1/L-WHAT-1-2

Rules: an id is never renamed, renumbered or reused; a corrected name keeps its id; a new node
gets a new id; a new edition gets a new ``<edition>`` segment (v1 ids stay valid next to v2).
Store full ids. :func:`get`/:func:`find` also read a bare code (``"BT-1-1"``, ``"role/BA-NB"``)
as ``dss-p/<edition>/<code>``; :func:`validate_ids` accepts full ids only.

Names: every node has ``ja``; ``en`` is ``None`` where no English name exists, and
``node.name(lang)`` falls back to Japanese. Every node has a ``confidence`` note
(high / medium-high / medium / medium-low / low) from the research: show it.
"""

from __future__ import annotations

import difflib
import functools
import json
import unicodedata
from collections.abc import Iterable, Mapping
from importlib import resources
from types import MappingProxyType

from .skills_model import (
    Category,
    Edition,
    ImportanceLevel,
    LiteracyArea,
    Node,
    Role,
    SkillItem,
    Standard,
    Subcategory,
    TalentType,
    build,
    language_code,
)

__all__ = [
    "DEFAULT_EDITION",
    "Category",
    "Edition",
    "ImportanceLevel",
    "LiteracyArea",
    "Node",
    "Role",
    "SkillItem",
    "Standard",
    "Subcategory",
    "TalentType",
    "UnknownEdition",
    "UnknownSkill",
    "all",
    "by_category",
    "categories",
    "editions",
    "find",
    "get",
    "importance_levels",
    "literacy",
    "literacy_standard",
    "roles",
    "search",
    "standard",
    "talent_types",
    "validate_ids",
]

DEFAULT_EDITION = "v1"
DATA_FILE = "dss_p.json"


class _LookupMessage(KeyError):
    """KeyError whose ``str()`` is the plain message (KeyError would show its repr)."""

    def __str__(self) -> str:
        return str(self.args[0]) if self.args else ""


class UnknownSkill(_LookupMessage):
    """No node of the standard has this id."""

    def __init__(self, skill_id: object, edition: str, suggestions: Iterable[str] = ()):
        self.skill_id, self.edition, self.suggestions = skill_id, edition, tuple(suggestions)
        message = (
            f"Unknown DX skill standard id {skill_id!r}. Use a full id such as "
            f"'dss-p/{edition}/<code>' (a bare code is read in edition {edition!r})."
        )
        if self.suggestions:
            message += " Did you mean: " + ", ".join(self.suggestions) + "?"
        super().__init__(message)


class UnknownEdition(_LookupMessage):
    """The skill list has no such edition."""

    def __init__(self, edition: object, known: Iterable[str]):
        self.edition, self.known = edition, tuple(known)
        super().__init__(
            f"Unknown DX skill standard edition {edition!r}; known editions: "
            + ", ".join(self.known)
        )


def _fold(text: str) -> str:
    """Normalise for matching: full-width -> half-width (NFKC), case-insensitive."""
    return unicodedata.normalize("NFKC", text).casefold().strip()


class _Index:
    """Everything, built once: records plus dicts for O(1) lookups."""

    def __init__(self, raw: dict):
        data = build(raw)
        self.standard: Standard = data["standard"]
        self.default_edition: str = data["default_edition"]
        self.editions: tuple[Edition, ...] = data["editions"]
        self.categories: dict[str, tuple[Category, ...]] = data["categories"]
        self.talent_types: tuple[TalentType, ...] = data["talent_types"]
        self.roles: tuple[Role, ...] = tuple(r for t in self.talent_types for r in t.roles)
        self.importance_levels: tuple[ImportanceLevel, ...] = data["importance_levels"]
        self.literacy: tuple[LiteracyArea, ...] = data["literacy"]
        self.literacy_standard: Node = data["literacy_standard"]
        self.items = {
            ed: tuple(i for c in cats for i in c.items) for ed, cats in self.categories.items()
        }
        self.tree = {
            ed: MappingProxyType(
                {c: MappingProxyType({s: s.items for s in c.subcategories}) for c in cats}
            )
            for ed, cats in self.categories.items()
        }
        nodes: list[Node] = [*self.talent_types, *self.roles, *self.importance_levels]
        for cats in self.categories.values():
            for cat in cats:
                nodes += [cat, *cat.subcategories, *cat.items]
        for area in self.literacy:
            nodes += [area, *area.items]
            for group in area.groups:
                nodes += [group, *group.items]
        self.by_id: dict[str, Node] = {}
        for node in nodes:
            if node.id in self.by_id:
                raise ValueError(f"Duplicate id in {DATA_FILE}: {node.id}")
            self.by_id[node.id] = node
        self.search_keys = {
            ed: tuple(
                (item, _fold(item.ja), _fold(item.en or ""), _fold(item.code)) for item in items
            )
            for ed, items in self.items.items()
        }

    def edition(self, edition: str | None) -> str:
        edition = self.default_edition if edition is None else edition
        if edition not in self.categories:
            raise UnknownEdition(edition, self.categories)
        return edition


@functools.cache
def _index() -> _Index:
    text = resources.files("casestudy_xblock").joinpath("data", DATA_FILE).read_text("utf-8")
    return _Index(json.loads(text))


def standard() -> Standard:
    """Names, publisher, source versions and research notes of the standard."""
    return _index().standard


def editions() -> tuple[Edition, ...]:
    """Known editions in order: v1 (``is_default``), then v2 (``is_draft``)."""
    return _index().editions


def edition(edition_id: str = DEFAULT_EDITION) -> Edition:
    """One edition by id; :class:`UnknownEdition` if there is none."""
    index = _index()
    edition_id = index.edition(edition_id)
    return next(e for e in index.editions if e.id == edition_id)


def all(edition: str = DEFAULT_EDITION) -> tuple[SkillItem, ...]:  # noqa: A001 - the API name
    """Every skill item of the edition, in the standard's order (49 in v1, 67 in v2)."""
    index = _index()
    return index.items[index.edition(edition)]


def categories(edition: str = DEFAULT_EDITION) -> tuple[Category, ...]:
    """The edition's categories, each with its subcategories and items."""
    index = _index()
    return index.categories[index.edition(edition)]


def by_category(
    edition: str = DEFAULT_EDITION,
) -> Mapping[Category, Mapping[Subcategory, tuple[SkillItem, ...]]]:
    """Ordered read-only mapping: category -> subcategory -> items."""
    index = _index()
    return index.tree[index.edition(edition)]


def find(skill_id: object, edition: str = DEFAULT_EDITION) -> Node | None:
    """The node with this id (any kind), or ``None``. A bare code is read in ``edition``."""
    if not isinstance(skill_id, str):
        return None
    index = _index()
    node = index.by_id.get(skill_id)
    if node is None and not skill_id.startswith(("dss-p/", "dss-l/")):
        node = index.by_id.get(f"dss-p/{index.edition(edition)}/{skill_id}")
    return node


def get(skill_id: object, edition: str = DEFAULT_EDITION) -> Node:
    """Like :func:`find` but raises :class:`UnknownSkill` (a ``KeyError``) with suggestions."""
    node = find(skill_id, edition)
    if node is None:
        index = _index()
        codes = {item.code: item.id for item in index.items[index.edition(edition)]}
        close = difflib.get_close_matches(str(skill_id).rsplit("/", 1)[-1], codes, n=3)
        raise UnknownSkill(skill_id, edition, (codes[c] for c in close))
    return node


def validate_ids(ids: Iterable[object]) -> list[object]:
    """The given ids that are not full known ids, in order, each once. ``[]`` means all good."""
    by_id = _index().by_id
    unknown: list[object] = []
    for skill_id in ids:
        if (not isinstance(skill_id, str) or skill_id not in by_id) and skill_id not in unknown:
            unknown.append(skill_id)
    return unknown


def search(
    text: str, lang: str | None = None, edition: str = DEFAULT_EDITION
) -> tuple[SkillItem, ...]:
    """Skill items whose name contains ``text`` (case- and width-insensitive), in order.

    ``lang=None`` matches the Japanese name, the English name and the code; ``"ja"`` or
    ``"en"`` matches only the name shown in that language (English falls back to Japanese).
    Blank text returns every item.
    """
    index = _index()
    keys = index.search_keys[index.edition(edition)]
    needle = _fold(text or "")
    if not needle:
        return tuple(k[0] for k in keys)
    if lang is None:
        return tuple(
            item for item, ja, en, code in keys if needle in ja or needle in en or needle in code
        )
    if language_code(lang) == "en":
        return tuple(item for item, ja, en, _code in keys if needle in (en or ja))
    return tuple(item for item, ja, _en, _code in keys if needle in ja)


def talent_types() -> tuple[TalentType, ...]:
    """The 5 talent types (人材類型), each with its roles."""
    return _index().talent_types


def roles() -> tuple[Role, ...]:
    """The 15 roles, grouped by talent type order."""
    return _index().roles


def importance_levels() -> tuple[ImportanceLevel, ...]:
    """a, b, c, d, z. (The role x skill importance matrix itself is not in our data yet.)"""
    return _index().importance_levels


def literacy() -> tuple[LiteracyArea, ...]:
    """DSS-L headings: Mindset & stance, Why, What, How."""
    return _index().literacy


def literacy_standard() -> Node:
    """Names of the DX Literacy Standard itself (``code`` is ``"DSS-L"``)."""
    return _index().literacy_standard
