"""The typed errors of the peer-review API: stable codes, translated messages, one shape."""

import pytest
from django.utils import translation

from deliverable_xblock import api, errors

#: The public contract: each error's class, code and English msgid (views and the block's
#: JavaScript read the code; translators have the msgid).
CONTRACT = [
    (errors.DeliverableError, "error", "The request could not be completed."),
    (
        errors.RubricLocked,
        "rubric_locked",
        "This rubric version is already in use and cannot be changed.",
    ),
    (errors.InvalidRubric, "invalid_rubric", "The rubric is not valid."),
    (
        errors.LeaseExpired,
        "lease_expired",
        "Your time for this review ran out and the work was given to someone else. "
        "Please ask for a new one.",
    ),
    (errors.NotYourAssignment, "not_your_assignment", "This review is not assigned to you."),
    (
        errors.InvalidScores,
        "invalid_scores",
        "Please choose one option for every scored criterion.",
    ),
    (
        errors.NothingToReview,
        "nothing_to_review",
        "There is nothing to review right now. Please try again later.",
    ),
    (errors.DeadlinePassed, "deadline_passed", "The deadline has passed."),
    (errors.NotAllowed, "not_allowed", "You are not allowed to do this."),
    (errors.NotFound, "not_found", "Not found."),
]


@pytest.mark.parametrize(("cls", "code", "msgid"), CONTRACT)
def test_each_error_keeps_its_code_and_message(cls, code, msgid):
    error = cls()
    assert error.code == code
    assert cls.default_message == msgid
    with translation.override("en"):
        assert error.message == msgid
        assert error.as_dict() == {"error": code, "message": msgid}
    assert str(error) == msgid
    assert isinstance(error, errors.DeliverableError)
    assert getattr(api, cls.__name__) is cls  # callers reach every error through the api


def test_the_contract_lists_every_error():
    defined = {
        value
        for value in vars(errors).values()
        if isinstance(value, type) and issubclass(value, errors.DeliverableError)
    }
    assert defined == {cls for cls, _code, _msgid in CONTRACT}


@pytest.mark.parametrize(("cls", "code", "msgid"), CONTRACT)
def test_the_message_is_in_japanese_first(cls, code, msgid):
    with translation.override("ja"):
        message = cls().message
    assert message
    assert message != msgid


def test_a_given_message_wins_and_params_fill_the_default():
    assert errors.NotAllowed("Join a team first.").message == "Join a team first."
    assert str(errors.NotAllowed("Join a team first.")) == "Join a team first."

    class Late(errors.DeliverableError):
        default_message = "Late by %(hours)s hours."

    with translation.override("en"):
        assert Late(hours=3).message == "Late by 3 hours."
        assert Late(hours=3).params == {"hours": 3}


def test_invalid_scores_carries_the_errors_by_criterion():
    error = errors.InvalidScores(errors={"c1": "Choose an option."})
    assert error.errors == {"c1": "Choose an option."}
    assert errors.InvalidScores().errors == {}
    assert error.code == "invalid_scores"


def test_a_new_error_says_only_what_differs():
    class ReviewWindowClosed(errors.NotAllowed):
        """The review window closed."""

        default_message = "The review window is closed."

    class Custom(errors.DeliverableError):
        code = "custom_code"

    assert ReviewWindowClosed.code == "review_window_closed"
    assert isinstance(ReviewWindowClosed(), errors.NotAllowed)
    assert Custom.code == "custom_code"
    with translation.override("en"):
        assert Custom().message == errors.DeliverableError.default_message
