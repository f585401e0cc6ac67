"""What a ``dxq_deliverable`` block stores, and in which scope.

The learner's work (drafts, submissions, reviews, grades) lives in the peer-review engine
(``deliverable_xblock.api``, through edx-submissions), not in XBlock fields: a team shares one
submission, and reviewers read work that is not theirs. The block keeps only its content and
what it last published for the learner (``PublishedGradeMixin``, shared with the case block).
"""

import copy

from xblock.fields import Boolean, Dict, Float, Integer, List, Scope, String

from casestudy_xblock.blocks.shared_fields import PublishedGradeMixin, _, setting

from .content import CONTENT_FIELDS, DEFAULTS

DEFAULT_DISPLAY_NAME = _("Deliverable")


class DeliverableFieldsMixin(PublishedGradeMixin):
    """Content and settings written by the author; what was last published per learner."""

    display_name = setting(
        String,
        _("Display name"),
        DEFAULT_DISPLAY_NAME,
        _("The title learners see above the deliverable."),
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
    deadline = setting(
        String,
        _("Deadline"),
        "",
        _("Last moment to submit or resubmit (ISO 8601); empty means no deadline."),
    )
    team_mode = setting(
        Boolean,
        _("Team submission"),
        DEFAULTS["team_mode"],
        _("A team's members share one submission."),
    )
    required_reviews = setting(Integer, _("Reviews per submission"), DEFAULTS["required_reviews"])
    lease_minutes = setting(Integer, _("Minutes to finish a review"), DEFAULTS["lease_minutes"])
    target_hours = setting(
        Integer,
        _("Hours within which every submission should be reviewed"),
        DEFAULTS["target_hours"],
    )
    give_to_get = setting(
        Boolean,
        _("Give to get"),
        DEFAULTS["give_to_get"],
        _("A learner sees their grade after doing their own required reviews."),
    )
    weight = setting(Float, _("Points in the course grade"), None, _("Empty: the rubric's points."))
    max_file_mb = setting(Integer, _("Largest file (MB)"), DEFAULTS["max_file_mb"])
    max_files = setting(Integer, _("Files per submission"), DEFAULTS["max_files"])
    rubric = Dict(help=_("Criteria and their options."), scope=Scope.content)
    rubric_version = Integer(
        help="The rubric version published to the review engine", default=0, scope=Scope.content
    )

    def content_dict(self):
        """The block's content (copies, safe to change)."""
        content = {name: copy.deepcopy(getattr(self, name)) for name in CONTENT_FIELDS}
        content["rubric"] = content["rubric"] or {"criteria": []}
        return content
