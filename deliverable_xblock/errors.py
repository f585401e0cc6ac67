"""Typed errors of the peer-review API (deliverable_xblock.api raises only these).

Each error carries a stable ``code`` and a translated ``message`` (Japanese first), so a view can
show it as is. Pure: no Django import at module level (the message is translated lazily).
"""


def _(text):
    """Mark ``text`` for translation (gettext_noop); translated when the message is read."""
    return text


class DeliverableError(Exception):
    """Base of every error the deliverable API raises."""

    code = "error"
    default_message = _("The request could not be completed.")

    def __init__(self, message=None, **params):
        self.params = params
        self._message = message
        super().__init__(message or self.default_message)

    @property
    def message(self):
        """The message in the active language (Japanese by default)."""
        if self._message:
            return self._message
        from django.utils.translation import gettext

        return (
            gettext(self.default_message) % self.params
            if self.params
            else gettext(self.default_message)
        )

    def as_dict(self):
        """The JSON body of an error response."""
        return {"error": self.code, "message": str(self.message)}


class RubricLocked(DeliverableError):
    """A published rubric version was edited in place (publish a new version instead)."""

    code = "rubric_locked"
    default_message = _("This rubric version is already in use and cannot be changed.")


class InvalidRubric(DeliverableError):
    """A rubric that is not well formed (no criteria, an option without points...)."""

    code = "invalid_rubric"
    default_message = _("The rubric is not valid.")


class LeaseExpired(DeliverableError):
    """The review's lease ran out before it was submitted; the work went back to the pool."""

    code = "lease_expired"
    default_message = _(
        "Your time for this review ran out and the work was given to someone else. "
        "Please ask for a new one."
    )


class NotYourAssignment(DeliverableError):
    """Someone submitted a review for an assignment that is not theirs."""

    code = "not_your_assignment"
    default_message = _("This review is not assigned to you.")


class InvalidScores(DeliverableError):
    """Scores that do not match the rubric version of the assignment."""

    code = "invalid_scores"
    default_message = _("Please choose one option for every scored criterion.")

    def __init__(self, message=None, errors=None, **params):
        self.errors = dict(errors or {})
        super().__init__(message, **params)


class NothingToReview(DeliverableError):
    """No submission is waiting for this reviewer right now."""

    code = "nothing_to_review"
    default_message = _("There is nothing to review right now. Please try again later.")


class DeadlinePassed(DeliverableError):
    """The submission deadline has passed."""

    code = "deadline_passed"
    default_message = _("The deadline has passed.")


class NotAllowed(DeliverableError):
    """The person may not do this (not enrolled, not the author, not an operator...)."""

    code = "not_allowed"
    default_message = _("You are not allowed to do this.")


class NotFound(DeliverableError):
    """The deliverable, submission or review does not exist."""

    code = "not_found"
    default_message = _("Not found.")
