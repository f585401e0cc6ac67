"""Open Badges 3.0 side documents of an issuer: the did:web DID document and the signed
Bitstring Status List credential.

The DID document lists every key ever published (active and retired) under
``assertionMethod``: awards signed before a rotation keep verifying. The status-list credential
is rebuilt from the revoked awards, signed with the active Ed25519 key and cached
(:func:`status_list_credential`); revoking an award clears the cache, so the change is public
at once.
"""

from __future__ import annotations

from django.conf import settings
from django.core.cache import cache
from django.db.models import Count, Max
from django.utils import timezone

from . import dataintegrity, did, links, statuslist
from . import keys as keys_module
from .errors import VerificationError
from .models import ED25519, RSA, Award, Issuer, IssuerKey, base_url


def did_document(issuer: Issuer) -> dict:
    """The DID document served at ``links.issuer_did_document``: all keys, oldest first.
    With the did:key option: the did:key document of the active Ed25519 key."""
    if issuer.did_method == Issuer.DID_KEY:
        key = issuer.active_key(ED25519)
        if key is None:
            return {"@context": [did.DID_V1], "id": ""}
        return did.did_key_document(key.public_key())
    subject = issuer.did
    document = None
    for key in issuer.keys.all().order_by("created", "pk"):
        kwargs = {"ed25519_key": key.public_key()} if key.kind == ED25519 else {}
        if key.kind == RSA:
            kwargs = {"rsa_key": key.public_key()}
        part = did.did_web_document(subject, **kwargs)
        if document is None:
            document = part
            continue
        for context in part["@context"]:
            if context not in document["@context"]:
                document["@context"].append(context)
        document["verificationMethod"].extend(part["verificationMethod"])
        for relation in ("assertionMethod", "authentication"):
            document[relation].extend(part[relation])
    if document is None:
        return {"@context": [did.DID_V1], "id": subject}
    return document


def resolver(issuer: Issuer):
    """``method id -> public key`` for ``issuer``, as a remote verifier resolves it: from the
    published did:web document; a did:key from the DID itself (and only if it is one of the
    issuer's published Ed25519 keys); an RSA ``CryptographicKey`` URL from the issuer's keys."""
    published = list(issuer.keys.all())
    document = None

    def resolve(method_id: str):
        nonlocal document
        if method_id.startswith("did:key:"):
            key = did.resolve_did_key(method_id)
            if keys_module.multikey(key) not in {k.key_id for k in published if k.kind == ED25519}:
                raise VerificationError("the did:key is not one of the issuer's keys")
            return key
        if method_id.startswith(("http://", "https://")):
            for key in published:
                if key.kind == RSA and key.url == method_id:
                    return key.public_key()
            raise VerificationError("the key URL is not one of the issuer's keys")
        if document is None:
            document = did_document(issuer)
        return did.key_from_did_document(document, method_id)

    return resolve


def status_list_size() -> int:
    return int(getattr(settings, "DXQ_BADGES_STATUS_LIST_SIZE", statuslist.MIN_BITS))


def _cache_key(issuer_id: int) -> str:
    """The cache key of an issuer's status list *as the database stands now*.

    It names the revoked awards (how many, the latest revocation) and the signing key, read
    with one small query per fetch. So a revocation made anywhere (another web process with
    its own local-memory cache, a Celery worker, the admin) gives the next fetch a key that
    was never cached, and a list built from data read just before a revocation, stored after
    it, sits under the old key where nobody looks again. Deleting the key on revocation
    (:func:`invalidate_status_list`) only frees memory sooner."""
    revoked = Award.objects.filter(issuer_id=issuer_id, revoked_at__isnull=False).aggregate(
        count=Count("pk"), latest=Max("revoked_at"), last=Max("pk")
    )
    signing = (
        IssuerKey.objects.filter(issuer_id=issuer_id, kind=ED25519, retired_at__isnull=True)
        .order_by("-created", "-pk")
        .values_list("pk", flat=True)
        .first()
    )
    latest = revoked["latest"].timestamp() if revoked["latest"] else 0
    return (
        f"dxq_badges:status_list:{issuer_id}:{revoked['count']}:{revoked['last'] or 0}:"
        f"{latest}:{signing or 0}:{status_list_size()}"
    )


def _base_key(issuer_id: int) -> str:
    return f"dxq_badges:status_list:{issuer_id}:current"


def build_status_list_credential(issuer: Issuer) -> dict:
    """A freshly signed status-list credential with a bit set for each revoked award."""
    bits = statuslist.StatusList(status_list_size())
    revoked = Award.objects.filter(issuer=issuer, revoked_at__isnull=False)
    for index in revoked.values_list("status_index", flat=True):
        bits.set(index)
    list_url = links.issuer_status_list(base_url(), issuer.slug)
    credential = statuslist.list_credential(
        list_url,
        issuer.did,
        bits,
        valid_from=_stamp(timezone.now()),
    )
    key = issuer.active_key(ED25519)
    if key is None:
        return credential
    return dataintegrity.sign(credential, key.private_key(), key.method_id)


def status_list_credential(issuer: Issuer) -> dict:
    """The signed status-list credential, cached until the next revocation."""
    key = _cache_key(issuer.pk)
    cached = cache.get(key)
    if cached is not None:
        return cached
    credential = build_status_list_credential(issuer)
    timeout = int(getattr(settings, "DXQ_BADGES_STATUS_CACHE_SECONDS", 300))
    cache.set(key, credential, timeout)
    previous = cache.get(_base_key(issuer.pk))
    if previous and previous != key:
        cache.delete(previous)  # an older state's list: never read again
    cache.set(_base_key(issuer.pk), key, timeout)
    return credential


def invalidate_status_list(issuer_id: int) -> None:
    """Drop the cached list of ``issuer_id`` (correctness does not depend on it: see
    :func:`_cache_key`)."""
    previous = cache.get(_base_key(issuer_id))
    if previous:
        cache.delete(previous)
    cache.delete(_base_key(issuer_id))


def _stamp(moment) -> str:
    from . import dates  # noqa: PLC0415

    return dates.stamp(moment)
