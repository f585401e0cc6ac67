"""Study sessions (勉強会): events of a space with RSVPs and attendance."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from .spaces import Space


class StudySession(models.Model):
    """A study session of a space. Times are stored in UTC and shown in Asia/Tokyo."""

    space = models.ForeignKey(Space, on_delete=models.CASCADE, related_name="sessions")
    title = models.CharField(_("title"), max_length=200)
    description = models.TextField(_("description"), blank=True, max_length=5000)
    starts_at = models.DateTimeField(_("starts at"), db_index=True)
    ends_at = models.DateTimeField(_("ends at"))
    #: Shown to members of the space only.
    meeting_url = models.URLField(_("online meeting link"), max_length=500, blank=True)
    #: None: no limit on the number of people going.
    capacity = models.PositiveIntegerField(_("capacity"), null=True, blank=True)
    host = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="dxq_hosted_sessions",
        verbose_name=_("host"),
    )
    cancelled = models.BooleanField(_("cancelled"), default=False)
    #: The discussions thread where notes are shared afterwards (community_plugin.discussions).
    followup_thread_id = models.BigIntegerField(_("follow-up thread"), null=True, blank=True)
    reminded_24h = models.DateTimeField(null=True, blank=True, editable=False)
    reminded_1h = models.DateTimeField(null=True, blank=True, editable=False)
    created = models.DateTimeField(_("created"), auto_now_add=True)

    class Meta:
        app_label = "dxq_community"
        verbose_name = _("study session")
        verbose_name_plural = _("study sessions")
        ordering = ["starts_at"]

    def __str__(self):
        return self.title


class Rsvp(models.Model):
    """One person's answer to a study session invitation."""

    GOING = "going"
    INTERESTED = "interested"
    NOT_GOING = "not_going"
    STATUS_CHOICES = [
        (GOING, _("Going")),
        (INTERESTED, _("Interested")),
        (NOT_GOING, _("Not going")),
    ]

    session = models.ForeignKey(StudySession, on_delete=models.CASCADE, related_name="rsvps")
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="dxq_rsvps"
    )
    status = models.CharField(_("answer"), max_length=16, choices=STATUS_CHOICES)
    updated = models.DateTimeField(_("updated"), auto_now=True)

    class Meta:
        app_label = "dxq_community"
        verbose_name = _("RSVP")
        verbose_name_plural = _("RSVPs")
        constraints = [
            models.UniqueConstraint(fields=["session", "user"], name="dxq_unique_session_rsvp")
        ]

    def __str__(self):
        return f"{self.user} → {self.session}: {self.status}"


class Attendance(models.Model):
    """Who actually came, as taken by the host or a community master."""

    session = models.ForeignKey(StudySession, on_delete=models.CASCADE, related_name="attendance")
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="dxq_attendance"
    )
    attended = models.BooleanField(_("attended"), default=True)
    marked_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    marked_at = models.DateTimeField(_("marked at"), auto_now=True)

    class Meta:
        app_label = "dxq_community"
        verbose_name = _("attendance")
        verbose_name_plural = _("attendance")
        constraints = [
            models.UniqueConstraint(fields=["session", "user"], name="dxq_unique_attendance")
        ]

    def __str__(self):
        return f"{self.user} @ {self.session}: {self.attended}"
