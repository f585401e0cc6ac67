"""Tables of casestudy_xblock. Private to the package: call :mod:`casestudy_xblock.api`."""

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext_lazy as _


class Dataset(models.Model):
    """An uploaded case dataset (ADR 0007): its immutable file, identified by its SHA-256.

    The original is stored at ``dxq/datasets/<sha256>/original.<kind>`` and the converted
    DuckDB file at ``dxq/datasets/<sha256>/data.duckdb`` (Django storage). ``profile`` is what
    the learner view shows without reading the data.
    """

    CSV = "csv"
    XLSX = "xlsx"
    KIND_CHOICES = [(CSV, "CSV"), (XLSX, "Excel (.xlsx)")]

    PENDING = "pending"
    PROCESSING = "processing"
    READY = "ready"
    FAILED = "failed"
    STATUS_CHOICES = [
        (PENDING, _("Waiting to be processed")),
        (PROCESSING, _("Being processed")),
        (READY, _("Ready")),
        (FAILED, _("Failed")),
    ]

    sha256 = models.CharField(_("SHA-256"), max_length=64, unique=True)
    original_filename = models.CharField(_("original file name"), max_length=255)
    kind = models.CharField(_("kind"), max_length=8, choices=KIND_CHOICES)
    encoding = models.CharField(_("encoding"), max_length=16, blank=True)
    size_bytes = models.BigIntegerField(_("size in bytes"))
    status = models.CharField(
        _("status"), max_length=16, choices=STATUS_CHOICES, default=PENDING, db_index=True
    )
    error_code = models.CharField(_("error code"), max_length=64, blank=True)
    error_params = models.JSONField(_("error details"), default=dict, blank=True)
    error_message = models.TextField(_("error message (English)"), blank=True)
    profile = models.JSONField(_("profile"), null=True, blank=True)
    warnings = models.JSONField(_("warnings"), default=list, blank=True)
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("uploaded by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    created = models.DateTimeField(_("created"), auto_now_add=True)
    updated = models.DateTimeField(_("updated"), auto_now=True)

    class Meta:
        verbose_name = _("dataset")
        verbose_name_plural = _("datasets")
        ordering = ["-created"]

    def __str__(self):
        return f"{self.original_filename} ({self.sha256[:12]})"

    @property
    def directory(self):
        """The storage directory of this dataset's files."""
        return f"dxq/datasets/{self.sha256}"

    @property
    def original_name(self):
        """The storage name of the uploaded file."""
        return f"{self.directory}/original.{self.kind}"

    @property
    def data_name(self):
        """The storage name of the converted DuckDB file."""
        return f"{self.directory}/data.duckdb"


def validate_skill_id(value):
    """A full id of the DX Promotion Skill Standard (``casestudy_xblock.skills``)."""
    from . import skills

    if skills.validate_ids([value]):
        raise ValidationError(
            _("“%(value)s” is not an id of the DX Promotion Skill Standard."),
            code="unknown_skill",
            params={"value": value},
        )


class SkillEvidence(models.Model):
    """A learner practised a DSS-P skill: a question answered correctly, or a block completed.

    One row per (anonymous id, block usage id, question id, skill id); a block's own skills
    have an empty question id. ``anonymous_user_id`` is always set; ``user`` is set when the
    learner is a Django user (always in the LMS; in the workbench, for signed student ids).
    Written by :mod:`casestudy_xblock.evidence`, read through :mod:`casestudy_xblock.api`.
    """

    QUESTION = "question"
    BLOCK = "block"
    SOURCE_CHOICES = [(QUESTION, _("Question answered correctly")), (BLOCK, _("Unit completed"))]

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("user"),
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="+",
    )
    anonymous_user_id = models.CharField(_("anonymous user id"), max_length=64)
    skill_id = models.CharField(
        _("skill id"), max_length=100, validators=[validate_skill_id], db_index=True
    )
    source = models.CharField(_("kind of evidence"), max_length=16, choices=SOURCE_CHOICES)
    block_usage_id = models.CharField(_("block usage id"), max_length=255)
    question_id = models.CharField(_("question id"), max_length=100, blank=True)
    created = models.DateTimeField(_("created"), auto_now_add=True)

    class Meta:
        verbose_name = _("skill evidence")
        verbose_name_plural = _("skills evidence")
        ordering = ["-created"]
        constraints = [
            models.UniqueConstraint(
                fields=["anonymous_user_id", "block_usage_id", "question_id", "skill_id"],
                name="dxq_skillevidence_once",
            )
        ]

    def __str__(self):
        where = (
            f"{self.block_usage_id}#{self.question_id}" if self.question_id else self.block_usage_id
        )
        return f"{self.skill_id} @ {where}"
