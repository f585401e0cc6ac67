"""The Studio editor's form, described as data (labels already translated) for studio.js.

``field``, ``section`` and the words every editor shows come from ``editor.py``, which the
deliverable block's editor uses as well.
"""

from . import messages
from .content import MATERIAL_KINDS, STAGES
from .editor import common_strings, field, section


def _list_section(key, label, item_label, add_label, fields):
    """An editor section holding one list of items (people, materials, datasets, questions)."""
    return section(
        label, field(key, "list", label, item_label=item_label, add_label=add_label, fields=fields)
    )


def _options(_, labels, codes):
    return [[code, _(labels[code])] for code in codes]


def _people(_):
    return [
        field("name", "lt", _("Full name")),
        field("role", "lt", _("Role")),
        field("note", "lt", _("Note")),
    ]


def _materials(_):
    kinds = _options(_, messages.MATERIAL_KINDS, MATERIAL_KINDS)
    return [
        field("id", "string", _("Material id")),
        field("kind", "select", _("Material type"), options=kinds),
        field("title", "lt", _("Title")),
        field("body", "lt_md", _("Text (Markdown)")),
    ]


def _datasets(_):
    return [
        field("slug", "string", _("Table name in SQL"), help=_("e.g. sales")),
        field("title", "lt", _("Title")),
        field("description", "lt_md", _("Description (Markdown)")),
        field("sha256", "string", _("SHA-256 of the uploaded file")),
        field("filename", "string", _("File name")),
        field("_dataset", "dataset", _("Upload and status")),
    ]


def _questions(_):
    numeric, choices = ["numeric"], ["single", "multiple"]
    return [
        field("id", "string", _("Question id"), help=_("Lower-case letters and digits, e.g. q1.")),
        field(
            "kind",
            "select",
            _("Question type"),
            options=_options(_, messages.KINDS, messages.KINDS),
            rerender=True,
        ),
        field("prompt", "lt_md", _("Question (Markdown)")),
        field(
            "choices",
            "list",
            _("Choices"),
            kinds=choices,
            item_label=_("Choice %(n)s"),
            add_label=_("Add a choice"),
            fields=[
                field("id", "string", _("Choice id")),
                field("text", "lt", _("Choice text")),
                field("_correct", "correct", _("This choice is correct")),
            ],
        ),
        field("answer", "number", _("Correct answer"), kinds=numeric),
        field("answer", "lines", _("Accepted answers (one per line)"), kinds=["text"]),
        field(
            "expected_sql",
            "sql",
            _("Compute the correct answer with SQL (optional)"),
            help=_(
                "One DuckDB SELECT returning one value; tables are the dataset names above. "
                "When set, it replaces the correct answer."
            ),
        ),
        field(
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
        field("tolerance.value", "number", _("Tolerance value"), kinds=numeric),
        field(
            "hints", "lt_list", _("Hints"), item_label=_("Hint %(n)s"), add_label=_("Add a hint")
        ),
        field("feedback.correct", "lt_md", _("Feedback when correct (Markdown)")),
        field("feedback.incorrect", "lt_md", _("Feedback when not correct (Markdown)")),
        field("skills", "skills", _("Skills this question practises")),
        field("weight", "number", _("Points")),
    ]


def editor_schema(_):
    """Sections of the editor: ``[{"title", "fields": [...]}]``; ``_`` translates."""
    stages = _options(_, messages.STAGES, STAGES)
    lists = [
        ("people", _("People"), _("Person %(n)s"), _("Add a person"), _people(_)),
        ("materials", _("Materials"), _("Material %(n)s"), _("Add a material"), _materials(_)),
        ("datasets", _("Datasets"), _("Dataset %(n)s"), _("Add a dataset"), _datasets(_)),
        ("questions", _("Questions"), _("Question %(n)s"), _("Add a question"), _questions(_)),
    ]
    return [
        section(
            _("General"),
            field("display_name", "string", _("Display name")),
            field("stage", "select", _("Stage"), options=stages),
            field(
                "max_attempts", "number", _("Attempts per question"), help=_("0 means unlimited.")
            ),
            field("skills", "skills", _("Skills this unit practises")),
        ),
        section(
            _("Company"),
            field("company.name", "lt", _("Company name")),
            field("company.industry", "lt", _("Industry")),
            field("company.location", "lt", _("Location")),
            field("company.employees", "number", _("Employees")),
            field("company.summary", "lt_md", _("Summary (Markdown)")),
        ),
        section(_("Situation"), field("narrative", "lt_md", _("Narrative (Markdown)"))),
        *(_list_section(*row) for row in lists),
    ]


def editor_strings(_):
    """Words studio.js shows, translated: the shared editor's, then the dataset widget's."""
    return {
        **common_strings(_, _(messages.ERRORS["not_saved"])),
        "upload": _("Upload a file"),
        "uploading": _("Uploading…"),
        "uploadFailed": _("The upload failed."),
        "uploadUnavailable": _("Uploading is not available here; enter the SHA-256 of a file."),
        "checkStatus": _("Check the status"),
    }
