"""Skill standard lookups: ``skills.get``/``skills.search`` vs scanning the raw JSON tree.

Anchor (the naive approach, same ids, same run): parse ``data/dss_p.json`` once, then walk the
raw dict/list tree from the top for every lookup, and re-normalise every name for every search.
"""

from __future__ import annotations

import json
import unicodedata
from importlib import resources

from casestudy_xblock import skills

from .harness import rate, record

QUERIES = ("データ", "design", "セキュリティ", "ＡＩ", "management")


def _raw_tree() -> dict:
    text = resources.files("casestudy_xblock").joinpath("data", "dss_p.json").read_text("utf-8")
    return json.loads(text)


def _scan(node, target):
    """Depth-first walk of the raw tree until a dict whose ``id`` is ``target``."""
    if isinstance(node, dict):
        if node.get("id") == target:
            return node
        children = node.values()
    elif isinstance(node, list):
        children = node
    else:
        return None
    for child in children:
        if isinstance(child, dict | list):
            found = _scan(child, target)
            if found is not None:
                return found
    return None


def _fold(text: str) -> str:
    return unicodedata.normalize("NFKC", text).casefold().strip()


def _naive_search(tree: dict, text: str, edition: str) -> list[str]:
    needle = _fold(text)
    ed = next(e for e in tree["editions"] if e["id"] == edition)
    return [
        item["id"]
        for cat in ed["categories"]
        for sub in cat["subcategories"]
        for item in sub["items"]
        if needle in _fold(item["ja"])
        or needle in _fold(item["en"] or "")
        or needle in _fold(item["code"])
    ]


def run(repeats: int = 7, number: int = 200, edition: str = "v1") -> list[dict]:
    ids = [item.id for item in skills.all(edition)]
    tree = _raw_tree()
    # Same answers first: a benchmark of a wrong implementation is worthless.
    if [_scan(tree, i)["ja"] for i in ids] != [skills.get(i).ja for i in ids]:
        raise RuntimeError("naive scan and skills.get disagree")
    for query in QUERIES:
        ours = [item.id for item in skills.search(query, None, edition)]
        if _naive_search(tree, query, edition) != ours:
            raise RuntimeError(f"naive search and skills.search disagree on {query!r}")

    def ours_get():
        for skill_id in ids:
            skills.get(skill_id)

    def naive_get():
        for skill_id in ids:
            _scan(tree, skill_id)

    def ours_search():
        for query in QUERIES:
            skills.search(query, None, edition)

    def naive_search():
        for query in QUERIES:
            _naive_search(tree, query, edition)

    timing = {"repeats": repeats, "number": number}
    search_timing = {"repeats": repeats, "number": max(1, number // 10)}
    params = {"edition": edition, "ids": len(ids), **timing}
    search_params = {"edition": edition, "queries": list(QUERIES), **search_timing}
    return [
        record(
            "skills_get",
            rate(len(ids), ours_get, **timing),
            "lookups/s",
            "linear scan of the raw JSON tree per lookup",
            rate(len(ids), naive_get, **timing),
            params,
        ),
        record(
            "skills_search",
            rate(len(QUERIES), ours_search, **search_timing),
            "searches/s",
            "scan of the raw JSON tree, names normalised per search",
            rate(len(QUERIES), naive_search, **search_timing),
            search_params,
        ),
    ]
