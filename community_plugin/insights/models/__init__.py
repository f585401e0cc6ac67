"""Models of community_plugin.insights. Private to the app: other packages call :mod:`..api`."""

from .activity import DailyActivity, DailyContributor, Visit
from .costs import CompleterCount, CostEntry
from .feedback import FeedbackItem
from .surveys import Question, Response, Survey, SurveyCompletion

__all__ = [
    "CompleterCount",
    "CostEntry",
    "DailyActivity",
    "DailyContributor",
    "FeedbackItem",
    "Question",
    "Response",
    "Survey",
    "SurveyCompletion",
    "Visit",
]
