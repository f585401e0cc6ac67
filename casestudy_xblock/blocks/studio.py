"""The Studio editor: a form for every content field, validated on save.

What it shares with the deliverable block's editor (the author check, the skill search, the
refusal of content with problems, the fragment, the preview) is in ``editor.py``.
"""

from xblock.utils.resources import ResourceLoader

from ..questions import Problem
from . import datasets as engine
from . import messages
from .content import CONTENT_FIELDS, clean_content, validate_content
from .editor import EditorMixin, skill_names
from .handlers import HandlerError, guarded
from .studio_schema import editor_schema, editor_strings

__all__ = ["StudioMixin"]

loader = ResourceLoader("casestudy_xblock")
TEMPLATE = "templates/casestudy_xblock/block/studio.html"
#: DxqForm's script first: studio.js builds on it.
RESOURCES = ("public/css/case.css", "public/js/studio_form.js", "public/js/studio.js")


class StudioMixin(EditorMixin):
    """studio_view and its handlers: save_studio, search_skills, dataset_status."""

    editor_error, editor_messages = HandlerError, messages
    search_skills = guarded(EditorMixin.answer_skill_search)

    def studio_view(self, context=None):
        content = self.content_dict()
        chosen = set(content["skills"]) | {
            s for q in content["questions"] for s in q.get("skills") or []
        }
        init = {
            "content": content,
            "schema": editor_schema(self.gettext),
            "strings": editor_strings(self.gettext),
            "uploadUrl": engine.upload_url(),
            "skillNames": skill_names(chosen, self.language()),
            "statusLabels": self.status_labels(),
        }
        return self.editor_fragment(loader, TEMPLATE, RESOURCES, "DxqCaseStudio", init)

    def status_labels(self):
        _ = self.gettext
        return {
            engine.READY: _("Ready"),
            engine.MISSING: _("Not found: upload the file or check the SHA-256."),
            engine.FAILED: _("The file could not be prepared."),
            "pending": _("Being prepared…"),
        }

    def engine_problems(self, content):
        """Datasets the engine does not know, and expected-answer SQL that fails on them."""
        problems, ready = [], True
        for index, dataset in enumerate(content["datasets"]):
            status = engine.dataset_info(dataset["sha256"]).get("status")
            if status == engine.MISSING:
                problems.append(Problem(f"datasets.{index}.sha256", "unknown_dataset"))
            ready = ready and status == engine.READY
        if ready and not problems:
            tables = {d["slug"]: d["sha256"] for d in content["datasets"]}
            for index, question in enumerate(content["questions"]):
                if (
                    question.get("expected_sql")
                    and not engine.evaluate(question["expected_sql"], tables)[0]
                ):
                    problems.append(Problem(f"questions.{index}.expected_sql", "sql_failed"))
        return problems

    @guarded
    def save_studio(self, data, suffix=""):
        """Validate ``{"content": {...}}`` and save it; nothing is saved when any field is wrong."""
        content = self.posted_content(data, clean_content)
        problems = validate_content(content)
        if not problems:
            problems = self.engine_problems(content)
        if problems:
            return self.content_refused(problems)
        for name in CONTENT_FIELDS:
            setattr(self, name, content[name])
        return {"ok": True, "message": self.gettext("Saved."), "content": self.content_dict()}

    @guarded
    def dataset_status(self, data, suffix=""):
        """The engine's status of ``{"sha256": hex}``, with a one-line summary."""
        self.require_author()
        sha256 = data.get("sha256")
        if not isinstance(sha256, str) or len(sha256) != 64:
            raise HandlerError("bad_request")
        info = engine.dataset_info(sha256.lower())
        status = info.get("status")
        labels = self.status_labels()
        summary = labels.get(status, labels["pending"])
        rows, columns = engine.row_count(info), engine.columns_of(info)
        if status == engine.READY and rows is not None:
            summary = self.gettext("Ready: %(rows)s rows, %(columns)s columns") % {
                "rows": f"{rows:,}",
                "columns": len(columns),
            }
        return {
            "ok": True,
            "status": status,
            "summary": summary,
            "final": status in (engine.READY, engine.MISSING, engine.FAILED),
        }
