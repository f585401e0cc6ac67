"""The Studio editor: every field and the rubric, validated on save, then given to the engine.

Saving configures the peer-review engine (``api.configure``) and publishes the rubric
(``api.publish_rubric``): an unchanged rubric keeps its version; a changed one becomes a new
version, and reviews already given keep the version they used (the editor says so).

The author check, the skill search, the refusal of content with problems, the fragment and the
preview are the case block's (``casestudy_xblock.blocks.editor``), as is the form engine.
"""

from django.utils import timezone
from xblock.utils.resources import ResourceLoader

from casestudy_xblock.blocks.editor import EditorMixin, skill_names

from .. import api
from ..errors import DeliverableError
from . import identity, messages
from .content import CONTENT_FIELDS, clean_content, parse_deadline, validate_content
from .handlers import HandlerError, guarded
from .studio_schema import editor_schema, editor_strings

loader = ResourceLoader("deliverable_xblock")
TEMPLATE = "templates/deliverable_xblock/block/studio.html"
#: The case block's styles and form engine first (served from casestudy_xblock: see
#: ``deliverable.SHARED``): deliverable.css and deliverable_studio.js build on them.
RESOURCES = (
    "public/shared/case.css",
    "public/css/deliverable.css",
    "public/shared/studio_form.js",
    "public/js/deliverable_studio.js",
)


def deadline_for_editor(value):
    """The stored deadline as the editor's ``YYYY-MM-DDTHH:MM`` in the current time zone."""
    moment = parse_deadline(value)
    if moment is None:
        return ""
    if timezone.is_aware(moment):
        moment = timezone.localtime(moment)
    return moment.strftime("%Y-%m-%dT%H:%M")


def aware_deadline(value):
    """A deadline as an aware datetime (naive means the current time zone), or None."""
    moment = parse_deadline(value)
    if moment is not None and timezone.is_naive(moment):
        moment = timezone.make_aware(moment)
    return moment


def deadline_to_store(value):
    """The editor's deadline as an aware ISO 8601 string, or "" for none."""
    moment = aware_deadline(value)
    return "" if moment is None else moment.isoformat()


def deadline_of(block):
    """The deadline as an aware datetime, or None."""
    return aware_deadline(block.deadline)


class StudioMixin(EditorMixin):
    """studio_view, author_view and the handlers save_studio and search_skills."""

    editor_error, editor_messages = HandlerError, messages
    search_skills = guarded(EditorMixin.answer_skill_search)

    def studio_view(self, context=None):
        content = self.content_dict()
        content["deadline"] = deadline_for_editor(content["deadline"])
        chosen = set(content["skills"]) | {
            s for c in content["rubric"].get("criteria", []) for s in c.get("skills") or []
        }
        init = {
            "content": content,
            "schema": editor_schema(self.gettext),
            "strings": editor_strings(self.gettext, self.gettext(messages.ERRORS["not_saved"])),
            "skillNames": skill_names(chosen, self.language()),
        }
        return self.editor_fragment(loader, TEMPLATE, RESOURCES, "DxqDeliverableStudio", init)

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
        content = self.posted_content(data, clean_content)
        problems = validate_content(content)
        if problems:
            return self.content_refused(problems)
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
