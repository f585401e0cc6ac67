"""The public Python API of community_plugin.badges: the only door for other packages and views.

Awarding is idempotent per recipient and badge class; revocation frees the slot so a later
award makes a new one. Events (``BADGE_AWARDED`` / ``BADGE_REVOKED``) go out after commit.
Errors: :mod:`.api_errors`.
"""

from __future__ import annotations

import logging
import uuid

from django.db import transaction
from django.db.models import QuerySet
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from . import documents, events, issuing, keystore, verification
from .api_errors import AwardNotFound, BadgeApiError, BadgeRuleError, IssuerNotReady, NotAllowed
from .errors import BadgeError
from .models import Award, AwardRule, BadgeClass, BulkJob, Issuer

log = logging.getLogger(__name__)

__all__ = [
    "AwardNotFound",
    "BadgeRuleError",
    "IssuerNotReady",
    "NotAllowed",
    "VerificationResult",
    "award",
    "award_many",
    "awards_of",
    "did_document",
    "home_links",
    "public_award",
    "reissue",
    "reissue_many",
    "revoke",
    "set_public",
    "setup_issuer",
    "rotate_keys",
    "start_bulk_job",
    "start_reissue_jobs",
    "status_list_credential",
    "verify_award",
]

VerificationResult = verification.VerificationResult


# issuers ---------------------------------------------------------------------------------


def setup_issuer(issuer: Issuer):
    """Generate the issuer's Ed25519 and RSA keys where it has none (stored encrypted)."""
    return keystore.ensure_keys(issuer)


def rotate_keys(issuer: Issuer, kinds=None):
    """Retire the active keys and make new ones; old awards keep verifying (keys stay
    published). The status list is re-signed with the new key."""
    created = keystore.rotate(issuer, kinds or (keystore.ED25519, keystore.RSA))
    documents.invalidate_status_list(issuer.pk)
    transaction.on_commit(lambda: documents.invalidate_status_list(issuer.pk))
    return created


def did_document(issuer: Issuer) -> dict:
    """The did:web DID document of ``issuer`` (every published key)."""
    return documents.did_document(issuer)


def status_list_credential(issuer: Issuer) -> dict:
    """The signed OB 3.0 status-list credential of ``issuer``; cached, and invalidated when an
    award is revoked so the change shows within seconds."""
    return documents.status_list_credential(issuer)


# awards ----------------------------------------------------------------------------------


def _alumni_hook(award_obj: Award) -> None:
    if not award_obj.badge_class.marks_completion:
        return
    from community_plugin import api as community_api  # noqa: PLC0415

    join = getattr(community_api, "join_alumni", None)
    if join is None:
        log.warning("community_plugin.api.join_alumni is missing; alumni space not joined")
        return
    user_id = award_obj.recipient_id
    transaction.on_commit(lambda: join(user_id, source="badge"))


def award(
    badge_class: BadgeClass,
    user,
    *,
    source: str,
    rule: AwardRule | None = None,
    evidence_url: str = "",
    evidence_narrative: str = "",
    issued_on=None,
    language: str | None = None,
) -> Award:
    """The live award of ``user`` for ``badge_class``; made and signed now if there is none.

    Idempotent (also under concurrency). Raises :class:`BadgeRuleError` (inactive class or
    user, no email) or :class:`IssuerNotReady` (no keys).
    """
    made, created = issuing.create_award(
        badge_class,
        user,
        source=source,
        rule=rule,
        evidence_url=evidence_url,
        evidence_narrative=evidence_narrative,
        issued_on=issued_on,
        language=language,
    )
    if created:
        _after_award(made)
    return made


def _after_award(made: Award) -> None:
    events.badge_awarded(made)
    _alumni_hook(made)


