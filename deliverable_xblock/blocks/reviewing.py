"""Handlers of the review flow: ask for a peer's work, submit the review, rate and flag the
reviews received. The engine (``deliverable_xblock.api``) allocates, checks and grades; the
block publishes the grade to the runtime when the engine says it is final."""

from collections.abc import Mapping

from casestudy_xblock.text import sanitize_plain

from .. import api
from ..errors import InvalidScores, LeaseExpired
from . import identity, messages, render
from .handlers import HandlerError, guarded

MAX_COMMENT = 10_000


def _comment(value, limit=MAX_COMMENT):
    if value is None:
        return ""
    if not isinstance(value, str):
        raise HandlerError("bad_request")
    return sanitize_plain(value, limit)


def _review_id(data):
    value = data.get("review")
    if isinstance(value, bool) or not isinstance(value, int):
        raise HandlerError("bad_request")
    return value


class ReviewingMixin:
    """request_review, submit_review, rate_review, flag_review; publishing the grade."""

    def publish_from_engine(self, user):
        """Publish the grade (once final) and completion (submitted, reviews given)."""
        key = self.engine_key()
        grade = api.grade_of(key, user)
        self.publish_engine_grade(grade)
        progress = api.progress_of(key, user)
        self.publish_completion_once(
            progress.submitted and progress.reviews_done >= progress.reviews_required
        )
        return grade, progress

    @guarded
    def request_review(self, data, suffix=""):
        """Lease the next peer's work to review (after the learner's own submission)."""
        user = self.participant()
        key = self.engine_key()
        self.ensure_engine()
        self.require_rubric()
        own = api.submission_of(key, user)
        volunteer = own is None and api.is_volunteer(identity.course_key(self), user)
        if own is None and not volunteer:
            raise HandlerError(
                "not_submitted",
                200,
                self.gettext("Submit your own work first; then you can review your peers'."),
            )
        if volunteer:
            source = "volunteer"
        else:
            source = "backfill" if api.open_invitations(key, user) else "pool"
        assignment = api.current_assignment(key, user) or api.request_review(
            key, user, source=source
        )
        api.mark_invitations_read(key, user)
        if assignment is None:
            raise HandlerError(
                "nothing_to_review",
                200,
                self.gettext("There is nothing to review right now. Please try again later."),
            )
        return {
            "ok": True,
            "sections": {
                "review": render.render_section(
                    self, "review", render.review_context(self, user, assignment=assignment)
                )
            },
        }

    @guarded
    def submit_review(self, data, suffix=""):
        """``{"assignment": id, "scores": {criterion: option}, "comments": {criterion: text},
        "overall": text}``; per-criterion problems come back as ``errors``."""
        user = self.participant()
        assignment = data.get("assignment")
        scores, comments = data.get("scores") or {}, data.get("comments") or {}
        if (
            isinstance(assignment, bool)
            or not isinstance(assignment, int)
            or not isinstance(scores, Mapping)
            or not isinstance(comments, Mapping)
        ):
            raise HandlerError("bad_request")
        scores = {str(k)[:100]: str(v)[:100] for k, v in scores.items() if v not in (None, "")}
        comments = {str(k)[:100]: _comment(v) for k, v in comments.items()}
        try:
            api.submit_review(
                assignment,
                user,
                scores=scores,
                comments=comments,
                overall_comment=_comment(data.get("overall")),
            )
        except InvalidScores as error:
            return {
                "ok": False,
                "code": error.code,
                "message": str(error.message),
                "errors": {str(k): str(v) for k, v in error.errors.items()},
            }
        except LeaseExpired as error:
            return {
                "ok": False,
                "code": error.code,
                "message": str(error.message),
                "sections": self.sections(user, "review"),
            }
        self.publish_from_engine(user)
        return {
            "ok": True,
            "message": self.gettext("Thank you. Your review was submitted."),
            "sections": self.sections(user, "review", "grade"),
        }

    @guarded
    def rate_review(self, data, suffix=""):
        """``{"review": id, "helpful": 1..5, "comment": text}`` for a review the learner got."""
        user = self.participant()
        review = _review_id(data)
        helpful = data.get("helpful")
        if isinstance(helpful, str) and helpful.isdigit():
            helpful = int(helpful)
        if isinstance(helpful, bool) or not isinstance(helpful, int) or not 1 <= helpful <= 5:
            raise HandlerError("bad_rating", 200)
        api.rate_review(review, user, helpful, _comment(data.get("comment"), 2000))
        return {
            "ok": True,
            "message": self.gettext("You rated this review %(n)s of 5.") % {"n": helpful},
        }

    @guarded
    def flag_review(self, data, suffix=""):
        """``{"review": id, "reason": code, "text": text}``: report a review to the operators."""
        user = self.participant()
        review = _review_id(data)
        reason = data.get("reason")
        if reason not in messages.FLAG_REASONS:
            raise HandlerError("bad_reason", 200)
        api.flag_review(review, user, reason, _comment(data.get("text"), 4000))
        return {
            "ok": True,
            "message": self.gettext("You reported this review. The course team will look at it."),
            "sections": self.sections(user, "received"),
        }
