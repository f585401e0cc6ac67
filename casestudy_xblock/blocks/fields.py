"""What a ``dxq_case`` block stores, and in which scope (ADR 0008)."""

import copy

from xblock.fields import Dict, Integer, List, Scope, String

from .content import CONTENT_FIELDS, STAGES
from .shared_fields import PublishedGradeMixin, _, setting

DEFAULT_DISPLAY_NAME = _("Case study")


class CaseFieldsMixin(PublishedGradeMixin):
    """Content and settings written by the author; state kept per learner."""

    display_name = setting(
        String, _("Display name"), DEFAULT_DISPLAY_NAME, _("The title learners see above the case.")
    )
    stage = String(
        display_name=_("Stage"),
        help=_("Where this unit sits in the case study."),
        default=STAGES[0],
        values=STAGES,
        scope=Scope.content,
    )
    company = Dict(
        help=_("The fictional company: name, industry, location, employees, summary."),
        scope=Scope.content,
    )
    narrative = Dict(
        help=_("The situation in this unit (Markdown, Japanese and English)."), scope=Scope.content
    )
    people = List(help=_("People of the company the learner meets."), scope=Scope.content)
    materials = List(help=_("Interviews, documents and memos (Markdown)."), scope=Scope.content)
    datasets = List(help=_("Datasets by slug, SHA-256 and file name."), scope=Scope.content)
    questions = List(help=_("The questions of this unit."), scope=Scope.content)
    skills = List(
        help=_("DX Promotion Skill Standard ids this unit practises."), scope=Scope.content
    )
    max_attempts = setting(
        Integer, _("Maximum attempts"), 0, _("Attempts per question; 0 means unlimited.")
    )

    # Per learner (and the published grade, PublishedGradeMixin). Nothing is shared between
    # learners (no user_state_summary).
    answers = Dict(help="Last answer per question id", scope=Scope.user_state)
    attempts = Dict(help="Attempts used per question id", scope=Scope.user_state)
    hints_shown = Dict(help="Hints shown per question id", scope=Scope.user_state)
    correctness = Dict(
        help="Whether the last answer per question id was correct", scope=Scope.user_state
    )

    def content_dict(self):
        """The block's content as ADR 0008 describes it (copies, safe to change)."""
        return {name: copy.deepcopy(getattr(self, name)) for name in CONTENT_FIELDS}
