"""Models of community_plugin.badges: issuers and their keys, badge classes, rules, awards.

Signed documents are made once, at issue, and stored on the :class:`Award` (OB 3.0 credential
with its Data Integrity proof, the VC-JWT and the OB 2.0 JWS). "One live award per person and
badge" is the unique, nullable ``Award.live_key``: set while the award stands, NULL once revoked
(MariaDB ignores conditional unique constraints; a unique column with NULLs works everywhere).
Other packages go through :mod:`.api`, never these models directly.
"""

from __future__ import annotations

import secrets
import uuid

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from . import links

ED25519 = "ed25519"
RSA = "rsa"


def new_salt() -> str:
    """A fresh OB 2.0 identity salt (16 random bytes, hex), one per assertion."""
    return secrets.token_hex(16)


def base_url() -> str:
    return settings.DXQ_BADGES_BASE_URL


class Issuer(models.Model):
    DID_WEB, DID_KEY = "web", "key"
    DID_METHODS = [
        (DID_WEB, _("did:web (a DID document on this site; survives key rotation)")),
        (DID_KEY, _("did:key (the Ed25519 key itself; a rotation gives a new DID)")),
    ]

    slug = models.SlugField(_("slug"), max_length=100, unique=True)
    name = models.CharField(_("name"), max_length=200)
    url = models.URLField(_("web site"), max_length=500)
    email = models.EmailField(_("email"), max_length=190)
    description = models.TextField(_("description"), blank=True)
    image = models.FileField(_("image"), upload_to="dxq_badges/issuers/", blank=True)
    did_method = models.CharField(
        _("Open Badges 3.0 issuer id"), max_length=8, choices=DID_METHODS, default=DID_WEB
    )
    created = models.DateTimeField(_("created"), default=timezone.now)

    class Meta:
        verbose_name = _("badge issuer")
        verbose_name_plural = _("badge issuers")
        ordering = ["name"]

    def __str__(self):
        return self.name

    @property
    def did(self) -> str:
        """The issuer's DID: did:web (document at ``links.issuer_did_document``) or, with the
        did:key option, the did:key of its active Ed25519 key ("" before set-up)."""
        if self.did_method == self.DID_KEY:
            key = self.active_key(ED25519)
            return f"did:key:{key.key_id}" if key else ""
        return links.issuer_did(base_url(), self.slug)

    @property
    def profile_url(self) -> str:
        return links.issuer_profile(base_url(), self.slug)

    def active_key(self, kind: str) -> IssuerKey | None:
        """The newest key of ``kind`` not retired (``None`` before set-up)."""
        current = self.keys.filter(kind=kind, retired_at__isnull=True)
        return current.order_by("-created", "-pk").first()


class IssuerKey(models.Model):
    KINDS = [(ED25519, "Ed25519"), (RSA, "RSA")]

    issuer = models.ForeignKey(Issuer, on_delete=models.CASCADE, related_name="keys")
    kind = models.CharField(_("kind"), max_length=10, choices=KINDS)
    key_id = models.CharField(_("key id"), max_length=120)
    public_pem = models.TextField(_("public key (PEM)"))
    private_pem_encrypted = models.TextField(_("private key (encrypted PEM)"))
    created = models.DateTimeField(_("created"), default=timezone.now)
    retired_at = models.DateTimeField(_("retired at"), null=True, blank=True)

    class Meta:
        verbose_name = _("issuer key")
        verbose_name_plural = _("issuer keys")
        ordering = ["issuer", "kind", "-created"]
        constraints = [
            models.UniqueConstraint(fields=["issuer", "key_id"], name="dxq_badges_key_id_unique")
        ]

    def __str__(self):
        return f"{self.issuer.slug} {self.kind} {self.key_id}"

    @property
    def is_active(self) -> bool:
        return self.retired_at is None

    def private_key(self):
        from .keystore import decrypt_private_key  # noqa: PLC0415 (keystore reads settings)

        return decrypt_private_key(self.private_pem_encrypted)

    def public_key(self):
        from . import keys  # noqa: PLC0415

        return keys.load_public_pem(self.public_pem)

    @property
    def method_id(self) -> str:
        """Its verification method: in the issuer's did:web document; with did:key, the
        did:key method of an Ed25519 key, and the ``CryptographicKey`` URL of an RSA key."""
        if self.issuer.did_method == Issuer.DID_KEY:
            if self.kind == ED25519:
                return f"did:key:{self.key_id}#{self.key_id}"
            return self.url
        return links.did_method(self.issuer.did, self.key_id)

    @property
    def url(self) -> str:
        """The OB 2.0 ``CryptographicKey`` URL (RSA keys)."""
        return links.issuer_key(base_url(), self.issuer.slug, self.key_id)


