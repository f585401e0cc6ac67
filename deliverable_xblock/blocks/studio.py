"""The Studio editor: every field and the rubric, validated on save, then given to the engine.

Saving configures the peer-review engine (``api.configure``) and publishes the rubric
(``api.publish_rubric``): an unchanged rubric keeps its version; a changed one becomes a new
version, and reviews already given keep the version they used (the editor says so).
"""

from django.utils import timezone
from web_fragments.fragment import Fragment
from xblock.utils.resources import ResourceLoader

from casestudy_xblock import skills
from casestudy_xblock.blocks.handlers import HandlerError as CaseHandlerError
from casestudy_xblock.blocks.studio import StudioMixin as CaseStudio
from casestudy_xblock.blocks.studio import skill_label

from .. import api
from ..errors import DeliverableError
from . import identity, messages
from .content import CONTENT_FIELDS, clean_content, parse_deadline, validate_content
from .handlers import HandlerError, guarded
from .render import dom_id
from .studio_schema import editor_schema, editor_strings

loader = ResourceLoader("deliverable_xblock")
MAX_SKILL_RESULTS = 30


def deadline_for_editor(value):
    """The stored deadline as the editor's ``YYYY-MM-DDTHH:MM`` in the current time zone."""
    moment = parse_deadline(value)
    if moment is None:
        return ""
    if timezone.is_aware(moment):
        moment = timezone.localtime(moment)
    return moment.strftime("%Y-%m-%dT%H:%M")


def deadline_to_store(value):
    """The editor's deadline as an aware ISO 8601 string (naive means the current time zone)."""
    moment = parse_deadline(value)
    if moment is None:
        return ""
    if timezone.is_naive(moment):
        moment = timezone.make_aware(moment)
    return moment.isoformat()


def deadline_of(block):
    """The deadline as an aware datetime, or None."""
    moment = parse_deadline(block.deadline)
    if moment is not None and timezone.is_naive(moment):
        moment = timezone.make_aware(moment)
    return moment


class StudioMixin:
    """studio_view, author_view and the handlers save_studio and search_skills."""

    def require_author(self):
        """Studio handlers are for authors (the case block's rule): 403 for anyone else."""
        try:
            CaseStudio.require_author(self)
        except CaseHandlerError as error:
            raise HandlerError("bad_request", 403) from error

    def studio_view(self, context=None):
        lang = self.language()
        content = self.content_dict()
        content["deadline"] = deadline_for_editor(content["deadline"])
        chosen = set(content["skills"]) | {
            s for c in content["rubric"].get("criteria", []) for s in c.get("skills") or []
        }
        init = {
            "content": content,
            "schema": editor_schema(self.gettext),
            "strings": editor_strings(self.gettext, self.gettext(messages.ERRORS["not_saved"])),
            "skillNames": {s: skill_label(s, lang) for s in chosen if isinstance(s, str)},
        }
        html = loader.render_django_template(
            "templates/deliverable_xblock/block/studio.html",
            {"uid": dom_id(self.scope_ids.usage_id), "lang": lang},
            i18n_service=self.runtime.service(self, "i18n"),
        )
        fragment = Fragment(html)
        fragment.add_css_url(self.runtime.local_resource_url(self, "public/shared/case.css"))
        fragment.add_css_url(self.runtime.local_resource_url(self, "public/css/deliverable.css"))
        fragment.add_javascript_url(
            self.runtime.local_resource_url(self, "public/shared/studio_form.js")
        )
        fragment.add_javascript_url(
            self.runtime.local_resource_url(self, "public/js/deliverable_studio.js")
        )
        fragment.initialize_js("DxqDeliverableStudio", init)
        return fragment

    def sync_engine(self):
        """Give the engine the settings and the rubric; the rubric version in use."""
        api.configure(
            identity.block_key(self),
            identity.course_key(self),
            required_reviews=self.required_reviews,
            lease_minutes=self.lease_minutes,
            target_hours=self.target_hours,
            give_to_get=self.give_to_get,
            team_mode=self.team_mode,
            deadline=deadline_of(self),
        )
        if not (self.rubric or {}).get("criteria"):
            return 0
        version = api.publish_rubric(identity.block_key(self), self.rubric)
        return version.number

    @guarded
    def save_studio(self, data, suffix=""):
        """Validate ``{"content": {...}}`` and save it; nothing is saved when a field is wrong."""
        self.require_author()
        raw = data.get("content")
        if not isinstance(raw, dict):
            raise HandlerError("bad_request")
        content = clean_content(raw)
        problems = validate_content(content)
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
        content["deadline"] = deadline_to_store(content["deadline"])
        before = self.rubric_version
        for name in CONTENT_FIELDS:
            setattr(self, name, content[name])
        try:
            self.rubric_version = self.sync_engine()
        except DeliverableError as error:
            return {"ok": False, "message": str(error.message), "errors": []}
        message = self.gettext("Saved.")
        if before and self.rubric_version != before:
            message = self.gettext(
                "Saved. The rubric changed, so it is now version %(version)s: new reviews use "
                "it, and reviews already given keep the version they used."
            ) % {"version": self.rubric_version}
        saved = self.content_dict()
        saved["deadline"] = deadline_for_editor(saved["deadline"])
        return {"ok": True, "message": message, "content": saved, "version": self.rubric_version}

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

    def author_view(self, context=None):
        """Studio's preview: the learner view without any learner's state."""
        return self.render_learner(preview=True)
