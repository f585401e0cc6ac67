"""Making an award: status index, the three signed forms, and the row, in one idempotent step.

At issue an award gets:

- an OB 3.0 ``OpenBadgeCredential`` with an ``eddsa-rdfc-2022`` Data Integrity proof by the
  issuer's active Ed25519 key (verification method in its did:web document), a
  ``BitstringStatusListEntry`` at the award's ``status_index``, and the recipient as an opaque
  ``urn:uuid`` plus a salted email hash (``identifier``);
- a VC-JWT (RS256) of the same credential, ``kid`` = the RSA method in the DID document;
- an OB 2.0 signed assertion (compact JWS, RS256) whose ``verification.creator`` is the RSA
  key's ``CryptographicKey`` URL.

"One live award per recipient and badge class" is the unique ``live_key``: a second attempt
(sequential or concurrent) hits the constraint and gets the existing award back.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import logging
import uuid

from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from . import dataintegrity, documents_ob2, links, ob2, ob3, statuslist, vcjwt
from .api_errors import BadgeRuleError, IssuerNotReady
from .documents import status_list_size
from .models import ED25519, RSA, Award, BadgeClass, Issuer, StatusCounter, base_url, new_salt
from .platform import user_language

log = logging.getLogger(__name__)


# status list index -----------------------------------------------------------------------


class _NoCounter(Exception):
    pass


def ensure_status_counter(issuer: Issuer) -> None:
    """Create the issuer's counter row (at key set-up), so that taking an index never locks a
    missing row: on MariaDB that takes gap locks that deadlock concurrent first awards."""
    if StatusCounter.objects.filter(issuer=issuer).exists():
        return
    try:
        with transaction.atomic():
            StatusCounter.objects.create(issuer=issuer, next_index=_first_free(issuer))
    except IntegrityError:
        pass  # made by a concurrent call


def allocate_status_index(issuer: Issuer, count: int = 1) -> int:
    """The first of ``count`` consecutive free indices (a bulk batch takes its block at once,
    so the counter row is locked once per batch, not once per award)."""
    try:
        return _take_index(issuer, count)
    except _NoCounter:
        ensure_status_counter(issuer)
        return _take_index(issuer, count)


def _take_index(issuer: Issuer, count: int = 1) -> int:
    """The next free bit of ``issuer``'s status list; the counter row is locked while taken,
    so concurrent issuers never share an index (the unique constraint backs this up)."""
    with transaction.atomic():
        counter = StatusCounter.objects.select_for_update().filter(issuer=issuer).first()
        if counter is None:
            raise _NoCounter()
        index = counter.next_index
        if index + count > status_list_size():
            raise BadgeRuleError(_("The issuer's status list is full."))
        StatusCounter.objects.filter(pk=counter.pk).update(next_index=index + count)
    return index


def _first_free(issuer: Issuer) -> int:
    last = Award.objects.filter(issuer=issuer).order_by("-status_index").first()
    return 0 if last is None else last.status_index + 1


# documents -------------------------------------------------------------------------------


def subject_id(award: Award) -> str:
    """An opaque id of the recipient in this credential only (not linkable across awards)."""
    return f"urn:uuid:{uuid.uuid5(award.public_id, 'credentialSubject')}"


def _identity(award: Award) -> dict:
    email = ob2.normalise_email(award.recipient_email)
    digest = hashlib.sha256((email + award.salt).encode("utf-8")).hexdigest()
    return {
        "type": "IdentityObject",
        "identityHash": "sha256$" + digest,
        "identityType": "emailAddress",
        "hashed": True,
        "salt": award.salt,
    }


def achievement(badge_class: BadgeClass, lang: str) -> dict:
    alignments = [
        ob3.dss_alignment(skill_id, documents_ob2.skill_url(skill_id), lang)
        for skill_id in badge_class.skills or []
    ]
    return ob3.achievement(
        links.badge_class(base_url(), badge_class.slug, lang),
        badge_class.name(lang),
        badge_class.description(lang),
        badge_class.criteria(lang),
        image_url=badge_class.image_url,
        alignments=alignments or None,
        achievement_type="Badge",
        tags=badge_class.tags or None,
        language=lang,
    )


def unsigned_credential(award: Award) -> dict:
    issuer = award.issuer
    evidence = None
    if award.evidence_url or award.evidence_narrative:
        item = {"type": ["Evidence"]}
        if award.evidence_url:
            item["id"] = award.evidence_url
        if award.evidence_narrative:
            item["narrative"] = award.evidence_narrative
        evidence = [item]
    document = ob3.credential(
        ob3.issuer_profile(issuer.did, issuer.name, url=issuer.url, email=issuer.email or None),
        subject_id(award),
        achievement(award.badge_class, award.language),
        credential_id=links.credential(base_url(), award.public_id),
        valid_from=award.issued_on,
        valid_until=award.expires,
        credential_status=statuslist.entry(
            links.issuer_status_list(base_url(), issuer.slug), award.status_index
        ),
        evidence=evidence,
    )
    document["credentialSubject"]["identifier"] = [_identity(award)]
    return document


def active_keys(issuer: Issuer) -> dict:
    """``{kind: newest active key}`` in one query, each key's ``issuer`` already set."""
    found = {}
    rows = issuer.keys.filter(retired_at__isnull=True).order_by("-created", "-pk")
    for key in rows:
        key.issuer = issuer
        found.setdefault(key.kind, key)
    return found


