"""Every message the block shows for a code, marked for translation (translated when shown).

``gettext_noop`` is spelled out (not aliased) so that ``makemessages`` finds the strings.
"""


def gettext_noop(text):
    """Marks ``text`` for ``makemessages`` (the name is one of its keywords); Django's own
    would need settings at import time, and the block class loads before them in some tools."""
    return text


#: Why content cannot be saved (codes of casestudy_xblock.questions and blocks.content).
PROBLEMS = {
    "required": gettext_noop("Fill in this field."),
    "invalid": gettext_noop("This value does not have the expected form."),
    "not_slug": gettext_noop(
        "Use lower-case letters, digits, hyphens or underscores, starting with a letter."
    ),
    "duplicate": gettext_noop("This is used twice; each must be different."),
    "unknown_kind": gettext_noop("Choose a question type."),
    "too_few_choices": gettext_noop("Give at least two choices."),
    "unknown_choice": gettext_noop("Choose among this question's choices."),
    "not_a_number": gettext_noop("Enter a number."),
    "out_of_range": gettext_noop("This number is outside the allowed range."),
    "not_select": gettext_noop("Write one SELECT query (a WITH … SELECT query is fine too)."),
    "no_datasets": gettext_noop("Add a dataset to this block before computing an answer with SQL."),
    "unknown_skill": gettext_noop(
        "This is not a known skill id of the DX Promotion Skill Standard."
    ),
    "too_long": gettext_noop("This text is too long."),
    "not_sql_identifier": gettext_noop(
        "Use lower-case letters, digits and underscores, starting with a letter."
    ),
    "not_sha256": gettext_noop("Enter the 64-character SHA-256 of an uploaded dataset."),
    "unknown_stage": gettext_noop("Choose a stage."),
    "unknown_dataset": gettext_noop("No uploaded dataset has this SHA-256. Upload the file first."),
    "sql_failed": gettext_noop("The SQL could not be run on this block's datasets."),
}

#: Why an answer or a request could not be handled (nothing is counted against the learner).
ERRORS = {
    "empty": gettext_noop("Enter an answer first."),
    "not_a_number": gettext_noop("Enter a number, for example 1234.5 or 1,234.5."),
    "unknown_choice": gettext_noop("Choose one of the options."),
    "too_long": gettext_noop("Your answer is too long."),
    "no_expected": gettext_noop(
        "This question cannot be marked right now. Please try again later."
    ),
    "no_attempts_left": gettext_noop("You have used every attempt for this question."),
    "already_correct": gettext_noop("You have already answered this question correctly."),
    "unknown_question": gettext_noop(
        "This question does not exist. Reload the page and try again."
    ),
    "bad_request": gettext_noop(
        "The request could not be understood. Reload the page and try again."
    ),
    "unknown_dataset": gettext_noop("This dataset does not exist. Reload the page and try again."),
    "dataset_not_ready": gettext_noop(
        "This dataset is still being prepared. Please try again shortly."
    ),
    "dataset_error": gettext_noop("The dataset could not be read. Please try again later."),
    "unknown_column": gettext_noop("Choose one of the dataset's columns."),
    "no_more_hints": gettext_noop("There are no more hints for this question."),
    "preview": gettext_noop("This is a preview: answers are not saved."),
    "not_saved": gettext_noop("Nothing was saved. Correct the fields marked below."),
}

#: Default feedback when the author wrote none.
FEEDBACK = {
    "correct": gettext_noop("Correct."),
    "incorrect": gettext_noop("Not correct."),
}

STAGES = {
    "diagnosis": gettext_noop("Understanding the situation and identifying issues"),
    "options": gettext_noop("Considering measures"),
    "plan": gettext_noop("Implementation plan"),
    "change": gettext_noop("Organizational change"),
    "new_business": gettext_noop("New business"),
    "proposal": gettext_noop("Proposal to management"),
}

MATERIAL_KINDS = {
    "interview": gettext_noop("Interview"),
    "document": gettext_noop("Document"),
    "memo": gettext_noop("Memo"),
}

AGGREGATES = {
    "count": gettext_noop("Number of rows"),
    "sum": gettext_noop("Sum"),
    "avg": gettext_noop("Average"),
    "min": gettext_noop("Minimum"),
    "max": gettext_noop("Maximum"),
}

#: Filter operators as the learner reads them in the filter builder's select.
FILTER_OPERATORS = {
    "=": gettext_noop("equals (=)"),
    "!=": gettext_noop("does not equal (≠)"),
    "<": gettext_noop("is less than (<)"),
    "<=": gettext_noop("is at most (≤)"),
    ">": gettext_noop("is greater than (>)"),
    ">=": gettext_noop("is at least (≥)"),
    "contains": gettext_noop("contains"),
}

#: Symbols of the operators in a chart's caption ("contains" has a message of its own).
FILTER_SYMBOLS = {"=": "=", "!=": "≠", "<": "<", "<=": "≤", ">": ">", ">=": "≥"}

KINDS = {
    "numeric": gettext_noop("Number"),
    "single": gettext_noop("One choice"),
    "multiple": gettext_noop("Several choices"),
    "text": gettext_noop("Short text"),
}


def problem_message(code, gettext):
    """The translated message for a content problem code."""
    return gettext(PROBLEMS.get(code) or PROBLEMS["invalid"])


def error_message(code, gettext):
    """The translated message for a handler error code."""
    return gettext(ERRORS.get(code) or ERRORS["bad_request"])
