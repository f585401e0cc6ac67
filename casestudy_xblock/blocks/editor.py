"""What the two Studio editors (``dxq_case`` and ``dxq_deliverable``) share on the server.

Each block's ``studio_schema.py`` describes its form as data with :func:`field` and
:func:`section`; the browser draws it with ``DxqForm`` (``static/casestudy_xblock/js/
studio_form.js``), which also holds the DSS-P skill picker and saving for both editors. Each
block's ``studio.py`` mixes in :class:`EditorMixin`: the author check, the skill search, the
answer to content with problems, the editor's fragment and the author preview.
"""

from web_fragments.fragment import Fragment

from .. import platform, skills
from .render import dom_id

MAX_SKILL_RESULTS = 30
MAX_SKILL_QUERY = 100


def field(key, kind, label, **extra):
    """One field of the editor's form: ``{"key", "type", "label", ...}`` (DxqForm's schema)."""
    return {"key": key, "type": kind, "label": label, **extra}


def section(title, *fields):
    """One section of the editor's form: a fieldset titled ``title`` holding ``fields``."""
    return {"title": title, "fields": list(fields)}


def common_strings(_, not_saved):
    """The words DxqForm and its skill picker show, translated; ``not_saved`` already is."""
    return {
        "ja": _("Japanese"),
        "en": _("English"),
        "remove": _("Remove"),
        "moveUp": _("Move up"),
        "moveDown": _("Move down"),
        "searchSkills": _("Search the skill standard"),
        "noSkills": _("No skill matches."),
        "addSkill": _("Add %(name)s"),
        "removeSkill": _("Remove %(name)s"),
        "saving": _("Saving…"),
        "saved": _("Saved."),
        "notSaved": not_saved,
        "networkError": _("The server could not be reached. Nothing was saved; try again."),
        "errorCount": _("Problems found: %(count)s"),
    }


def skill_label(skill_id, lang):
    """``name (code)`` of a DSS-P skill in ``lang``; the id itself when the standard lacks it."""
    node = skills.find(skill_id)
    return f"{node.name(lang)} ({node.code})" if node is not None else skill_id


def skill_names(skill_ids, lang):
    """``{id: label}`` of the chosen skills, for the picker's chips; ids not text are left out."""
    return {s: skill_label(s, lang) for s in skill_ids if isinstance(s, str)}


def is_author(block):
    """May the current user use the block's Studio handlers?

    Studio's own user service says ``user_is_staff=False`` for course authors but gives their
    course role; an LMS learner has neither staff nor a course role beyond student. Outside Open
    edX (the workbench), ``platform.may_author_standalone`` decides.
    """
    service = block.runtime.service(block, "user")
    user = service.get_current_user() if service else None
    attrs = getattr(user, "opt_attrs", None) or {}
    role = attrs.get("edx-platform.user_role")
    if attrs.get("edx-platform.user_is_staff") is False and role in (None, "", "student"):
        return False
    in_open_edx = any(key.startswith("edx-platform.") for key in attrs)
    return in_open_edx or platform.may_author_standalone()


class EditorMixin:
    """The editor's pieces both blocks share.

    A block sets ``editor_error`` (its ``HandlerError`` class, raised for refused requests) and
    ``editor_messages`` (its ``messages`` module, with ``ERRORS["not_saved"]`` and
    ``problem_message``), and declares the skill search as a handler with its own guard:
    ``search_skills = guarded(EditorMixin.answer_skill_search)``.
    """

    editor_error = None
    editor_messages = None

    def require_author(self):
        """Studio handlers are for authors: 403 for anyone else (see :func:`is_author`)."""
        if not is_author(self):
            raise self.editor_error("bad_request", 403)

    def posted_content(self, data, clean):
        """The author's ``{"content": {...}}``, cleaned by ``clean``; refused when not an object."""
        self.require_author()
        raw = data.get("content")
        if not isinstance(raw, dict):
            raise self.editor_error("bad_request")
        return clean(raw)

    def answer_skill_search(self, data, suffix=""):
        """Skill items whose name or code contains ``{"q": text}``."""
        self.require_author()
        text = data.get("q", "")
        if not isinstance(text, str) or len(text) > MAX_SKILL_QUERY:
            raise self.editor_error("bad_request")
        lang = self.language()
        found = skills.search(text)[:MAX_SKILL_RESULTS]
        return {
            "ok": True,
            "skills": [{"id": s.id, "label": skill_label(s.id, lang)} for s in found],
        }

    def content_refused(self, problems):
        """``save_studio``'s answer to content with problems: nothing saved, each one named."""
        messages = self.editor_messages
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

    def editor_fragment(self, loader, template, resources, init_fn, init):
        """The editor: ``template`` (rendered by ``loader``), then ``resources`` by URL in the
        order given (``public/…`` paths of the block, CSS or JS: DxqForm's script before the
        editor's own, as Studio loads them in order), and ``init_fn(runtime, element, init)``."""
        html = loader.render_django_template(
            template,
            {"uid": dom_id(self.scope_ids.usage_id), "lang": self.language()},
            i18n_service=self.runtime.service(self, "i18n"),
        )
        fragment = Fragment(html)
        for path in resources:
            url = self.runtime.local_resource_url(self, path)
            if path.endswith(".css"):
                fragment.add_css_url(url)
            else:
                fragment.add_javascript_url(url)
        fragment.initialize_js(init_fn, init)
        return fragment

    def author_view(self, context=None):
        """Studio's preview: the learner view without any learner's state."""
        return self.render_learner(preview=True)