def sign_documents(award: Award, keys: dict | None = None) -> None:
    """Fill ``credential``, ``credential_jwt`` and ``ob2_jws`` with the issuer's active keys."""
    keys = keys if keys is not None else active_keys(award.issuer)
    ed_key, rsa_key = keys.get(ED25519), keys.get(RSA)
    if ed_key is None or rsa_key is None:
        raise IssuerNotReady()
    unsigned = unsigned_credential(award)
    award.credential = dataintegrity.sign(unsigned, ed_key.private_key(), ed_key.method_id)
    award.credential_jwt = vcjwt.sign(unsigned, rsa_key.private_key(), kid=rsa_key.method_id)
    award.ob2_jws = ob2.sign(
        documents_ob2.assertion(award, signed_by=rsa_key), rsa_key.private_key()
    )


# awarding --------------------------------------------------------------------------------


def live_award(badge_class: BadgeClass, user, *, lock: bool = False) -> Award | None:
    rows = Award.objects.filter(live_key=Award.make_live_key(user.pk, badge_class.pk))
    return (rows.select_for_update() if lock else rows).first()


def check_can_award(badge_class: BadgeClass, user, keys: dict | None = None) -> None:
    if not badge_class.active:
        raise BadgeRuleError(_("The badge class “%(name)s” is not active.") % {"name": badge_class})
    if not getattr(user, "is_active", True):
        raise BadgeRuleError(_("The user %(user)s is not active.") % {"user": user})
    if not (user.email or "").strip() or "@" not in user.email:
        raise BadgeRuleError(
            _("The user %(user)s has no email address; badges are issued to an email.")
            % {"user": user}
        )
    keys = keys if keys is not None else active_keys(badge_class.issuer)
    if keys.get(ED25519) is None or keys.get(RSA) is None:
        raise IssuerNotReady()


def create_award(
    badge_class: BadgeClass,
    user,
    *,
    source: str,
    rule=None,
    evidence_url: str = "",
    evidence_narrative: str = "",
    issued_on: dt.datetime | None = None,
    language: str | None = None,
    status_index: int | None = None,
    keys: dict | None = None,
) -> tuple[Award, bool]:
    """``(award, created)``: the live award of ``user`` for ``badge_class``, made and signed if
    there was none. A bulk batch passes a pre-allocated ``status_index`` and the ``keys``."""
    existing = live_award(badge_class, user)
    if existing is not None:
        return existing, False
    keys = keys if keys is not None else active_keys(badge_class.issuer)
    check_can_award(badge_class, user, keys)
    issued_on = issued_on or timezone.now().replace(microsecond=0)
    expires = (
        issued_on + dt.timedelta(days=badge_class.expiry_days) if badge_class.expiry_days else None
    )
    award = Award(
        public_id=uuid.uuid4(),
        badge_class=badge_class,
        issuer=badge_class.issuer,
        recipient=user,
        recipient_email=user.email.strip(),
        salt=new_salt(),
        issued_on=issued_on,
        expires=expires,
        evidence_url=evidence_url or "",
        evidence_narrative=evidence_narrative or "",
        source=source,
        rule=rule,
        language=language or user_language(user),
        live_key=Award.make_live_key(user.pk, badge_class.pk),
    )
    award.status_index = (
        status_index if status_index is not None else allocate_status_index(badge_class.issuer)
    )
    sign_documents(award, keys)
    try:
        with transaction.atomic():
            award.save(force_insert=True)
    except IntegrityError:
        # Someone else issued it meanwhile: theirs stands (a locking read sees the latest row).
        with transaction.atomic():
            existing = live_award(badge_class, user, lock=True)
        if existing is None:
            raise
        return existing, False
    return award, True


def revoke(award: Award, reason: str) -> tuple[Award, bool]:
    """Mark revoked (keeps the row and its documents), free the live key. ``(award, changed)``;
    ``changed`` is False when it was revoked already (by this or a concurrent call)."""
    if award.is_revoked:
        return award, False
    now = timezone.now()
    updated = Award.objects.filter(pk=award.pk, revoked_at__isnull=True).update(
        revoked_at=now, revocation_reason=reason or "", live_key=None
    )
    award.refresh_from_db()
    if not updated:
        log.info("Award %s was already revoked", award.public_id)
    return award, bool(updated)


def reissue(award: Award, keys: dict | None = None) -> Award:
    """Sign the award again with the issuer's current keys (after a rotation, say); a bulk
    batch passes the ``keys`` it read once."""
    sign_documents(award, keys)
    award.save(update_fields=["credential", "credential_jwt", "ob2_jws"])
    return award
