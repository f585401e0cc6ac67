"""In-app notifications and each person's delivery preferences."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from .spaces import Space

MENTION = "mention"
ANSWER = "answer"
ACCEPTED = "accepted"
REPLY = "reply"
SESSION_REMINDER = "session_reminder"
ESCALATION = "escalation"
DIGEST = "digest"

KIND_CHOICES = [
    (MENTION, _("Someone mentioned you")),
    (ANSWER, _("An answer to your question")),
    (ACCEPTED, _("Your answer was accepted")),
    (REPLY, _("A reply in a thread you follow")),
    (SESSION_REMINDER, _("Study session reminders")),
    (ESCALATION, _("Escalations to operators")),
    (DIGEST, _("Weekly cohort digest")),
]


class Notification(models.Model):
    """Something that happened that one person should know about."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="dxq_notifications"
    )
    kind = models.CharField(_("kind"), max_length=32, choices=KIND_CHOICES)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    space = models.ForeignKey(Space, on_delete=models.CASCADE, null=True, blank=True)
    title = models.CharField(_("title"), max_length=300)
    text = models.TextField(_("text"), blank=True)
    url = models.CharField(_("link"), max_length=500, blank=True)
    created = models.DateTimeField(_("created"), auto_now_add=True, db_index=True)
    read_at = models.DateTimeField(_("read"), null=True, blank=True)
    emailed_at = models.DateTimeField(_("emailed"), null=True, blank=True)

    class Meta:
        app_label = "dxq_community"
        verbose_name = _("notification")
        verbose_name_plural = _("notifications")
        ordering = ["-created", "-id"]
        indexes = [models.Index(fields=["user", "read_at"], name="dxq_notif_user_read")]

    def __str__(self):
        return self.title


class NotificationPreference(models.Model):
    """How one person wants one kind of notification by email: now, in the digest, or never."""

    IMMEDIATE = "immediate"
    DIGEST = "digest"
    OFF = "off"
    DELIVERY_CHOICES = [
        (IMMEDIATE, _("Email me at once")),
        (DIGEST, _("Include in the weekly digest")),
        (OFF, _("No email")),
    ]

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="dxq_notification_prefs"
    )
    kind = models.CharField(_("kind"), max_length=32, choices=KIND_CHOICES)
    delivery = models.CharField(_("delivery"), max_length=16, choices=DELIVERY_CHOICES)

    class Meta:
        app_label = "dxq_community"
        verbose_name = _("notification preference")
        verbose_name_plural = _("notification preferences")
        constraints = [
            models.UniqueConstraint(fields=["user", "kind"], name="dxq_unique_notif_pref")
        ]

    def __str__(self):
        return f"{self.user} {self.kind}: {self.delivery}"