def award_many(
    badge_class: BadgeClass,
    users,
    *,
    source: str,
    rule: AwardRule | None = None,
    evidence_url="",
    evidence_narrative="",
):
    """Award ``badge_class`` to ``users`` in one transaction (a bulk batch): people who hold it
    keep theirs, the others get status indices taken as one block. Returns ``[(user, award or
    None, error message or "")]`` in order. A failure of one person (a savepoint) does not
    undo the others; a database failure of the whole batch raises."""
    users = list(users)
    holders = {
        made.recipient_id: made
        for made in Award.objects.filter(
            live_key__in=[Award.make_live_key(user.pk, badge_class.pk) for user in users]
        )
    }
    keys = issuing.active_keys(badge_class.issuer)
    results, candidates = {}, []
    for user in users:
        if user.pk in holders:
            results[user.pk] = (holders[user.pk], "")
            continue
        try:
            issuing.check_can_award(badge_class, user, keys)
        except BadgeApiError as error:
            results[user.pk] = (None, error.message)
            continue
        candidates.append(user)
    if candidates:
        first = issuing.allocate_status_index(badge_class.issuer, len(candidates))
        with transaction.atomic():
            for offset, user in enumerate(candidates):
                try:
                    with transaction.atomic():
                        made, created = issuing.create_award(
                            badge_class,
                            user,
                            source=source,
                            rule=rule,
                            evidence_url=evidence_url,
                            evidence_narrative=evidence_narrative,
                            status_index=first + offset,
                            keys=keys,
                        )
                except BadgeApiError as error:
                    results[user.pk] = (None, error.message)
                    continue
                except BadgeError as error:  # a document that cannot be signed
                    log.warning("Badge %s for user %s: %s", badge_class.slug, user.pk, error)
                    results[user.pk] = (None, str(error))
                    continue
                if created:
                    _after_award(made)
                results[user.pk] = (made, "")
    return [(user, *results[user.pk]) for user in users]


def revoke(award_obj: Award, reason: str = "") -> Award:
    """Revoke: the hosted assertion answers 410, the revocation list and the status-list bit
    show it at once, ``BADGE_REVOKED`` goes out. A later :func:`award` makes a new award."""
    revoked, changed = issuing.revoke(award_obj, reason)
    if changed:
        documents.invalidate_status_list(revoked.issuer_id)
        transaction.on_commit(lambda: documents.invalidate_status_list(revoked.issuer_id))
        events.badge_revoked(revoked)
    return revoked


def reissue(award_obj: Award) -> Award:
    """Sign ``award_obj`` again with the issuer's current keys (same ids and status index)."""
    if award_obj.is_revoked:
        raise BadgeRuleError(_("A revoked badge cannot be reissued."))
    return issuing.reissue(award_obj)


def reissue_many(award_ids) -> list[tuple[int, Award | None, str]]:
    """Re-sign the awards ``award_ids`` with their issuer's current keys, in one transaction (a
    bulk batch). Returns ``[(award id, award or None, error message or "")]`` in order: a revoked
    or missing award, or one that cannot be signed, is reported and the others go on."""
    award_ids = list(award_ids)
    found = Award.objects.select_related("badge_class", "issuer").in_bulk(award_ids)
    keys_of_issuer, results = {}, []
    with transaction.atomic():
        for award_id in award_ids:
            award_obj = found.get(award_id)
            if award_obj is None:
                results.append((award_id, None, _("This badge award no longer exists.")))
                continue
            if award_obj.is_revoked:
                results.append((award_id, None, _("A revoked badge cannot be reissued.")))
                continue
            if award_obj.issuer_id not in keys_of_issuer:
                keys_of_issuer[award_obj.issuer_id] = issuing.active_keys(award_obj.issuer)
            try:
                with transaction.atomic():
                    issuing.reissue(award_obj, keys_of_issuer[award_obj.issuer_id])
            except BadgeApiError as error:
                results.append((award_id, None, error.message))
                continue
            except BadgeError as error:  # a document that cannot be signed
                log.warning("Re-signing award %s: %s", award_obj.public_id, error)
                results.append((award_id, None, str(error)))
                continue
            results.append((award_id, award_obj, ""))
    return results


def awards_of(user, *, include_revoked: bool = True):
    """The awards of ``user``, newest first."""
    if not getattr(user, "pk", None):
        return Award.objects.none()
    rows = Award.objects.filter(recipient_id=user.pk).select_related("badge_class", "issuer")
    return rows if include_revoked else rows.filter(revoked_at__isnull=True)


def _may_manage(user, award_obj: Award) -> bool:
    if not getattr(user, "is_authenticated", False):
        return False
    return user.pk == award_obj.recipient_id or user.is_staff or user.is_superuser


def public_award(public_id, viewer=None) -> Award:
    """The award with ``public_id``; a private award only for its recipient and staff."""
    try:
        key = public_id if isinstance(public_id, uuid.UUID) else uuid.UUID(str(public_id))
    except ValueError as error:
        raise AwardNotFound() from error
    found = (
        Award.objects.select_related("badge_class", "issuer", "recipient")
        .filter(public_id=key)
        .first()
    )
    if found is None or (not found.public and not _may_manage(viewer, found)):
        raise AwardNotFound()
    return found


