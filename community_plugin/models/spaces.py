"""Community spaces and who belongs to them."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class Space(models.Model):
    """A place where a group of peers learns together."""

    PROGRAM = "program"
    COURSE = "course"
    COHORT = "cohort"
    TEAM = "team"
    ALUMNI = "alumni"
    KIND_CHOICES = [
        (PROGRAM, _("Program-wide space")),
        (COURSE, _("Course cohort space")),
        (COHORT, _("Cohort group space")),
        (TEAM, _("Team space")),
        (ALUMNI, _("Alumni space")),
    ]

    slug = models.SlugField(_("slug"), max_length=120, unique=True)
    kind = models.CharField(_("kind"), max_length=16, choices=KIND_CHOICES)
    name = models.CharField(_("name"), max_length=200)
    course_key = models.CharField(_("course"), max_length=255, blank=True, db_index=True)
    #: For a cohort group space: the name of the Open edX cohort it mirrors.
    cohort = models.CharField(_("cohort"), max_length=191, blank=True)
    #: For a team space: the id of the team (Open edX teams or our own).
    team_id = models.CharField(_("team"), max_length=191, blank=True)
    created = models.DateTimeField(_("created"), auto_now_add=True)

    class Meta:
        app_label = "dxq_community"
        verbose_name = _("space")
        verbose_name_plural = _("spaces")
        ordering = ["kind", "name"]

    def __str__(self):
        return self.name


class Membership(models.Model):
    """One person in one space, and how they came to be there."""

    ENROLLMENT = "enrollment"
    COHORT = "cohort"
    TEAM = "team"
    BADGE = "badge"
    MANUAL = "manual"
    CSV = "csv"
    SOURCE_CHOICES = [
        (ENROLLMENT, _("Course enrollment")),
        (COHORT, _("Cohort assignment")),
        (TEAM, _("Team membership")),
        (BADGE, _("Program completion badge")),
        (MANUAL, _("Added by an operator")),
        (CSV, _("Imported from CSV")),
    ]
    #: Sources that Open edX owns: reconciling may remove these, never the others.
    SYNCED_SOURCES = (ENROLLMENT, COHORT)

    space = models.ForeignKey(Space, on_delete=models.CASCADE, related_name="memberships")
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="dxq_memberships"
    )
    MEMBER = "member"
    MASTER = "master"
    ROLE_CHOICES = [
        (MEMBER, _("Member")),
        (MASTER, _("Community master")),
    ]

    source = models.CharField(_("source"), max_length=16, choices=SOURCE_CHOICES)
    #: A community master is a volunteer moderator of this space (often an alumnus).
    role = models.CharField(_("role"), max_length=16, choices=ROLE_CHOICES, default=MEMBER)
    joined = models.DateTimeField(_("joined"), auto_now_add=True)

    class Meta:
        app_label = "dxq_community"
        verbose_name = _("membership")
        verbose_name_plural = _("memberships")
        constraints = [
            models.UniqueConstraint(fields=["space", "user"], name="dxq_unique_space_member")
        ]

    def __str__(self):
        return f"{self.user} @ {self.space}"
