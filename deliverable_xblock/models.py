"""Models of deliverable_xblock: deliverables, rubrics, the review pool, grades (ADR 0010).

Learners' work itself lives in edx-submissions (``item_type="dxq_deliverable"``); a
:class:`Submission` here wraps its uuid and carries what allocation needs on one row (``need``,
``done``, ``submitted_at``) so that a reviewer's request is answered in a few indexed queries.
Other packages never import these models: they call :mod:`deliverable_xblock.api`.
"""

import hashlib
import json

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

KEY_LENGTH = 191  # longest indexed utf8mb4 CharField MariaDB accepts everywhere


class DeliverableSettings(models.Model):
    """Peer-review settings of one deliverable block (keyed by its usage id)."""

    block_key = models.CharField(_("block"), max_length=KEY_LENGTH, unique=True)
    course_key = models.CharField(_("course"), max_length=KEY_LENGTH, db_index=True)
    required_reviews = models.PositiveSmallIntegerField(_("required reviews"), default=3)
    lease_minutes = models.PositiveIntegerField(_("lease (minutes)"), default=60)
    target_hours = models.PositiveIntegerField(_("coverage target (hours)"), default=72)
    give_to_get = models.BooleanField(_("give to get"), default=True)
    disagreement_threshold = models.FloatField(_("disagreement threshold (points)"), default=2.0)
    max_extra_reviews = models.PositiveSmallIntegerField(_("most extra reviews"), default=2)
    calibration_items = models.PositiveSmallIntegerField(_("calibration items"), default=3)
    team_mode = models.BooleanField(_("team submissions"), default=False)
    deadline = models.DateTimeField(_("deadline"), null=True, blank=True)
    modified = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("deliverable settings")
        verbose_name_plural = _("deliverable settings")

    def __str__(self):
        return self.block_key


def rubric_digest(criteria):
    """A stable fingerprint of a rubric's criteria (key order does not matter)."""
    canonical = json.dumps(criteria, sort_keys=True, ensure_ascii=False, separators=(",", ":"))
    return hashlib.sha256(canonical.encode()).hexdigest()


class RubricVersion(models.Model):
    """One immutable version of a deliverable's rubric; reviews keep the version they used."""

    block_key = models.CharField(max_length=KEY_LENGTH)
    number = models.PositiveIntegerField()
    criteria = models.JSONField()
    digest = models.CharField(max_length=64)
    created = models.DateTimeField(default=timezone.now)

    class Meta:
        verbose_name = _("rubric version")
        constraints = [
            models.UniqueConstraint(fields=["block_key", "number"], name="dxq_rubric_block_number")
        ]

    def __str__(self):
        return f"{self.block_key} v{self.number}"

    def save(self, *args, **kwargs):
        from .errors import RubricLocked

        digest = rubric_digest(self.criteria)
        if self.pk and digest != self.digest:
            raise RubricLocked()
        self.digest = digest
        super().save(*args, **kwargs)

    @property
    def points_possible(self):
        """Sum of the highest option of each scored criterion."""
        return sum(
            max((o["points"] for o in c["options"]), default=0)
            for c in self.criteria
            if not c.get("feedback_only")
        )


class TeamMembership(models.Model):
    """Standalone teams (the LMS uses Open edX teams instead, see ``platform.team_of``)."""

    course_key = models.CharField(_("course"), max_length=KEY_LENGTH)
    team_id = models.CharField(_("team"), max_length=KEY_LENGTH)
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE)

    class Meta:
        verbose_name = _("team membership")
        constraints = [
            models.UniqueConstraint(fields=["course_key", "user"], name="dxq_team_one_per_course")
        ]

    def __str__(self):
        return f"{self.team_id}: {self.user_id}"


class Submission(models.Model):
    """A learner's (or team's) attempt in the review pool, wrapping an edx-submissions uuid."""

    ACTIVE, SUPERSEDED, WITHDRAWN = "active", "superseded", "withdrawn"
    STATES = [
        (ACTIVE, _("in review")),
        (SUPERSEDED, _("superseded")),
        (WITHDRAWN, _("withdrawn")),
    ]

    block_key = models.CharField(max_length=KEY_LENGTH)
    course_key = models.CharField(max_length=KEY_LENGTH)
    uuid = models.CharField(max_length=64, unique=True)
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    team_id = models.CharField(max_length=KEY_LENGTH, blank=True, default="")
    #: "u:<user id>" or "t:<team id>": whose work this is (one active per key and block).
    author_key = models.CharField(max_length=KEY_LENGTH)
    attempt = models.PositiveIntegerField(default=1)
    submitted_at = models.DateTimeField(default=timezone.now)
    state = models.CharField(max_length=12, choices=STATES, default=ACTIVE)
    #: Reviews this submission should get (raised when reviews disagree or a review is hidden).
    need = models.PositiveSmallIntegerField(default=3)
    #: Completed, visible reviews.
    done = models.PositiveSmallIntegerField(default=0)
    first_covered_at = models.DateTimeField(null=True, blank=True)
    is_gold = models.BooleanField(_("calibration item"), default=False)
    #: Gold items: {criterion id: expert points}.
    expert_scores = models.JSONField(default=dict, blank=True)
    #: Team work: edx-submissions' TeamSubmission uuid (one individual submission per member).
    team_submission_uuid = models.CharField(max_length=64, blank=True, default="")

    class Meta:
        verbose_name = _("submission")
        indexes = [
            # Allocation reads the pool in these orders (fewest reviews; oldest first).
            models.Index(
                fields=["block_key", "state", "is_gold", "done", "submitted_at"],
                name="dxq_sub_pool",
            ),
            models.Index(
                fields=["block_key", "state", "is_gold", "submitted_at"], name="dxq_sub_wait"
            ),
            models.Index(fields=["block_key", "author_key"], name="dxq_sub_author"),
        ]

    def __str__(self):
        return f"{self.block_key} {self.author_key} #{self.attempt}"


