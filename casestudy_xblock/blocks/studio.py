"""The Studio editor: a form for every content field, validated on save."""

from web_fragments.fragment import Fragment
from xblock.utils.resources import ResourceLoader

from .. import platform, skills
from ..questions import Problem
from . import datasets as engine
from . import messages
from .content import CONTENT_FIELDS, clean_content, validate_content
from .handlers import HandlerError, guarded
from .render import dom_id
from .studio_schema import editor_schema, editor_strings

loader = ResourceLoader("casestudy_xblock")
MAX_SKILL_RESULTS = 30


def skill_label(skill_id, lang):
    node = skills.find(skill_id)
    return f"{node.name(lang)} ({node.code})" if node is not None else skill_id


class StudioMixin:
    """studio_view and its handlers: save_studio, search_skills, dataset_status."""

    def studio_view(self, context=None):
        lang = self.language()
        content = self.content_dict()
        chosen = set(content["skills"]) | {
            s for q in content["questions"] for s in q.get("skills") or []
        }
        init = {
            "content": content,
            "schema": editor_schema(self.gettext),
            "strings": editor_strings(self.gettext),
            "uploadUrl": engine.upload_url(),
            "skillNames": {s: skill_label(s, lang) for s in chosen if isinstance(s, str)},
            "statusLabels": self.status_labels(),
        }
        html = loader.render_django_template(
            "templates/casestudy_xblock/block/studio.html",
            {"uid": dom_id(self.scope_ids.usage_id), "lang": lang},
            i18n_service=self.runtime.service(self, "i18n"),
        )
        fragment = Fragment(html)
        fragment.add_css_url(self.runtime.local_resource_url(self, "public/css/case.css"))
        fragment.add_javascript_url(
            self.runtime.local_resource_url(self, "public/js/studio_form.js")
        )
        fragment.add_javascript_url(self.runtime.local_resource_url(self, "public/js/studio.js"))
        fragment.initialize_js("DxqCaseStudio", init)
        return fragment

    def status_labels(self):
        _ = self.gettext
        return {
            engine.READY: _("Ready"),
            engine.MISSING: _("Not found: upload the file or check the SHA-256."),
            engine.FAILED: _("The file could not be prepared."),
            "pending": _("Being prepared…"),
        }

    def require_author(self):
        """Studio handlers are for authors: refuse a learner calling them in the LMS.

        Studio's own user service says ``user_is_staff=False`` for course authors but gives
        their course role; an LMS learner has neither staff nor a course role beyond student.
        """
        service = self.runtime.service(self, "user")
        user = service.get_current_user() if service else None
        attrs = getattr(user, "opt_attrs", None) or {}
        role = attrs.get("edx-platform.user_role")
        if attrs.get("edx-platform.user_is_staff") is False and role in (None, "", "student"):
            raise HandlerError("bad_request", 403)
        in_open_edx = any(key.startswith("edx-platform.") for key in attrs)
        if not in_open_edx and not platform.may_author_standalone():
            raise HandlerError("bad_request", 403)

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
        self.require_author()
        raw = data.get("content")
        if not isinstance(raw, dict):
            raise HandlerError("bad_request")
        content = clean_content(raw)
        problems = validate_content(content)
        if not problems:
            problems = self.engine_problems(content)
        if problems:
            return {
                "ok": False,
                "message": self.gettext(messages.ERRORS["not_saved"]),
                "errors": [
                    {
                        "field": p.field,
                        "code": p.code,
                        "message": messages.problem_message(p.code, self.gettext),
                    }
                    for p in problems
                ],
            }
        for name in CONTENT_FIELDS:
            setattr(self, name, content[name])
        return {"ok": True, "message": self.gettext("Saved."), "content": self.content_dict()}

    @guarded
    def search_skills(self, data, suffix=""):
        """Skill items whose name or code contains ``{"q": text}``."""
        self.require_author()
        text = data.get("q", "")
        if not isinstance(text, str) or len(text) > 100:
            raise HandlerError("bad_request")
        lang = self.language()
        found = skills.search(text)[:MAX_SKILL_RESULTS]
        return {
            "ok": True,
            "skills": [{"id": s.id, "label": skill_label(s.id, lang)} for s in found],
        }

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

    def author_view(self, context=None):
        """Studio's preview: the learner view without any learner's state."""
        return self.render_learner(preview=True)
