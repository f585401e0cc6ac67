"""The Studio editor's form as data (labels already translated), drawn by the case block's
form engine (``DxqForm`` in casestudy_xblock's studio_form.js) and deliverable_studio.js."""


def _field(key, kind, label, **extra):
    return {"key": key, "type": kind, "label": label, **extra}


def _option_fields(_):
    return [
        _field("id", "string", _("Option id"), help=_("Leave empty to number it automatically.")),
        _field("label", "lt", _("Option label")),
        _field("points", "number", _("Points")),
        _field("explanation", "lt", _("What this option means")),
    ]


def _criterion_fields(_):
    return [
        _field(
            "id", "string", _("Criterion id"), help=_("Leave empty to number it automatically.")
        ),
        _field("label", "lt", _("Criterion")),
        _field("prompt", "lt_md", _("Question to the reviewer (Markdown)")),
        _field("skills", "skills", _("Skills this criterion assesses")),
        _field(
            "feedback_only",
            "checkbox",
            _("Feedback only (a comment, no points)"),
        ),
        _field(
            "options",
            "list",
            _("Options"),
            item_label=_("Option %(n)s"),
            add_label=_("Add an option"),
            fields=_option_fields(_),
        ),
    ]


def editor_schema(_):
    """Sections of the editor: ``[{"title", "fields": [...]}]``; ``_`` translates."""
    return [
        {
            "title": _("General"),
            "fields": [
                _field("display_name", "string", _("Display name")),
                _field("prompt", "lt_md", _("What learners produce (Markdown)")),
                _field("skills", "skills", _("Skills this deliverable practises")),
            ],
        },
        {
            "title": _("Materials"),
            "fields": [
                _field(
                    "materials",
                    "list",
                    _("Materials"),
                    item_label=_("Material %(n)s"),
                    add_label=_("Add a material"),
                    fields=[
                        _field("title", "lt", _("Title")),
                        _field(
                            "url",
                            "string",
                            _("Link"),
                            help=_("A page or file of the course (/…) or an https:// address."),
                        ),
                        _field("description", "lt", _("Description")),
                    ],
                )
            ],
        },
        {
            "title": _("Submission"),
            "fields": [
                _field(
                    "deadline",
                    "datetime",
                    _("Deadline"),
                    help=_("Empty: no deadline. Learners may resubmit until then."),
                ),
                _field("team_mode", "checkbox", _("Team submission (a team shares one)")),
                _field("max_files", "number", _("Files per submission (0: text only)")),
                _field("max_file_mb", "number", _("Largest file (MB)")),
            ],
        },
        {
            "title": _("Peer review"),
            "fields": [
                _field("required_reviews", "number", _("Reviews each learner gives and gets")),
                _field("lease_minutes", "number", _("Minutes a reviewer has to finish a review")),
                _field(
                    "target_hours",
                    "number",
                    _("Hours within which every submission should be reviewed"),
                ),
                _field(
                    "give_to_get",
                    "checkbox",
                    _("Show the grade only after the learner's own reviews are done"),
                ),
                _field(
                    "weight",
                    "number",
                    _("Points in the course grade"),
                    help=_("Empty: the rubric's points."),
                ),
            ],
        },
        {
            "title": _("Rubric"),
            "fields": [
                _field(
                    "rubric.criteria",
                    "list",
                    _("Criteria"),
                    item_label=_("Criterion %(n)s"),
                    add_label=_("Add a criterion"),
                    fields=_criterion_fields(_),
                )
            ],
        },
    ]


def editor_strings(_, not_saved):
    """Words deliverable_studio.js shows, translated."""
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
