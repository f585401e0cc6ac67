"""Choices shared by the insights models (programs of the DX Quest suite)."""

from django.utils.translation import gettext_lazy as _

PORTAL = "portal"
CASE_STUDY = "case_study"
COLLABORATION = "collaboration"
COMMUNITY = "community"
GENERAL = "general"

#: The programs feedback and costs are recorded against (PROGRAM.md, "The three layers").
PROGRAM_CHOICES = [
    (CASE_STUDY, _("Case-study program")),
    (COLLABORATION, _("Company collaboration program")),
    (COMMUNITY, _("Community")),
    (PORTAL, _("Portal and platform")),
    (GENERAL, _("The program as a whole")),
]
