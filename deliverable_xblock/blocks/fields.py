"""What a ``dxq_deliverable`` block stores, and in which scope.

The learner's work (drafts, submissions, reviews, grades) lives in the peer-review engine
(``deliverable_xblock.api``, through edx-submissions), not in XBlock fields: a team shares one
submission, and reviewers read work that is not theirs. The block keeps only its content and
what it last published for the learner.
"""

import copy

from xblock.fields import Boolean, Dict, Float, Integer, List, Scope, String

from .content import CONTENT_FIELDS, DEFAULTS


def _(text):
    """Marks a string for translation; the block translates it when it shows it."""
    return text


DEFAULT_DISPLAY_NAME = _("Deliverable")


class DeliverableFieldsMixin:
    """Content and settings written by the author; what was last published per learner."""

    display_name = String(
        display_name=_("Display name"),
        help=_("The title learners see above the deliverable."),
        default=DEFAULT_DISPLAY_NAME,
        scope=Scope.settings,
    )
    prompt = Dict(
        help=_("What to produce (Markdown, Japanese and English)."),
        default={"ja": "", "en": ""},
        scope=Scope.content,
    )
    materials = List(help=_("Links to materials: title, URL, description."), scope=Scope.content)
    skills = List(
        help=_("DX Promotion Skill Standard ids this deliverable practises."), scope=Scope.content
    )
    deadline = String(
        display_name=_("Deadline"),
        help=_("Last moment to submit or resubmit (ISO 8601); empty means no deadline."),
        default="",
        scope=Scope.settings,
    )
    team_mode = Boolean(
        display_name=_("Team submission"),
        help=_("A team's members share one submission."),
        default=DEFAULTS["team_mode"],
        scope=Scope.settings,
    )
    required_reviews = Integer(
        display_name=_("Reviews per submission"),
        default=DEFAULTS["required_reviews"],
        scope=Scope.settings,
    )
    lease_minutes = Integer(
        display_name=_("Minutes to finish a review"),
        default=DEFAULTS["lease_minutes"],
        scope=Scope.settings,
    )
    target_hours = Integer(
        display_name=_("Hours within which every submission should be reviewed"),
        default=DEFAULTS["target_hours"],
        scope=Scope.settings,
    )
    give_to_get = Boolean(
        display_name=_("Give to get"),
        help=_("A learner sees their grade after doing their own required reviews."),
        default=DEFAULTS["give_to_get"],
        scope=Scope.settings,
    )
    weight = Float(
        display_name=_("Points in the course grade"),
        help=_("Empty: the rubric's points."),
        default=None,
        scope=Scope.settings,
    )
    max_file_mb = Integer(
        display_name=_("Largest file (MB)"), default=DEFAULTS["max_file_mb"], scope=Scope.settings
    )
    max_files = Integer(
        display_name=_("Files per submission"), default=DEFAULTS["max_files"], scope=Scope.settings
    )
    rubric = Dict(help=_("Criteria and their options."), scope=Scope.content)
    rubric_version = Integer(
        help="The rubric version published to the review engine", default=0, scope=Scope.content
    )

    # Per learner: what was last published to the LMS.
    raw_earned = Float(help="Points earned, as last published", default=0.0, scope=Scope.user_state)
    raw_possible = Float(
        help="Points possible, as last published", default=0.0, scope=Scope.user_state
    )
    completed = Boolean(
        help="Whether completion was emitted", default=False, scope=Scope.user_state
    )

    def content_dict(self):
        """The block's content (copies, safe to change)."""
        content = {name: copy.deepcopy(getattr(self, name)) for name in CONTENT_FIELDS}
        content["rubric"] = content["rubric"] or {"criteria": []}
        return content
