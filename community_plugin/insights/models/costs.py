"""What the program costs, for the KPI "cost of forming the community"."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from .choices import COMMUNITY, PROGRAM_CHOICES


class CostEntry(models.Model):
    """An amount in yen spent on one category over one period (both dates included), for the
    whole program or, when ``space`` is set, for one space (deleting the space leaves the cost
    program-wide: the money was still spent)."""

    STAFF = "staff"
    PLATFORM = "platform"
    CONTENT = "content"
    EVENTS = "events"
    MASTERS = "masters"
    OTHER = "other"
    CATEGORY_CHOICES = [
        (STAFF, _("Secretariat staff")),
        (PLATFORM, _("Platform and hosting")),
        (CONTENT, _("Content production")),
        (EVENTS, _("Events and study sessions")),
        (MASTERS, _("Community masters")),
        (OTHER, _("Other")),
    ]

    category = models.CharField(_("category"), max_length=16, choices=CATEGORY_CHOICES)
    program = models.CharField(
        _("program"), max_length=16, choices=PROGRAM_CHOICES, default=COMMUNITY
    )
    space = models.ForeignKey(
        "dxq_community.Space",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("space (optional)"),
        help_text=_(
            "Only for a cost spent on one space (for example its community master or its "
            "events). Leave empty for a program-wide cost. Every cost counts in the whole "
            "program's figures; a space's figures count only the costs recorded against it."
        ),
    )
    period_start = models.DateField(_("from"))
    period_end = models.DateField(_("to"))
    amount_jpy = models.PositiveBigIntegerField(_("amount (yen)"))
    note = models.CharField(_("note"), max_length=200, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    created = models.DateTimeField(_("recorded"), auto_now_add=True)

    class Meta:
        verbose_name = _("cost entry")
        verbose_name_plural = _("cost entries")
        ordering = ["-period_start", "category"]

    def __str__(self):
        period = f"{self.period_start}–{self.period_end}"
        return f"{self.get_category_display()} {period}: ¥{self.amount_jpy:,}"


class CompleterCount(models.Model):
    """Completers entered by an operator, used when the badges app cannot tell."""

    period_start = models.DateField(_("from"))
    period_end = models.DateField(_("to"))
    count = models.PositiveIntegerField(_("completers"))
    note = models.CharField(_("note"), max_length=200, blank=True)
    created = models.DateTimeField(_("recorded"), auto_now_add=True)

    class Meta:
        verbose_name = _("completer count")
        verbose_name_plural = _("completer counts")
        ordering = ["-period_start"]

    def __str__(self):
        return f"{self.period_start}–{self.period_end}: {self.count}"
