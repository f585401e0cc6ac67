"""The Studio editor's form, described as data (labels already translated) for studio.js."""

from . import messages
from .content import MATERIAL_KINDS, STAGES


def _field(key, kind, label, **extra):
    return {"key": key, "type": kind, "label": label, **extra}


def _list_section(key, label, item_label, add_label, fields):
    """An editor section holding one list of items (people, materials, datasets, questions)."""
    field = _field(key, "list", label, item_label=item_label, add_label=add_label, fields=fields)
    return {"title": label, "fields": [field]}


def _options(_, labels, codes):
    return [[code, _(labels[code])] for code in codes]


def _question_fields(_):
    numeric, choices = ["numeric"], ["single", "multiple"]
    return [
        _field("id", "string", _("Question id"), help=_("Lower-case letters and digits, e.g. q1.")),
        _field(
            "kind",
            "select",
            _("Question type"),
            options=_options(_, messages.KINDS, messages.KINDS),
            rerender=True,
        ),
        _field("prompt", "lt_md", _("Question (Markdown)")),
        _field(
            "choices",
            "list",
            _("Choices"),
            kinds=choices,
            item_label=_("Choice %(n)s"),
            add_label=_("Add a choice"),
            fields=[
                _field("id", "string", _("Choice id")),
                _field("text", "lt", _("Choice text")),
                _field("_correct", "correct", _("This choice is correct")),
            ],
        ),
        _field("answer", "number", _("Correct answer"), kinds=numeric),
        _field("answer", "lines", _("Accepted answers (one per line)"), kinds=["text"]),
        _field(
            "expected_sql",
            "sql",
            _("Compute the correct answer with SQL (optional)"),
            help=_(
                "One DuckDB SELECT returning one value; tables are the dataset names above. "
                "When set, it replaces the correct answer."
            ),
        ),
        _field(
            "tolerance.mode",
            "select",
            _("Tolerance"),
            kinds=numeric,
            options=[
                ["", _("Exact")],
                ["abs", _("Absolute (plus or minus a value)")],
                ["rel", _("Relative (plus or minus a ratio: 0.01 is one percent)")],
            ],
        ),
        _field("tolerance.value", "number", _("Tolerance value"), kinds=numeric),
        _field(
            "hints", "lt_list", _("Hints"), item_label=_("Hint %(n)s"), add_label=_("Add a hint")
        ),
        _field("feedback.correct", "lt_md", _("Feedback when correct (Markdown)")),
        _field("feedback.incorrect", "lt_md", _("Feedback when not correct (Markdown)")),
        _field("skills", "skills", _("Skills this question practises")),
        _field("weight", "number", _("Points")),
    ]


def editor_schema(_):
    """Sections of the editor: ``[{"title", "fields": [...]}]``; ``_`` translates."""
    return [
        {
            "title": _("General"),
            "fields": [
                _field("display_name", "string", _("Display name")),
                _field("stage", "select", _("Stage"), options=_options(_, messages.STAGES, STAGES)),
                _field(
                    "max_attempts",
                    "number",
                    _("Attempts per question"),
                    help=_("0 means unlimited."),
                ),
                _field("skills", "skills", _("Skills this unit practises")),
            ],
        },
        {
            "title": _("Company"),
            "fields": [
                _field("company.name", "lt", _("Company name")),
                _field("company.industry", "lt", _("Industry")),
                _field("company.location", "lt", _("Location")),
                _field("company.employees", "number", _("Employees")),
                _field("company.summary", "lt_md", _("Summary (Markdown)")),
            ],
        },
        {
            "title": _("Situation"),
            "fields": [_field("narrative", "lt_md", _("Narrative (Markdown)"))],
        },
        _list_section(
            "people",
            _("People"),
            item_label=_("Person %(n)s"),
            add_label=_("Add a person"),
            fields=[
                _field("name", "lt", _("Full name")),
                _field("role", "lt", _("Role")),
                _field("note", "lt", _("Note")),
            ],
        ),
        _list_section(
            "materials",
            _("Materials"),
            item_label=_("Material %(n)s"),
            add_label=_("Add a material"),
            fields=[
                _field("id", "string", _("Material id")),
                _field(
                    "kind",
                    "select",
                    _("Material type"),
                    options=_options(_, messages.MATERIAL_KINDS, MATERIAL_KINDS),
                ),
                _field("title", "lt", _("Title")),
                _field("body", "lt_md", _("Text (Markdown)")),
            ],
        ),
        _list_section(
            "datasets",
            _("Datasets"),
            item_label=_("Dataset %(n)s"),
            add_label=_("Add a dataset"),
            fields=[
                _field("slug", "string", _("Table name in SQL"), help=_("e.g. sales")),
                _field("title", "lt", _("Title")),
                _field("description", "lt_md", _("Description (Markdown)")),
                _field("sha256", "string", _("SHA-256 of the uploaded file")),
                _field("filename", "string", _("File name")),
                _field("_dataset", "dataset", _("Upload and status")),
            ],
        ),
        _list_section(
            "questions",
            _("Questions"),
            item_label=_("Question %(n)s"),
            add_label=_("Add a question"),
            fields=_question_fields(_),
        ),
    ]


def editor_strings(_):
    """Words studio.js shows, translated."""
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
        "notSaved": _(messages.ERRORS["not_saved"]),
        "networkError": _("The server could not be reached. Nothing was saved; try again."),
        "upload": _("Upload a file"),
        "uploading": _("Uploading…"),
        "uploadFailed": _("The upload failed."),
        "uploadUnavailable": _("Uploading is not available here; enter the SHA-256 of a file."),
        "checkStatus": _("Check the status"),
        "errorCount": _("Problems found: %(count)s"),
    }
