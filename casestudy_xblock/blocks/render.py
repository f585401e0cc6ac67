"""What the learner view shows, as plain data for the template and the JSON handlers."""

import re

from django.utils import translation

from ..text import language_code, localized_with_lang, markdown_to_html
from . import datasets as engine
from . import messages
from .feedback_link import feedback_url
from .fields import DEFAULT_DISPLAY_NAME

#: Heading levels: the block title is <h2>, sections <h3>, items <h4>; Markdown headings
#: inside a section start below them.
SECTION_MARKDOWN, ITEM_MARKDOWN = 3, 4


class I18nMixin:
    """Translation through the runtime's i18n service, and the language of the request."""

    def gettext(self, text):
        service = self.runtime.service(self, "i18n")
        translate = getattr(service, "gettext", None) or service.ugettext
        return translate(text)

    def language(self):
        return language_code(translation.get_language())


def dom_id(usage_id):
    """A prefix for element ids that is unique per block on the page."""
    return "dxq-" + re.sub(r"[^A-Za-z0-9_-]", "-", str(usage_id))


def plain(value, lang):
    text, code = localized_with_lang(value, lang)
    return {"text": text, "lang": code}


def rich(value, lang, heading_offset=ITEM_MARKDOWN):
    text, code = localized_with_lang(value, lang)
    return {"html": markdown_to_html(text, heading_offset), "lang": code}


def title(block):
    if block.display_name == DEFAULT_DISPLAY_NAME:
        return block.gettext(DEFAULT_DISPLAY_NAME)
    return block.display_name


def score_text(block, earned, possible):
    message = block.gettext("Score: %(earned)s / %(possible)s")
    return message % {"earned": _points(earned), "possible": _points(possible)}


def _points(value):
    return str(int(value)) if float(value).is_integer() else f"{value:.2f}".rstrip("0")


def attempts_text(block, question_id, preview=False):
    if not preview and block.correctness.get(question_id):
        return block.gettext("Answered correctly")
    if not block.max_attempts:
        return block.gettext("Unlimited attempts")
    left = block.max_attempts if preview else block.attempts_left(question_id)
    return block.gettext("Attempts left: %(count)s") % {"count": left}


def feedback(block, question, correct, detail=None):
    """``{"correct", "html", "lang", "detail"}`` shown after an answer is marked."""
    lang = block.language()
    key = "correct" if correct else "incorrect"
    authored = (question.get("feedback") or {}).get(key)
    shown = rich(authored, lang) if authored else {"html": "", "lang": lang}
    if not shown["html"]:
        shown = {"html": "", "lang": lang, "text": block.gettext(messages.FEEDBACK[key])}
    lines = []
    if detail and detail.get("wrong"):
        labels = [choice_label(question, c, lang) for c in detail["wrong"]]
        joined = (", " if lang == "en" else "、").join(labels)
        lines.append(block.gettext("Not correct: %(choices)s") % {"choices": joined})
    if detail and detail.get("missing"):
        message = block.gettext("Correct choices you did not select: %(count)s")
        lines.append(message % {"count": detail["missing"]})
    return {"correct": bool(correct), **shown, "detail": lines}


def filters_text(block, filters):
    """``region = 東, amount ≥ 100`` (``、`` between conditions in Japanese): the conditions
    of a filtered chart, for its caption."""
    parts = []
    for item in filters:
        value = "–" if item["value"] is None else item["value"]
        if item["op"] == "contains":
            text = block.gettext("%(column)s contains “%(value)s”")
            parts.append(text % {"column": item["column"], "value": value})
        else:
            parts.append(f"{item['column']} {messages.FILTER_SYMBOLS[item['op']]} {value}")
    return (", " if block.language() == "en" else "、").join(parts)


def choice_label(question, choice_id, lang):
    for choice in question.get("choices") or []:
        if choice.get("id") == choice_id:
            return plain(choice.get("text"), lang)["text"] or choice_id
    return choice_id


def _question(block, index, question, lang, preview):
    qid = question.get("id")
    answer = None if preview else block.answers.get(qid)
    chosen = answer if isinstance(answer, list) else [answer]
    used = 0 if preview else int(block.attempts.get(qid, 0))
    shown = 0 if preview else int(block.hints_shown.get(qid, 0))
    hints = question.get("hints") or []
    view = {
        "id": qid,
        "number": index + 1,
        "kind": question.get("kind"),
        "prompt": rich(question.get("prompt"), lang),
        "choices": [
            {**plain(c.get("text"), lang), "id": c.get("id"), "checked": c.get("id") in chosen}
            for c in question.get("choices") or []
        ],
        "value": answer if isinstance(answer, str) else "",
        "attempts_text": attempts_text(block, qid, preview),
        "done": not preview and block.question_done(qid),
        "hints": [rich(h, lang) for h in hints[:shown]],
        "hints_left": len(hints) - shown,
        "feedback": None,
    }
    if used:
        view["feedback"] = feedback(block, question, block.correctness.get(qid))
    return view


def _dataset(block, dataset, lang):
    info = engine.dataset_info(dataset.get("sha256", ""))
    status = info.get("status")
    columns = engine.columns_of(info) if status == engine.READY else []
    return {
        "slug": dataset.get("slug"),
        "title": plain(dataset.get("title"), lang),
        "description": rich(dataset.get("description"), lang),
        "filename": dataset.get("filename"),
        "status": status,
        "ready": status == engine.READY,
        "rows": engine.row_count(info),
        "columns": columns,
        "numeric_columns": [c for c in columns if c["numeric"]],
        "download_url": block.runtime.handler_url(block, "download_dataset", dataset.get("slug")),
    }


def learner_context(block, preview=False):
    """Everything the learner template needs, in the request's language."""
    lang = block.language()
    company = block.company or {}
    earned, possible = (0.0, block.max_score()) if preview else block.stored_score()
    return {
        "uid": dom_id(block.scope_ids.usage_id),
        "lang": lang,
        "preview": preview,
        "feedback_url": feedback_url(block.scope_ids.usage_id, preview),
        "title": title(block),
        "stage": block.gettext(messages.STAGES.get(block.stage, messages.STAGES["diagnosis"])),
        "score_text": score_text(block, earned, possible) if possible else "",
        "company": {
            "name": plain(company.get("name"), lang),
            "industry": plain(company.get("industry"), lang),
            "location": plain(company.get("location"), lang),
            "employees": company.get("employees"),
            "summary": rich(company.get("summary"), lang),
        },
        "narrative": rich(block.narrative, lang, SECTION_MARKDOWN),
        "people": [
            {k: plain(p.get(k), lang) for k in ("name", "role", "note")} for p in block.people
        ],
        "materials": [
            {
                "id": m.get("id"),
                "kind": block.gettext(messages.MATERIAL_KINDS.get(m.get("kind"), "")),
                "title": plain(m.get("title"), lang),
                "body": rich(m.get("body"), lang),
            }
            for m in block.materials
        ],
        "datasets": [_dataset(block, d, lang) for d in block.datasets],
        "aggregates": [(code, block.gettext(label)) for code, label in messages.AGGREGATES.items()],
        "max_filters": engine.MAX_FILTERS,
        "questions": [_question(block, i, q, lang, preview) for i, q in enumerate(block.questions)],
    }
