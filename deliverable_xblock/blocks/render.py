"""What the learner view shows, as plain data for the templates (one builder per section).

Sections are re-rendered by the handlers and swapped in by deliverable.js: ``work`` (the
learner's answer and files), ``review`` (review a peer's work), ``received`` (reviews received,
to rate and flag) and ``grade``.
"""

from django.utils import timezone
from xblock.utils.resources import ResourceLoader

from casestudy_xblock.blocks.editor import skill_label
from casestudy_xblock.blocks.feedback_link import feedback_url
from casestudy_xblock.blocks.render import I18nMixin, dom_id, plain, rich  # noqa: F401

from .. import api, platform
from ..files import allowed_extensions
from . import identity, messages
from .content import possible_points
from .fields import DEFAULT_DISPLAY_NAME

loader = ResourceLoader("deliverable_xblock")
TEMPLATES = "templates/deliverable_xblock/block/"
SECTIONS = ("work", "review", "received", "grade")


def points(value):
    """``12`` or ``11.5``: points as people write them."""
    value = float(value or 0)
    return str(int(value)) if value.is_integer() else f"{value:.1f}"


def points_label(block, value):
    """「3点」 / "3 points" ("1 point")."""
    service = block.runtime.service(block, "i18n")
    ngettext = getattr(service, "ngettext", None) or service.ungettext
    shown = points(value)
    count = 1 if shown == "1" else 2
    return ngettext("%(p)s point", "%(p)s points", count) % {"p": shown}


def title(block):
    if block.display_name == DEFAULT_DISPLAY_NAME:
        return block.gettext(DEFAULT_DISPLAY_NAME)
    return block.display_name


def size_text(size):
    size = int(size or 0)
    if size >= 1024 * 1024:
        return f"{size / (1024 * 1024):.1f} MB"
    return f"{max(1, round(size / 1024))} KB"


def rubric_view(block, rubric, lang):
    """The criteria of a rubric, localised, for the review form and the preview."""
    criteria = []
    for criterion in (rubric or {}).get("criteria") or []:
        criteria.append(
            {
                "id": criterion.get("id"),
                "label": plain(criterion.get("label"), lang),
                "prompt": rich(criterion.get("prompt"), lang),
                "feedback_only": bool(criterion.get("feedback_only")),
                "skills": [skill_label(s, lang) for s in criterion.get("skills") or []],
                "options": [
                    {
                        "id": option.get("id"),
                        "label": plain(option.get("label"), lang),
                        "points": points(option.get("points")),
                        "points_label": points_label(block, option.get("points")),
                        "explanation": plain(option.get("explanation"), lang),
                    }
                    for option in criterion.get("options") or []
                ],
            }
        )
    return criteria


def _file_views(block, files, link_prefix, anonymous=False):
    views = []
    for index, record in enumerate(files or [], start=1):
        name = record.get("name") or ""
        if anonymous:  # a reviewer never sees the author's file names (they may hold names)
            ext = name.rsplit(".", 1)[-1].lower() if "." in name else ""
            name = block.gettext("Attachment %(n)s") % {"n": index} + (f".{ext}" if ext else "")
        views.append(
            {
                "name": name,
                "size": size_text(record.get("size")),
                "sha256": record.get("sha256"),
                "url": block.runtime.handler_url(
                    block, "download", f"{link_prefix}/{record.get('sha256')}"
                ),
            }
        )
    return views


def base_context(block, preview=False):
    lang = block.language()
    return {
        "uid": dom_id(block.scope_ids.usage_id),
        "lang": lang,
        "preview": preview,
        "feedback_url": feedback_url(block.scope_ids.usage_id, preview),
        "team_mode": block.team_mode,
    }


def current_draft(draft, submission):
    """The draft, unless the (team's) submission is newer: a teammate's resubmission wins over
    an older draft of this member."""
    if draft is None or submission is None or not draft.get("saved"):
        return draft
    return draft if draft["saved"] >= submission.submitted_at else None


def work_context(block, user, deadline, now=None):
    """The learner's draft or submission, and what they may do with it."""
    now = now or timezone.now()
    key = block.engine_key()
    submission = api.submission_of(key, user)
    draft = current_draft(api.draft_of(key, user), submission)
    if draft is not None:
        text, files = draft["text_html"], draft["files"]
    elif submission is not None:
        text, files = submission.text_html, submission.files
    else:
        text, files = "", []
    closed = deadline is not None and now > deadline
    no_team = block.team_mode and not platform.team_of(user, identity.course_key(block))
    elsewhere = block.team_mode and api.graded_with_other_team(key, user)
    return {
        "no_team": no_team,
        "graded_elsewhere": elsewhere,
        "read_only": closed or elsewhere,
        **base_context(block),
        "text_html": text,
        "files": _file_views(block, files, "own"),
        "can_add_files": len(files) < block.max_files,
        "max_files": block.max_files,
        "max_file_mb": block.max_file_mb,
        "accept": ",".join(allowed_extensions()),
        "draft_saved": draft["saved"] if draft else None,
        "has_draft": draft is not None,
        "submission": submission,
        "submitted_mine": bool(submission and submission.author_id == user.pk),
        "closed": closed,
        "deadline": deadline,
    }


