"""What the peer-review API returns (plain, frozen dataclasses)."""

from dataclasses import dataclass, field
from datetime import datetime


@dataclass(frozen=True)
class SubmissionInfo:
    """A submission as the block shows it (own, or the team's)."""

    id: int
    uuid: str
    block_key: str
    attempt: int
    submitted_at: datetime
    text_html: str
    files: list
    team_id: str
    author_id: int | None
    reviews_done: int
    reviews_needed: int


@dataclass(frozen=True)
class AssignmentInfo:
    """A lease handed to a reviewer: what to review, against which rubric, until when."""

    id: int
    submission_id: int
    text_html: str
    files: list
    rubric: dict
    rubric_version: int
    leased_at: datetime
    expires_at: datetime


@dataclass(frozen=True)
class ReviewInfo:
    """A review as its author's recipient sees it (anonymous)."""

    id: int
    created: datetime
    overall_comment: str
    criteria: list  # [{id, label, option, option_label, points, max, comment}]
    points: float
    my_rating: int | None
    flagged: bool


@dataclass(frozen=True)
class GradeInfo:
    """A grade with its uncertainty ("12/16, likely 11–13")."""

    criteria: list  # [{id, label, estimate, low, high, points_possible}]
    total: float
    total_low: float
    total_high: float
    points_possible: float
    visible: bool
    reviews_needed: int
    reviews_received: int
    final: bool
    published: bool
    #: Labels of the criteria no review of this work scored (added to the rubric after they
    #: were made): the total counts the other criteria in proportion.
    unrated: list = field(default_factory=list)


@dataclass(frozen=True)
class ProgressInfo:
    """Where the learner is: submitted? reviews done/required, the state for the UI."""

    submitted: bool
    reviews_done: int
    reviews_required: int
    reviews_received: int
    reviews_needed_for_grade: int
    has_lease: bool
    state: str  # "not_submitted" | "reviewing" | "waiting" | "graded"
    extra: dict = field(default_factory=dict)
