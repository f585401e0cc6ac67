"""The public Python API of deliverable_xblock: the only door for the block and other packages.

A deliverable is identified by ``block_key`` (the XBlock usage id, str) and ``course_key``
(str). Functions raise only the typed errors of :mod:`deliverable_xblock.errors`. Times default
to now; the ``now`` keyword exists so that tests and the simulation can move time forward.
The work is done in :mod:`.submitting`, :mod:`.review_flow`, :mod:`.grades` and
:mod:`.operations`; import from here, never from those.
"""

from django.urls import NoReverseMatch, reverse
from django.utils.translation import gettext as _

from casestudy_xblock import roles

from .errors import (
    DeadlinePassed,
    DeliverableError,
    InvalidRubric,
    InvalidScores,
    LeaseExpired,
    NotAllowed,
    NotFound,
    NothingToReview,
    NotYourAssignment,
    RubricLocked,
)
from .grades import grade_of, progress_of
from .invitations import is_volunteer, mark_invitations_read, open_invitations
from .operations import create_gold, dismiss_flag, hide_review, is_operator, retire_user
from .results import AssignmentInfo, GradeInfo, ProgressInfo, ReviewInfo, SubmissionInfo
from .review_flow import (
    assignment_info,
    current_assignment,
    flag_review,
    rate_review,
    request_review,
    reviews_done,
    reviews_received,
    schedule_regrade,
    submit_review,
)
from .submitting import (
    ITEM_TYPE,
    configure,
    current_rubric,
    draft_of,
    graded_with_other_team,
    publish_rubric,
    save_draft,
    settings_of,
    submission_of,
    submit,
)

__all__ = [
    "ITEM_TYPE",
    "AssignmentInfo",
    "DeadlinePassed",
    "DeliverableError",
    "GradeInfo",
    "InvalidRubric",
    "InvalidScores",
    "LeaseExpired",
    "NotAllowed",
    "NotFound",
    "NotYourAssignment",
    "NothingToReview",
    "ProgressInfo",
    "ReviewInfo",
    "RubricLocked",
    "SubmissionInfo",
    "assignment_info",
    "configure",
    "create_gold",
    "current_assignment",
    "current_rubric",
    "dismiss_flag",
    "draft_of",
    "flag_review",
    "grade_of",
    "graded_user_ids",
    "graded_with_other_team",
    "hide_review",
    "home_links",
    "is_operator",
    "is_volunteer",
    "mark_invitations_read",
    "open_invitations",
    "progress_of",
    "publish_rubric",
    "rate_review",
    "request_review",
    "retire_user",
    "reviews_done",
    "reviews_received",
    "save_draft",
    "schedule_regrade",
    "settings_of",
    "submission_of",
    "submit",
    "submit_review",
]


def home_links(user, user_roles):
    """Links on a person's home page: the peer-review dashboard for operators and staff."""
    if not ({roles.OPERATOR, roles.ADMINISTRATOR} & set(user_roles)):
        return []
    try:
        url = reverse("dxq_deliverable:operator_dashboard")
    except NoReverseMatch:
        return []
    return [
        {
            "title": _("Peer review"),
            "text": _(
                "Submissions, review coverage, disagreement, reliability, reviewer reputation "
                "and the flag queue."
            ),
            "url": url,
        }
    ]


def graded_user_ids(block_key=None):
    """Ids of the learners whose graded work (their own, or their team's: not another team's
    they joined after submitting with their first team) to ``block_key`` (any block when None)
    has a final, published grade: the history the badges backfill reads, the same people
    ``signals.deliverable_graded`` names when a grade becomes final."""
    from .models import SubmissionMember  # noqa: PLC0415

    rows = SubmissionMember.objects.filter(submission__grade__isnull=False, counts_for_grade=True)
    if block_key:
        rows = rows.filter(submission__block_key=block_key)
    return sorted(set(rows.values_list("user_id", flat=True)))
