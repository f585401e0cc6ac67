"""Who came to the suite on which day, and the daily rollups the dashboard reads."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class Visit(models.Model):
    """A signed-in person used the suite on ``day`` (Asia/Tokyo): one row per person per day."""

    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    day = models.DateField(_("day"))

    class Meta:
        verbose_name = _("visit")
        verbose_name_plural = _("visits")
        constraints = [models.UniqueConstraint(fields=["user", "day"], name="dxq_visit_once")]
        indexes = [models.Index(fields=["day", "user"], name="dxq_visit_day_user")]

    def __str__(self):
        return f"{self.user_id} @ {self.day}"


class DailyActivity(models.Model):
    """The figures of one closed day for one space (``space_id`` 0: the whole program).

    Filled by the Celery beat task ``rollup_daily_activity`` (which recomputes the last
    ``DXQ_INSIGHTS_ROLLUP_REFRESH_DAYS`` days on every run) and on demand by the dashboard for a
    closed day the task missed; the dashboard computes only today live. ``monthly_active``
    counts people active in the 30 days ending that day. ``figures`` is False on rows written
    before the contribution figures existed (only DAU/MAU): the dashboard recomputes those.
    """

    day = models.DateField(_("day"))
    space_id = models.BigIntegerField(_("space"), default=0)
    daily_active = models.PositiveIntegerField(default=0)
    monthly_active = models.PositiveIntegerField(default=0)
    #: People who posted (thread or reply, hidden ones included) or reacted that day.
    engaged = models.PositiveIntegerField(default=0)
    figures = models.BooleanField(default=False)
    #: Visible threads / visible replies created that day.
    threads = models.PositiveIntegerField(default=0)
    replies = models.PositiveIntegerField(default=0)
    #: Threads and replies created that day, hidden ones included (flags per 100 posts).
    contributions = models.PositiveIntegerField(default=0)
    #: Visible threads of the day with at least one skill tag.
    tagged = models.PositiveIntegerField(default=0)
    #: People whose first thread or reply in the scope falls on that day.
    new_contributors = models.PositiveIntegerField(default=0)

    class Meta:
        verbose_name = _("daily activity")
        verbose_name_plural = _("daily activity")
        constraints = [
            models.UniqueConstraint(fields=["space_id", "day"], name="dxq_daily_activity_once")
        ]

    def __str__(self):
        return f"{self.day} space {self.space_id}: {self.daily_active}/{self.monthly_active}"


class DailyContributor(models.Model):
    """What one person did on one closed day in one scope (``space_id`` 0: the program).

    The per-person metrics of a period (reciprocity, contributor concentration, week-over-week
    returning contributors) aggregate these rows instead of the posts. Written together with the
    day's :class:`DailyActivity` row.
    """

    space_id = models.BigIntegerField(_("space"), default=0)
    day = models.DateField(_("day"))
    user_id = models.IntegerField(_("user"))
    #: Threads and replies (hidden ones included).
    contributions = models.PositiveIntegerField(default=0)
    #: Reactions given (0 or 1: only presence matters).
    reactions = models.PositiveIntegerField(default=0)
    #: Visible questions asked.
    questions = models.PositiveIntegerField(default=0)
    #: Visible replies to someone else's question.
    answers = models.PositiveIntegerField(default=0)

    class Meta:
        verbose_name = _("daily contributor")
        verbose_name_plural = _("daily contributors")
        constraints = [
            # Person first: the sums below must read the covering index, not this one.
            models.UniqueConstraint(
                fields=["user_id", "space_id", "day"], name="dxq_daily_contributor_once"
            )
        ]
        # Covering: the per-person sums of a period read this index alone (no row lookups).
        indexes = [
            models.Index(
                fields=["space_id", "day", "user_id", "contributions", "questions", "answers"],
                name="dxq_daily_contributor_sums",
            )
        ]

    def __str__(self):
        return f"{self.day} space {self.space_id}: user {self.user_id}"
