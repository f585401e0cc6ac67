"""Every message the deliverable block shows for a code, marked for translation.

``gettext_noop`` is spelled out (not aliased) so that ``makemessages`` finds the strings.
"""


def gettext_noop(text):
    """Marks ``text`` for ``makemessages``; translated when shown."""
    return text


#: Why the editor's content cannot be saved (codes of blocks.content and casestudy questions).
PROBLEMS = {
    "required": gettext_noop("Fill in this field."),
    "invalid": gettext_noop("This value does not have the expected form."),
    "not_slug": gettext_noop(
        "Use lower-case letters, digits, hyphens or underscores, starting with a letter."
    ),
    "duplicate": gettext_noop("This is used twice; each must be different."),
    "not_a_number": gettext_noop("Enter a number."),
    "out_of_range": gettext_noop("This number is outside the allowed range."),
    "unknown_skill": gettext_noop(
        "This is not a known skill id of the DX Promotion Skill Standard."
    ),
    "too_long": gettext_noop("This text is too long."),
    "no_criteria": gettext_noop("Add at least one criterion to the rubric."),
    "too_few_options": gettext_noop("Give this criterion at least two options."),
    "too_many": gettext_noop("There are too many items here."),
    "bad_url": gettext_noop("Enter a link starting with https://, http:// or /."),
    "bad_date": gettext_noop("Enter a date and time, for example 2026-12-20T23:59."),
    "no_points": gettext_noop("At least one option must give points."),
}

#: Why a learner's request could not be handled (nothing the learner typed is lost).
ERRORS = {
    "bad_request": gettext_noop(
        "The request could not be understood. Reload the page and try again."
    ),
    "not_signed_in": gettext_noop("Sign in to take part in this deliverable."),
    "not_enrolled": gettext_noop("Enrol in the course to take part in this deliverable."),
    "preview": gettext_noop("This is a preview: nothing is saved."),
    "empty_answer": gettext_noop("Write your answer or attach a file before submitting."),
    "answer_too_long": gettext_noop("Your answer is too long. Shorten it and try again."),
    "too_many_files": gettext_noop("You cannot attach more files. Remove one first."),
    "no_rubric": gettext_noop("This deliverable has no rubric yet. Please tell the course team."),
    "no_team": gettext_noop(
        "This is a team deliverable and you are not in a team yet. Please tell the course team."
    ),
    "unknown_file": gettext_noop("This file is not attached any more. Reload the page."),
    "bad_rating": gettext_noop("Choose how helpful the review was, from 1 to 5."),
    "bad_reason": gettext_noop("Choose why you are flagging this review."),
    "not_saved": gettext_noop("Nothing was saved. Correct the fields marked below."),
}

#: Why an uploaded file was refused (codes of deliverable_xblock.files).
FILE_ERRORS = {
    "empty": gettext_noop("The file “%(name)s” is empty."),
    "too_large": gettext_noop("The file “%(name)s” is larger than %(limit)s MB."),
    "wrong_type": gettext_noop(
        "The file “%(name)s” cannot be attached. Attach a PDF, PowerPoint (.pptx), "
        "Excel (.xlsx), PNG or JPEG file."
    ),
    "disguised": gettext_noop(
        "The content of “%(name)s” does not match its extension. Save it again in its real "
        "format and attach that file."
    ),
    "broken": gettext_noop("The file “%(name)s” is damaged and cannot be opened."),
    "encrypted": gettext_noop(
        "The file “%(name)s” is protected with a password. Remove the password and try again."
    ),
    "zip_bomb": gettext_noop(
        "The file “%(name)s” expands to far more data than it seems and was refused."
    ),
    "no_file": gettext_noop("Choose a file to attach."),
}

#: Why a review is flagged (what the author picks).
FLAG_REASONS = {
    "abusive": gettext_noop("Rude or abusive"),
    "off_topic": gettext_noop("Not about my work"),
    "careless": gettext_noop("Careless: the scores do not match the comments"),
    "other": gettext_noop("Something else"),
}

HELPFULNESS = {
    1: gettext_noop("1 – not helpful"),
    2: gettext_noop("2"),
    3: gettext_noop("3 – somewhat helpful"),
    4: gettext_noop("4"),
    5: gettext_noop("5 – very helpful"),
}


def problem_message(code, gettext):
    return gettext(PROBLEMS.get(code) or PROBLEMS["invalid"])


def error_message(code, gettext):
    return gettext(ERRORS.get(code) or ERRORS["bad_request"])


def file_message(code, gettext, name, limit_bytes=0):
    text = gettext(FILE_ERRORS.get(code) or FILE_ERRORS["wrong_type"])
    return text % {"name": name, "limit": round(limit_bytes / (1024 * 1024))}