class SubmissionMember(models.Model):
    """Who may not review a submission: its author and, for team work, every team member.

    ``counts_for_grade`` says whether the work is graded for this member: the author of
    individual work; for team work, the members who have an individual submission in its
    edx-submissions TeamSubmission (a member who had already submitted with another team gets
    none, so the LMS keeps that team's grade for them, as ORA2 does). Late joiners become
    counted when the grade is published and their submission is attached.
    """

    submission = models.ForeignKey(Submission, on_delete=models.CASCADE, related_name="members")
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    counts_for_grade = models.BooleanField(_("graded for this member"), default=False)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["submission", "user"], name="dxq_member_unique")
        ]

    def __str__(self):
        return f"{self.submission_id}: {self.user_id}"


class Draft(models.Model):
    """Autosaved work not yet submitted (one per learner and block)."""

    block_key = models.CharField(max_length=KEY_LENGTH)
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    text_html = models.TextField(blank=True, default="")
    files = models.JSONField(default=list, blank=True)
    modified = models.DateTimeField(auto_now=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["block_key", "user"], name="dxq_draft_unique")
        ]

    def __str__(self):
        return f"{self.block_key}: {self.user_id}"


class Assignment(models.Model):
    """A lease: one reviewer holds one submission until ``expires_at`` or until they submit."""

    LEASED, SUBMITTED, EXPIRED, CANCELLED = "leased", "submitted", "expired", "cancelled"
    STATES = [
        (LEASED, _("in progress")),
        (SUBMITTED, _("submitted")),
        (EXPIRED, _("expired")),
        (CANCELLED, _("cancelled")),
    ]

    submission = models.ForeignKey(Submission, on_delete=models.CASCADE, related_name="assignments")
    reviewer = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+"
    )
    block_key = models.CharField(max_length=KEY_LENGTH)
    is_gold = models.BooleanField(default=False)
    state = models.CharField(max_length=10, choices=STATES, default=LEASED)
    leased_at = models.DateTimeField(default=timezone.now)
    expires_at = models.DateTimeField()
    completed_at = models.DateTimeField(null=True, blank=True)
    #: Why the reviewer got it: "pool", "calibration", "backfill", "volunteer".
    source = models.CharField(max_length=12, default="pool")

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["submission", "reviewer"], name="dxq_assignment_once")
        ]
        indexes = [
            models.Index(fields=["submission", "state", "expires_at"], name="dxq_asg_live"),
            models.Index(fields=["reviewer", "block_key"], name="dxq_asg_reviewer"),
        ]

    def __str__(self):
        return f"{self.reviewer_id} → {self.submission_id} ({self.state})"

    def is_live(self, now=None):
        """True while the lease holds."""
        return self.state == self.LEASED and self.expires_at > (now or timezone.now())


class Review(models.Model):
    """A submitted review: per-criterion scores against one rubric version."""

    assignment = models.OneToOneField(Assignment, on_delete=models.CASCADE, related_name="review")
    submission = models.ForeignKey(Submission, on_delete=models.CASCADE, related_name="reviews")
    reviewer = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    rubric = models.ForeignKey(RubricVersion, on_delete=models.PROTECT, related_name="reviews")
    is_gold = models.BooleanField(default=False)
    overall_comment = models.TextField(blank=True, default="")
    points = models.FloatField(default=0)
    hidden = models.BooleanField(default=False)
    hidden_reason = models.CharField(max_length=200, blank=True, default="")
    created = models.DateTimeField(default=timezone.now)

    class Meta:
        indexes = [models.Index(fields=["submission", "hidden"], name="dxq_review_sub")]

    def __str__(self):
        return f"review {self.pk} of {self.submission_id}"


class CriterionScore(models.Model):
    """One criterion of one review."""

    review = models.ForeignKey(Review, on_delete=models.CASCADE, related_name="scores")
    criterion_id = models.CharField(max_length=100)
    option_id = models.CharField(max_length=100, blank=True, default="")
    points = models.FloatField(null=True, blank=True)  # None for feedback-only criteria
    comment = models.TextField(blank=True, default="")

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["review", "criterion_id"], name="dxq_score_unique")
        ]

    def __str__(self):
        return f"{self.review_id} {self.criterion_id}={self.option_id}"


