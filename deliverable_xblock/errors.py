"""Typed errors of the peer-review API (deliverable_xblock.api raises only these).

Each error carries a stable ``code`` and a translated ``message`` (Japanese first), so a view can
show it as is. An error says only what differs: its docstring and its ``default_message``; its
``code`` is its class name in snake_case (``RubricLocked`` -> ``"rubric_locked"``) unless it sets
one. Pure: no Django import at module level (the message is translated lazily).
"""

import re


def _(text):
    """Mark ``text`` for translation (gettext_noop); translated when the message is read."""
    return text


def snake_case(name):
    """``"NotYourAssignment"`` -> ``"not_your_assignment"``."""
    return re.sub(r"(?<!^)(?=[A-Z])", "_", name).lower()


class DeliverableError(Exception):
    """Base of every error the deliverable API raises."""

    code = "error"
    default_message = _("The request could not be completed.")

    def __init_subclass__(cls, **kwargs):
        super().__init_subclass__(**kwargs)
        if "code" not in vars(cls):
            cls.code = snake_case(cls.__name__)

    def __init__(self, message=None, **params):
        self.params = params
        self._message = message
        super().__init__(message or self.default_message)

    @property
    def message(self):
        """The given message, or the default one in the active language (Japanese by default)."""
        if self._message:
            return self._message
        from django.utils.translation import gettext

        text = gettext(self.default_message)
        return text % self.params if self.params else text

    def as_dict(self):
        """The JSON body of an error response."""
        return {"error": self.code, "message": str(self.message)}


class RubricLocked(DeliverableError):
    """A published rubric version was edited in place (publish a new version instead)."""

    default_message = _("This rubric version is already in use and cannot be changed.")


class InvalidRubric(DeliverableError):
    """A rubric that is not well formed (no criteria, an option without points...)."""

    default_message = _("The rubric is not valid.")


class LeaseExpired(DeliverableError):
    """The review's lease ran out before it was submitted; the work went back to the pool."""

    default_message = _(
        "Your time for this review ran out and the work was given to someone else. "
        "Please ask for a new one."
    )


class NotYourAssignment(DeliverableError):
    """Someone submitted a review for an assignment that is not theirs."""

    default_message = _("This review is not assigned to you.")


class InvalidScores(DeliverableError):
    """Scores that do not match the rubric version of the assignment (``errors`` by criterion)."""

    default_message = _("Please choose one option for every scored criterion.")

    def __init__(self, message=None, errors=None, **params):
        self.errors = dict(errors or {})
        super().__init__(message, **params)


class NothingToReview(DeliverableError):
    """No submission is waiting for this reviewer right now."""

    default_message = _("There is nothing to review right now. Please try again later.")


class DeadlinePassed(DeliverableError):
    """The submission deadline has passed."""

    default_message = _("The deadline has passed.")


class NotAllowed(DeliverableError):
    """The person may not do this (not enrolled, not the author, not an operator...)."""

    default_message = _("You are not allowed to do this.")


class NotFound(DeliverableError):
    """The deliverable, submission or review does not exist."""

    default_message = _("Not found.")
