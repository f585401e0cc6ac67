"""Feedback from everyone the program serves, and what the secretariat did with it."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from .choices import GENERAL, PROGRAM_CHOICES


class FeedbackItem(models.Model):
    """One piece of feedback: who sent it, from where, and its way through triage."""

    NEW = "new"
    TRIAGED = "triaged"
    PLANNED = "planned"
    DONE = "done"
    DECLINED = "declined"
    STATUS_CHOICES = [
        (NEW, pgettext_lazy("feedback status", "New")),
        (TRIAGED, _("Triaged")),
        (PLANNED, _("Planned")),
        (DONE, _("Done")),
        (DECLINED, _("Declined")),
    ]
    OPEN_STATUSES = (NEW, TRIAGED, PLANNED)

    CONTENT = "content"
    PLATFORM = "platform"
    COMMUNITY = "community"
    OPERATIONS = "operations"
    IDEA = "idea"
    OTHER = "other"
    CATEGORY_CHOICES = [
        (CONTENT, _("Learning content")),
        (PLATFORM, _("Website and tools")),
        (COMMUNITY, _("Community")),
        (OPERATIONS, _("Program operations")),
        (IDEA, _("Idea or request")),
        (OTHER, _("Other")),
    ]

    category = models.CharField(_("category"), max_length=16, choices=CATEGORY_CHOICES)
    program = models.CharField(
        _("program"), max_length=16, choices=PROGRAM_CHOICES, default=GENERAL, db_index=True
    )
    page_url = models.CharField(_("page it came from"), max_length=500, blank=True)
    text = models.TextField(_("your feedback"), max_length=4000)
    contact = models.CharField(_("contact (optional)"), max_length=200, blank=True)
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        related_name="dxq_feedback",
        verbose_name=_("sender"),
    )
    created = models.DateTimeField(_("sent"), auto_now_add=True, db_index=True)
    updated = models.DateTimeField(_("updated"), auto_now=True)

    status = models.CharField(
        _("status"), max_length=16, choices=STATUS_CHOICES, default=NEW, db_index=True
    )
    owner = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="dxq_feedback_owned",
        verbose_name=_("owner"),
    )
    tags = models.JSONField(_("tags"), default=list, blank=True)
    duplicate_of = models.ForeignKey(
        "self",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="duplicates",
        verbose_name=_("duplicate of"),
    )
    reply = models.TextField(_("reply to the sender"), max_length=4000, blank=True)
    replied = models.DateTimeField(_("replied"), null=True, blank=True)
    closed = models.DateTimeField(_("closed on"), null=True, blank=True)

    # "You said, we did": shown publicly only when the secretariat publishes it.
    published = models.BooleanField(_("published on 'You said, we did'"), default=False)
    public_said = models.TextField(_("you said (public summary)"), max_length=1000, blank=True)
    public_did = models.TextField(_("we did (what changed and why)"), max_length=2000, blank=True)

    class Meta:
        verbose_name = _("feedback item")
        verbose_name_plural = _("feedback items")
        ordering = ["-created"]

    def __str__(self):
        return f"#{self.pk} {self.get_category_display()}: {self.text[:40]}"