class ReviewerStats(models.Model):
    """A reviewer's estimated bias and reliability and their reputation, across deliverables."""

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="dxq_reviewer_stats"
    )
    bias = models.FloatField(default=0.0)
    variance = models.FloatField(default=1.0)
    reliability = models.FloatField(default=0.5)  # 0..1, from the variance
    gold_reviews = models.PositiveIntegerField(default=0)
    reviews = models.PositiveIntegerField(default=0)
    helpfulness = models.FloatField(null=True, blank=True)  # mean rating 1..5
    helpfulness_count = models.PositiveIntegerField(default=0)
    reputation = models.FloatField(default=50.0)  # 0..100
    updated = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("reviewer statistics")
        verbose_name_plural = _("reviewer statistics")

    def __str__(self):
        return f"{self.user_id}: {self.reputation}"


class HelpfulnessRating(models.Model):
    """An author's rating (1–5) of a review they received."""

    review = models.ForeignKey(Review, on_delete=models.CASCADE, related_name="ratings")
    rater = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    helpful = models.PositiveSmallIntegerField()
    comment = models.TextField(blank=True, default="")
    created = models.DateTimeField(default=timezone.now)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["review", "rater"], name="dxq_rating_once")]

    def __str__(self):
        return f"{self.review_id}: {self.helpful}"


class Flag(models.Model):
    """A review an author reported; operators hide it (and get a replacement) or dismiss it."""

    OPEN, HIDDEN, DISMISSED = "open", "hidden", "dismissed"
    STATES = [(OPEN, _("open")), (HIDDEN, _("hidden")), (DISMISSED, _("dismissed"))]
    REASONS = [
        ("abusive", _("Abusive or disrespectful")),
        ("off_topic", _("Not about my work")),
        ("careless", _("Careless or empty")),
        ("other", _("Other")),
    ]

    review = models.ForeignKey(Review, on_delete=models.CASCADE, related_name="flags")
    flagger = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    reason = models.CharField(max_length=20, choices=REASONS)
    text = models.TextField(blank=True, default="")
    state = models.CharField(max_length=10, choices=STATES, default=OPEN)
    created = models.DateTimeField(default=timezone.now)
    resolved_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    resolved_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        indexes = [models.Index(fields=["state", "created"], name="dxq_flag_queue")]

    def __str__(self):
        return f"flag {self.pk} ({self.state})"


class Escalation(models.Model):
    """A submission that needs attention: at risk of missing its target, or reviews disagree."""

    AT_RISK, DISAGREEMENT, OVERDUE = "at_risk", "disagreement", "overdue"
    KINDS = [
        (AT_RISK, _("At risk of missing its review target")),
        (DISAGREEMENT, _("Reviews disagree")),
        (OVERDUE, _("Missed its review target")),
    ]

    submission = models.ForeignKey(Submission, on_delete=models.CASCADE, related_name="escalations")
    kind = models.CharField(max_length=14, choices=KINDS)
    created = models.DateTimeField(default=timezone.now)
    resolved_at = models.DateTimeField(null=True, blank=True)
    notified = models.PositiveIntegerField(default=0)
    detail = models.JSONField(default=dict, blank=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["submission", "kind"], name="dxq_escalation_once")
        ]

    def __str__(self):
        return f"{self.kind}: {self.submission_id}"


class Volunteer(models.Model):
    """A person (alumnus, volunteer) who may be asked to review when coverage is at risk."""

    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    course_key = models.CharField(
        _("course"), max_length=KEY_LENGTH, blank=True, default="", help_text=_("Empty: any course")
    )
    active = models.BooleanField(_("active"), default=True)

    class Meta:
        verbose_name = _("volunteer reviewer")
        constraints = [
            models.UniqueConstraint(fields=["user", "course_key"], name="dxq_volunteer_once")
        ]

    def __str__(self):
        return f"{self.user_id} {self.course_key or '*'}"


class Notification(models.Model):
    """An in-package notice to a person (also mailed): "a submission needs your review"."""

    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    kind = models.CharField(max_length=20)
    block_key = models.CharField(max_length=KEY_LENGTH)
    submission = models.ForeignKey(Submission, null=True, on_delete=models.CASCADE)
    created = models.DateTimeField(default=timezone.now)
    read_at = models.DateTimeField(null=True, blank=True)

    def __str__(self):
        return f"{self.kind} → {self.user_id}"


class PublishedGrade(models.Model):
    """A grade sent to the LMS (edx-submissions ``set_score``) once the review is final."""

    submission = models.OneToOneField(Submission, on_delete=models.CASCADE, related_name="grade")
    points_earned = models.FloatField()
    points_possible = models.FloatField()
    low = models.FloatField()
    high = models.FloatField()
    details = models.JSONField(default=dict)
    published_at = models.DateTimeField(default=timezone.now)
    #: When edx-submissions accepted the score (``set_score``); None until then: the next
    #: re-grade sends it again.
    lms_sent_at = models.DateTimeField(_("sent to the LMS"), null=True, blank=True)

    def __str__(self):
        return f"{self.submission_id}: {self.points_earned}/{self.points_possible}"
