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

    Filled by the Celery beat task ``rollup_daily_activity`` (and on demand by the dashboard for
    a day the task missed). ``monthly_active`` counts people active in the 30 days ending that day.
    """

    day = models.DateField(_("day"))
    space_id = models.BigIntegerField(_("space"), default=0)
    daily_active = models.PositiveIntegerField(default=0)
    monthly_active = models.PositiveIntegerField(default=0)
    engaged = models.PositiveIntegerField(default=0)

    class Meta:
        verbose_name = _("daily activity")
        verbose_name_plural = _("daily activity")
        constraints = [
            models.UniqueConstraint(fields=["space_id", "day"], name="dxq_daily_activity_once")
        ]

    def __str__(self):
        return f"{self.day} space {self.space_id}: {self.daily_active}/{self.monthly_active}"
