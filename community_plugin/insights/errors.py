"""Typed errors of community_plugin.insights (messages are translated where they are shown)."""


class InsightsError(Exception):
    """Base class of this app's errors."""


class RateLimited(InsightsError):
    """Too many feedback items in a short time."""


class SurveyClosed(InsightsError):
    """The survey is not open now."""


class NotTargeted(InsightsError):
    """The person is not among the people the survey asks."""


class InvalidAnswers(InsightsError):
    """Answers that do not fit the questions; ``errors`` maps question ids to messages."""

    def __init__(self, errors):
        super().__init__("invalid answers")
        self.errors = errors


class AlreadyAnswered(InsightsError):
    """The person has submitted this survey already."""