class BadgeClass(models.Model):
    issuer = models.ForeignKey(Issuer, on_delete=models.PROTECT, related_name="badge_classes")
    slug = models.SlugField(_("slug"), max_length=100, unique=True)
    name_ja = models.CharField(_("name (Japanese)"), max_length=200)
    name_en = models.CharField(_("name (English)"), max_length=200)
    description_ja = models.TextField(_("description (Japanese)"))
    description_en = models.TextField(_("description (English)"))
    criteria_ja = models.TextField(_("criteria (Japanese, Markdown)"))
    criteria_en = models.TextField(_("criteria (English, Markdown)"))
    image = models.FileField(_("image (PNG or SVG)"), upload_to="dxq_badges/classes/", blank=True)
    skills = models.JSONField(_("DSS-P skills"), default=list, blank=True)
    tags = models.JSONField(_("tags"), default=list, blank=True)
    expiry_days = models.PositiveIntegerField(_("valid for (days)"), null=True, blank=True)
    marks_completion = models.BooleanField(
        _("marks program completion"),
        default=False,
        help_text=_("Recipients join the alumni space."),
    )
    active = models.BooleanField(_("active"), default=True)
    created = models.DateTimeField(_("created"), default=timezone.now)

    class Meta:
        verbose_name = _("badge class")
        verbose_name_plural = _("badge classes")
        ordering = ["slug"]

    def __str__(self):
        return f"{self.name_ja} / {self.name_en}"

    def _pick(self, field: str, lang: str | None) -> str:
        ja, en = getattr(self, f"{field}_ja"), getattr(self, f"{field}_en")
        if (lang or "ja").startswith("en"):
            return en or ja
        return ja or en

    def name(self, lang: str | None = "ja") -> str:
        return self._pick("name", lang)

    def description(self, lang: str | None = "ja") -> str:
        return self._pick("description", lang)

    def criteria(self, lang: str | None = "ja") -> str:
        return self._pick("criteria", lang)

    @property
    def url(self) -> str:
        return links.badge_class(base_url(), self.slug)

    @property
    def image_url(self) -> str:
        return links.badge_class_image(base_url(), self.slug)


class AwardRule(models.Model):
    COURSE_PASSED = "course_passed"
    CERTIFICATE = "certificate"
    CASE_COMPLETED = "case_completed"
    DELIVERABLE_COMPLETED = "deliverable_completed"
    COLLABORATION_COMPLETED = "collaboration_completed"
    COMMUNITY_CONTRIBUTION = "community_contribution"
    MANUAL = "manual"
    KINDS = [
        (COURSE_PASSED, _("course passed")),
        (CERTIFICATE, _("certificate created")),
        (CASE_COMPLETED, _("case study completed")),
        (DELIVERABLE_COMPLETED, _("deliverable completed")),
        (COLLABORATION_COMPLETED, _("company collaboration completed")),
        (COMMUNITY_CONTRIBUTION, _("community contributions reach a threshold")),
        (MANUAL, _("manual")),
    ]

    badge_class = models.ForeignKey(BadgeClass, on_delete=models.CASCADE, related_name="rules")
    kind = models.CharField(_("kind"), max_length=40, choices=KINDS)
    course_key = models.CharField(
        _("course / block key"),
        max_length=255,
        blank=True,
        help_text=_("Empty: any course (or any case study, deliverable, collaboration)."),
    )
    threshold = models.PositiveIntegerField(_("threshold"), null=True, blank=True)
    active = models.BooleanField(_("active"), default=True)

    class Meta:
        verbose_name = _("award rule")
        verbose_name_plural = _("award rules")
        ordering = ["badge_class", "kind"]

    def __str__(self):
        return f"{self.badge_class.slug}: {self.get_kind_display()} {self.course_key}".strip()


