"""Pages of casestudy_xblock."""

from django.conf import settings
from django.contrib.auth.decorators import login_required
from django.http import JsonResponse
from django.shortcuts import render
from django.urls import NoReverseMatch, reverse
from django.utils.translation import get_language, gettext, gettext_lazy, pgettext_lazy
from django.views.decorators.http import require_GET

from . import api, skills

CONFIDENCE_LEVELS = {
    "high": pgettext_lazy("confidence", "High"),
    "medium-high": pgettext_lazy("confidence", "Medium to high"),
    "medium": pgettext_lazy("confidence", "Medium"),
    "medium-low": pgettext_lazy("confidence", "Medium to low"),
    "low": pgettext_lazy("confidence", "Low"),
}
NOTE_SECTIONS = {
    "source": gettext_lazy("Data source"),
    "talent_types": gettext_lazy("Talent types and roles"),
    "importance_levels": gettext_lazy("Importance levels"),
    "literacy": gettext_lazy("DX Literacy Standard"),
}
QUERY_MAX_LENGTH = 100


def _confidence(code):
    """``{"code": "medium", "label": "Confidence: Medium"}`` (None when the data gives none)."""
    if not code:
        return None
    level = CONFIDENCE_LEVELS.get(code, code)
    return {"code": code, "label": gettext("Confidence: %(level)s") % {"level": level}}


def _node(node, lang, **extra):
    """What the template needs of one node, with the name in the active language."""
    return {
        "id": node.id,
        "code": node.code,
        "name": node.name(lang),
        "name_lang": node.name_language(lang),
        "confidence": _confidence(node.confidence),
        **extra,
    }


def _edition_from(request):
    """(edition id, error message or None) from ``?edition=``; the setting is the default."""
    default = getattr(settings, "DXQ_SKILL_STANDARD_EDITION", skills.DEFAULT_EDITION)
    requested = request.GET.get("edition", "").strip() or default
    known = [e.id for e in skills.editions()]
    if requested in known:
        return requested, None
    message = gettext("Unknown edition “%(edition)s”. Choose one of: %(choices)s.") % {
        "edition": requested[:20],
        "choices": ", ".join(known),
    }
    return (default if default in known else skills.DEFAULT_EDITION), message


def _skill_tree(edition, lang, query):
    """Categories -> subcategories -> items of the edition, keeping only items matching query."""
    matching = {item.id for item in skills.search(query, edition=edition)} if query else None
    tree = []
    for category, subcategories in skills.by_category(edition).items():
        subs = []
        for sub, items in subcategories.items():
            kept = [_node(i, lang) for i in items if matching is None or i.id in matching]
            if kept:
                subs.append(_node(sub, lang, items=kept))
        if subs:
            tree.append(_node(category, lang, subcategories=subs))
    return tree


@require_GET
def skill_standard(request):
    """The DX Promotion Skill Standard, readable by everyone (no login)."""
    lang = get_language()
    edition_id, error = _edition_from(request)
    query = request.GET.get("q", "").strip()[:QUERY_MAX_LENGTH]
    edition = skills.edition(edition_id)
    tree = _skill_tree(edition_id, lang, query)
    standard = skills.standard()
    context = {
        "error": error,
        "query": query,
        "standard": standard,
        "standard_name": standard.name(lang),
        "edition": edition,
        "edition_name": edition.name(lang),
        "edition_confidence": _confidence(edition.confidence),
        "editions": [
            {
                "id": e.id,
                "name": e.name(lang),
                "is_draft": e.is_draft,
                "current": e.id == edition_id,
            }
            for e in skills.editions()
        ],
        "versions": [
            {
                "version": v.version,
                "date": v.date,
                "note": v.note,
                "confidence": _confidence(v.confidence),
            }
            for v in standard.versions
        ],
        "notes": [(NOTE_SECTIONS.get(key, key), note) for key, note in standard.notes],
        "totals": {
            "categories": len(skills.categories(edition_id)),
            "subcategories": sum(len(c.subcategories) for c in skills.categories(edition_id)),
            "items": len(skills.all(edition_id)),
        },
        "tree": tree,
        "shown_count": sum(len(s["items"]) for c in tree for s in c["subcategories"]),
        "talent_types": [
            _node(t, lang, roles=[_node(r, lang) for r in t.roles]) for t in skills.talent_types()
        ],
        "importance_levels": [_node(level, lang) for level in skills.importance_levels()],
        "literacy_name": skills.literacy_standard().name(lang),
        "literacy": [
            _node(
                area,
                lang,
                items=[_node(i, lang) for i in area.items],
                groups=[
                    _node(g, lang, items=[_node(i, lang) for i in g.items]) for g in area.groups
                ],
            )
            for area in skills.literacy()
        ],
    }
    return render(request, "casestudy_xblock/skills.html", context, status=400 if error else 200)


