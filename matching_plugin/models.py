"""Companies and regional hubs, and who works for them. Private to the package: use :mod:`.api`."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class Organization(models.Model):
    """A participating company (参加企業) or a regional hub (地域ハブ団体)."""

    COMPANY = "company"
    HUB = "hub"
    KIND_CHOICES = [(COMPANY, _("Participating company")), (HUB, _("Regional hub"))]

    kind = models.CharField(_("kind"), max_length=16, choices=KIND_CHOICES)
    name = models.CharField(_("name"), max_length=200, unique=True)
    prefecture = models.CharField(_("prefecture"), max_length=20, blank=True)
    summary = models.TextField(_("summary"), blank=True)
    hub = models.ForeignKey(
        "self",
        verbose_name=_("supporting hub"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        limit_choices_to={"kind": HUB},
        related_name="companies",
    )

    class Meta:
        verbose_name = _("organization")
        verbose_name_plural = _("organizations")
        ordering = ["kind", "name"]

    def __str__(self):
        return self.name


class Affiliation(models.Model):
    """A user who acts for an organization on the project board."""

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="dxq_affiliation"
    )
    organization = models.ForeignKey(
        Organization, on_delete=models.CASCADE, related_name="affiliations"
    )
    title = models.CharField(_("job title"), max_length=120, blank=True)

    class Meta:
        verbose_name = _("affiliation")
        verbose_name_plural = _("affiliations")

    def __str__(self):
        return f"{self.user} ({self.organization})"