def review_context(block, user, progress=None, assignment=None):
    """Progress in reviewing and, when the learner holds one, the work to review."""
    key = block.engine_key()
    progress = progress or api.progress_of(key, user)
    if assignment is None:
        assignment = api.current_assignment(key, user)
    lang = block.language()
    view = None
    if assignment is not None:
        view = {
            "id": assignment.id,
            "text_html": assignment.text_html,
            "files": _file_views(block, assignment.files, f"a/{assignment.id}", anonymous=True),
            "criteria": rubric_view(block, assignment.rubric, lang),
            "expires": assignment.expires_at,
            "expires_iso": assignment.expires_at.isoformat(),
        }
    volunteer = not progress.submitted and api.is_volunteer(identity.course_key(block), user)
    return {
        **base_context(block),
        "progress": progress,
        "assignment": view,
        "more_than_required": progress.reviews_done >= progress.reviews_required,
        "volunteer": volunteer,
        "invited": view is None and api.open_invitations(key, user) > 0,
    }


def received_context(block, user):
    """The reviews the learner's (or team's) submission received, without reviewers' names."""
    lang = block.language()
    reviews = []
    for number, review in enumerate(api.reviews_received(block.engine_key(), user), start=1):
        reviews.append(
            {
                "id": review.id,
                "number": number,
                "overall": review.overall_comment,
                "criteria": [
                    {
                        "label": plain(c.get("label"), lang),
                        "option": plain(c.get("option_label"), lang),
                        "points": None if c.get("points") is None else points(c["points"]),
                        "max": points(c.get("max")),
                        "comment": c.get("comment") or "",
                    }
                    for c in review.criteria
                ],
                "my_rating": review.my_rating,
                "flagged": review.flagged,
            }
        )
    return {
        **base_context(block),
        "reviews": reviews,
        "ratings": [(value, block.gettext(label)) for value, label in messages.HELPFULNESS.items()],
        "reasons": [(code, block.gettext(label)) for code, label in messages.FLAG_REASONS.items()],
    }


def grade_text(block, grade):
    """「12/16 点（おそらく 11〜13 点）」 / "12/16, likely 11–13"."""
    values = {
        "total": points(grade.total),
        "possible": points(grade.points_possible),
        "low": points(grade.total_low),
        "high": points(grade.total_high),
    }
    if values["low"] == values["high"]:
        return block.gettext("%(total)s/%(possible)s") % values
    return block.gettext("%(total)s/%(possible)s, likely %(low)s–%(high)s") % values


def grade_context(block, user, grade=None, progress=None):
    key = block.engine_key()
    grade = grade if grade is not None else api.grade_of(key, user)
    progress = progress or api.progress_of(key, user)
    lang = block.language()
    view = None
    if grade is not None and grade.visible:
        view = {
            "text": grade_text(block, grade),
            "final": grade.final,
            "published": grade.published,
            "received": grade.reviews_received,
            "criteria": [
                {
                    "label": plain(c.get("label"), lang),
                    "estimate": points(c.get("estimate")),
                    "low": points(c.get("low")),
                    "high": points(c.get("high")),
                    "possible": points(c.get("points_possible")),
                }
                for c in grade.criteria
            ],
            "unrated": [plain(label, lang) for label in grade.unrated],
        }
    return {
        **base_context(block),
        "grade": view,
        "hidden_grade": grade is not None and not grade.visible,
        "reviews_needed": grade.reviews_needed if grade is not None else 0,
        "progress": progress,
    }


def page_context(block, preview=False, user=None):
    """The whole learner page (the sections only for a signed-in learner)."""
    lang = block.language()
    context = {
        **base_context(block, preview),
        "title": title(block),
        "prompt": rich(block.prompt, lang, 3),
        "materials": [
            {
                "title": plain(m.get("title"), lang),
                "url": m.get("url"),
                "description": plain(m.get("description"), lang),
            }
            for m in block.materials
        ],
        "skills": [skill_label(s, lang) for s in block.skills],
        "deadline": block.deadline_at(),
        "possible": points(possible_points(block.rubric)),
        "required_reviews": block.required_reviews,
        "criteria": rubric_view(block, block.rubric, lang) if preview else [],
        "signed_in": user is not None,
    }
    if user is not None:
        key = block.engine_key()
        progress = api.progress_of(key, user)
        grade = api.grade_of(key, user)
        context.update(
            {
                "work": work_context(block, user, context["deadline"]),
                "review": review_context(block, user, progress),
                "received": received_context(block, user),
                "grade_section": grade_context(block, user, grade, progress),
            }
        )
    return context


def render_section(block, name, context):
    return loader.render_django_template(
        f"{TEMPLATES}_{name}.html", context, i18n_service=block.runtime.service(block, "i18n")
    )