def _api_node(node, **children):
    return {
        "id": node.id,
        "code": node.code,
        "ja": node.ja,
        "en": node.en,
        "confidence": node.confidence,
        **children,
    }


@require_GET
def skills_api(request):
    """The edition's skill tree as JSON (for tag pickers): ids, ja/en names, confidence.

    ``?edition=v1|v2`` (default: the ``DXQ_SKILL_STANDARD_EDITION`` setting); ``?q=`` keeps only
    items whose name or code contains the text. An unknown edition gives HTTP 400 with an
    ``error`` message in the user's language.
    """
    edition_id, error = _edition_from(request)
    if error:
        return JsonResponse({"error": error}, status=400, json_dumps_params={"ensure_ascii": False})
    query = request.GET.get("q", "").strip()[:QUERY_MAX_LENGTH]
    matching = {i.id for i in skills.search(query, edition=edition_id)} if query else None
    edition = skills.edition(edition_id)
    categories = []
    for category, subcategories in skills.by_category(edition_id).items():
        subs = [
            _api_node(
                sub, items=[_api_node(i) for i in items if matching is None or i.id in matching]
            )
            for sub, items in subcategories.items()
        ]
        subs = [s for s in subs if s["items"] or matching is None]
        if subs or matching is None:
            categories.append(_api_node(category, subcategories=subs))
    return JsonResponse(
        {
            "standard": {"id": skills.standard().id, "abbr": skills.standard().abbr},
            "edition": {
                "id": edition.id,
                "ja": edition.ja,
                "en": edition.en,
                "status": edition.status,
                "confidence": edition.confidence,
                "default": edition.is_default,
            },
            "query": query,
            "categories": categories,
        },
        json_dumps_params={"ensure_ascii": False},
    )


def _case_study_url(user):
    """Where a learner finds a case study: the demo in the workbench (standalone) or the LMS's
    course dashboard; None when neither exists."""
    url = api.demo_case_url(user)
    if url:
        return url
    try:
        return reverse("dashboard")
    except NoReverseMatch:
        return None


def _category_of(node):
    """The skill-list category a node belongs to, or None (talent types, roles, DSS-L)."""
    if isinstance(node, skills.Category):
        return node
    category_id = getattr(node, "category_id", None)
    return skills.find(category_id) if category_id else None


@login_required
@require_GET
def my_skills(request):
    """The skills the signed-in learner practised, grouped by DSS-P category (ja/en)."""
    lang = get_language()
    groups, blocks = {}, set()
    for entry in api.practised_skills(request.user):
        node = skills.find(entry["skill"])
        category = _category_of(node)
        key = category.id if category else ""
        if key not in groups:
            groups[key] = {
                "id": key,
                "name": category.name(lang) if category else gettext("Other skills"),
                "name_lang": category.name_language(lang) if category else lang,
                "skills": [],
            }
        groups[key]["skills"].append(
            {
                "id": entry["skill"],
                "name": node.name(lang) if node else entry["skill"],
                "name_lang": node.name_language(lang) if node else "en",
                "count": entry["count"],
                "units": len(entry["blocks"]),
                "first": entry["first"],
                "last": entry["last"],
            }
        )
        blocks.update(entry["blocks"])
    ordered = [g for key, g in groups.items() if key] + [g for key, g in groups.items() if not key]
    context = {
        "groups": ordered,
        "skill_count": sum(len(g["skills"]) for g in ordered),
        "unit_count": len(blocks),
        "case_study_url": _case_study_url(request.user),
    }
    return render(request, "casestudy_xblock/my_skills.html", context)