class Award(models.Model):
    SOURCE_RULE = "rule"
    SOURCE_MANUAL = "manual"
    SOURCE_CSV = "csv"
    SOURCE_BACKFILL = "backfill"
    SOURCE_BULK = "bulk"
    SOURCES = [
        (SOURCE_RULE, _("rule")),
        (SOURCE_MANUAL, _("manual")),
        (SOURCE_CSV, _("CSV upload")),
        (SOURCE_BACKFILL, _("backfill")),
        (SOURCE_BULK, _("bulk issue")),
    ]

    public_id = models.UUIDField(_("public id"), default=uuid.uuid4, unique=True, editable=False)
    badge_class = models.ForeignKey(BadgeClass, on_delete=models.PROTECT, related_name="awards")
    recipient = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="dxq_badge_awards"
    )
    recipient_email = models.EmailField(_("recipient email"), max_length=254)
    salt = models.CharField(_("salt"), max_length=64, default=new_salt, blank=True)
    issued_on = models.DateTimeField(_("issued on"), default=timezone.now)
    expires = models.DateTimeField(_("expires"), null=True, blank=True)
    evidence_url = models.URLField(_("evidence URL"), max_length=500, blank=True)
    evidence_narrative = models.TextField(_("evidence narrative"), blank=True)
    source = models.CharField(_("source"), max_length=20, choices=SOURCES)
    rule = models.ForeignKey(
        AwardRule, on_delete=models.SET_NULL, null=True, blank=True, related_name="awards"
    )
    revoked_at = models.DateTimeField(_("revoked at"), null=True, blank=True)
    revocation_reason = models.CharField(_("revocation reason"), max_length=500, blank=True)
    status_index = models.PositiveIntegerField(_("status list index"))
    issuer = models.ForeignKey(Issuer, on_delete=models.PROTECT, related_name="awards")
    public = models.BooleanField(_("public"), default=True)
    language = models.CharField(_("language"), max_length=8, default="ja")
    credential = models.JSONField(_("OB 3.0 credential"), default=dict, blank=True)
    credential_jwt = models.TextField(_("OB 3.0 VC-JWT"), blank=True)
    ob2_jws = models.TextField(_("OB 2.0 signed assertion"), blank=True)
    live_key = models.CharField(max_length=64, null=True, blank=True, unique=True, editable=False)

    class Meta:
        verbose_name = _("badge award")
        verbose_name_plural = _("badge awards")
        ordering = ["-issued_on", "-pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["issuer", "status_index"], name="dxq_badges_status_index_unique"
            )
        ]
        indexes = [models.Index(fields=["recipient", "badge_class"])]

    def __str__(self):
        return f"{self.badge_class.slug} → {self.recipient} ({self.public_id})"

    @staticmethod
    def make_live_key(recipient_id: int, badge_class_id: int) -> str:
        return f"{recipient_id}:{badge_class_id}"

    @property
    def is_revoked(self) -> bool:
        return self.revoked_at is not None

    @property
    def is_expired(self) -> bool:
        return self.expires is not None and self.expires <= timezone.now()

    @property
    def assertion_url(self) -> str:
        return links.assertion(base_url(), self.public_id)

    @property
    def credential_url(self) -> str:
        return links.credential(base_url(), self.public_id)

    @property
    def verify_url(self) -> str:
        return links.verify_page(base_url(), self.public_id)


class StatusCounter(models.Model):
    """The next free status-list index of an issuer; the row is locked while one is taken."""

    issuer = models.OneToOneField(Issuer, on_delete=models.CASCADE, related_name="status_counter")
    next_index = models.PositiveIntegerField(default=0)

    class Meta:
        verbose_name = _("status list counter")
        verbose_name_plural = _("status list counters")

    def __str__(self):
        return f"{self.issuer_id}: {self.next_index}"


class BulkJob(models.Model):
    """Many awards of one badge class handled in Celery batches: issued to ``recipients``
    (user ids; by hand, CSV, course passers, or a backfill of ``rule``), or, for a ``reissue``
    job, the awards ``award_ids`` re-signed with the issuer's current keys (after a rotation)."""

    QUEUED, RUNNING, DONE, FAILED = "queued", "running", "done", "failed"
    STATES = [
        (QUEUED, _("queued")),
        (RUNNING, _("running")),
        (DONE, _("done")),
        (FAILED, _("failed")),
    ]
    ISSUE, REISSUE = "issue", "reissue"
    ACTIONS = [(ISSUE, _("issue")), (REISSUE, _("re-sign with the current keys"))]

    badge_class = models.ForeignKey(BadgeClass, on_delete=models.CASCADE, related_name="bulk_jobs")
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    description = models.CharField(_("description"), max_length=300, blank=True)
    action = models.CharField(_("action"), max_length=10, choices=ACTIONS, default=ISSUE)
    source = models.CharField(_("source"), max_length=20, default="bulk")
    rule = models.ForeignKey(
        AwardRule,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="bulk_jobs",
        verbose_name=_("award rule"),
        help_text=_("The rule a backfill job awards for (recorded on each award)."),
    )
    evidence_url = models.URLField(_("evidence URL"), max_length=500, blank=True)
    evidence_narrative = models.TextField(_("evidence narrative"), blank=True)
    recipients = models.JSONField(_("recipient ids"), default=list, blank=True)
    award_ids = models.JSONField(_("award ids"), default=list, blank=True)
    total = models.PositiveIntegerField(_("total"), default=0)
    done = models.PositiveIntegerField(_("done"), default=0)
    failed = models.PositiveIntegerField(_("failed"), default=0)
    state = models.CharField(_("state"), max_length=10, choices=STATES, default=QUEUED)
    errors = models.JSONField(_("errors"), default=list, blank=True)
    #: Offsets of the batches already counted (a batch delivered twice is counted once).
    batches_done = models.JSONField(default=list, blank=True, editable=False)
    created = models.DateTimeField(_("created"), default=timezone.now)
    finished = models.DateTimeField(_("finished"), null=True, blank=True)

    class Meta:
        verbose_name = _("bulk issue job")
        verbose_name_plural = _("bulk issue jobs")
        ordering = ["-created"]

    def __str__(self):
        return f"{self.badge_class.slug} {self.action} {self.done}/{self.total} ({self.state})"

    @property
    def items(self) -> list:
        """What the batches go through: award ids to re-sign, or recipient ids to issue to."""
        return (self.award_ids if self.action == self.REISSUE else self.recipients) or []

    @property
    def progress_percent(self) -> int:
        if not self.total:
            return 100 if self.state == self.DONE else 0
        return min(100, round(100 * (self.done + self.failed) / self.total))
