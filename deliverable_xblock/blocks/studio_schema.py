"""The Studio editor's form as data (labels already translated), drawn by the case block's
form engine (``DxqForm`` in casestudy_xblock's studio_form.js) and deliverable_studio.js.

``field``, ``section`` and the words every editor shows are the case block's
(``casestudy_xblock.blocks.editor``).
"""

from casestudy_xblock.blocks.editor import common_strings, field, section


def _list(key, label, item_label, add_label, fields):
    """A list of items the author adds, removes and reorders."""
    return field(key, "list", label, item_label=item_label, add_label=add_label, fields=fields)


def _option_fields(_):
    auto = _("Leave empty to number it automatically.")
    return [
        field("id", "string", _("Option id"), help=auto),
        field("label", "lt", _("Option label")),
        field("points", "number", _("Points")),
        field("explanation", "lt", _("What this option means")),
    ]


def _criterion_fields(_):
    auto = _("Leave empty to number it automatically.")
    options = _list(
        "options", _("Options"), _("Option %(n)s"), _("Add an option"), _option_fields(_)
    )
    return [
        field("id", "string", _("Criterion id"), help=auto),
        field("label", "lt", _("Criterion")),
        field("prompt", "lt_md", _("Question to the reviewer (Markdown)")),
        field("skills", "skills", _("Skills this criterion assesses")),
        field("feedback_only", "checkbox", _("Feedback only (a comment, no points)")),
        options,
    ]


def _material_fields(_):
    link_help = _("A page or file of the course (/…) or an https:// address.")
    return [
        field("title", "lt", _("Title")),
        field("url", "string", _("Link"), help=link_help),
        field("description", "lt", _("Description")),
    ]


def editor_schema(_):
    """Sections of the editor: ``[{"title", "fields": [...]}]``; ``_`` translates."""
    materials = _list(
        "materials", _("Materials"), _("Material %(n)s"), _("Add a material"), _material_fields(_)
    )
    criteria = _list(
        "rubric.criteria",
        _("Criteria"),
        _("Criterion %(n)s"),
        _("Add a criterion"),
        _criterion_fields(_),
    )
    deadline_help = _("Empty: no deadline. Learners may resubmit until then.")
    target = _("Hours within which every submission should be reviewed")
    give_to_get = _("Show the grade only after the learner's own reviews are done")
    weight_help = _("Empty: the rubric's points.")
    return [
        section(
            _("General"),
            field("display_name", "string", _("Display name")),
            field("prompt", "lt_md", _("What learners produce (Markdown)")),
            field("skills", "skills", _("Skills this deliverable practises")),
        ),
        section(_("Materials"), materials),
        section(
            _("Submission"),
            field("deadline", "datetime", _("Deadline"), help=deadline_help),
            field("team_mode", "checkbox", _("Team submission (a team shares one)")),
            field("max_files", "number", _("Files per submission (0: text only)")),
            field("max_file_mb", "number", _("Largest file (MB)")),
        ),
        section(
            _("Peer review"),
            field("required_reviews", "number", _("Reviews each learner gives and gets")),
            field("lease_minutes", "number", _("Minutes a reviewer has to finish a review")),
            field("target_hours", "number", target),
            field("give_to_get", "checkbox", give_to_get),
            field("weight", "number", _("Points in the course grade"), help=weight_help),
        ),
        section(_("Rubric"), criteria),
    ]


def editor_strings(_, not_saved):
    """Words deliverable_studio.js shows, translated: the shared editor's."""
    return common_strings(_, not_saved)