def set_public(award_obj: Award, user, public: bool) -> Award:
    """The recipient (or staff) shows or hides the award on public pages."""
    if not _may_manage(user, award_obj):
        raise NotAllowed()
    Award.objects.filter(pk=award_obj.pk).update(public=bool(public))
    award_obj.public = bool(public)
    return award_obj


def verify_award(award_obj: Award) -> verification.VerificationResult:
    """Re-verify live: DI proof and VC-JWT with the published DID document, OB 2.0 JWS with the
    published CryptographicKey, recipient hash, status bit, expiry."""
    return verification.verify(award_obj)


# bulk ------------------------------------------------------------------------------------


def start_bulk_job(
    badge_class: BadgeClass,
    user_ids,
    *,
    created_by=None,
    description="",
    source=Award.SOURCE_BULK,
    rule: AwardRule | None = None,
    evidence_url="",
    evidence_narrative="",
):
    """Queue the issue of ``badge_class`` to ``user_ids`` in batches (Celery); returns the
    :class:`BulkJob` whose counters the admin shows. ``rule`` (a backfill) is recorded on
    each award."""
    from .tasks import start_bulk  # noqa: PLC0415

    ids = list(dict.fromkeys(user_ids))
    job = BulkJob.objects.create(
        badge_class=badge_class,
        created_by=created_by,
        description=description[:300],
        source=source,
        rule=rule,
        evidence_url=evidence_url,
        evidence_narrative=evidence_narrative,
        recipients=ids,
        total=len(ids),
    )
    transaction.on_commit(lambda: start_bulk.delay(job.pk))
    return job


def start_reissue_jobs(awards, *, created_by=None) -> list[BulkJob]:
    """Queue the re-signing of ``awards`` (awards or their ids; revoked ones are left out) with
    the current keys, one bulk job per badge class, in Celery batches like issuing."""
    from .tasks import start_bulk  # noqa: PLC0415

    if isinstance(awards, QuerySet):
        ids = awards.values("pk")  # a subquery: the signed documents are not loaded
    else:
        ids = [getattr(item, "pk", item) for item in awards]
    rows = Award.objects.filter(pk__in=ids, revoked_at__isnull=True).order_by("pk")
    by_class = {}
    for badge_class_id, award_id in rows.values_list("badge_class_id", "pk"):
        by_class.setdefault(badge_class_id, []).append(award_id)
    jobs = []
    for badge_class_id, award_ids in by_class.items():
        job = BulkJob.objects.create(
            badge_class_id=badge_class_id,
            created_by=created_by,
            action=BulkJob.REISSUE,
            description=ngettext(
                "Re-sign %(count)d badge with the current keys",
                "Re-sign %(count)d badges with the current keys",
                len(award_ids),
            )
            % {"count": len(award_ids)},
            source="",
            award_ids=award_ids,
            total=len(award_ids),
        )
        transaction.on_commit(lambda pk=job.pk: start_bulk.delay(pk))
        jobs.append(job)
    return jobs


# home page -------------------------------------------------------------------------------


def completion_count(since, until) -> int | None:
    """People who completed the program in ``[since, until)``: distinct recipients of awards of
    completion badge classes (``marks_completion``) issued in that window and not revoked.

    None when no completion badge class is defined: completions are then not tracked by badges
    (the program insights fall back to the counts operators enter, for "cost per completer").
    """
    if not BadgeClass.objects.filter(marks_completion=True).exists():
        return None
    return (
        Award.objects.filter(
            badge_class__marks_completion=True,
            issued_on__gte=since,
            issued_on__lt=until,
            revoked_at__isnull=True,
        )
        .values("recipient_id")
        .distinct()
        .count()
    )


def home_links(user, user_roles):
    """The "My badges" link for learners, who earn badges, and for anyone else who holds one
    (an Open edX learner outside the dxq-learners group passes a course, say); wired by
    conf.portal.home."""
    from django.urls import NoReverseMatch, reverse  # noqa: PLC0415

    if not getattr(user, "is_authenticated", False):
        return []
    if "learner" not in user_roles and not Award.objects.filter(recipient=user).exists():
        return []
    try:
        url = reverse("dxq_badges:mine")
    except NoReverseMatch:
        return []
    return [
        {
            "title": _("My badges"),
            "text": _("Your Open Badges: download, share on LinkedIn, choose what is public."),
            "url": url,
        }
    ]
