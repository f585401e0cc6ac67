"""Issuer keys at rest: generation, encryption with ``DXQ_BADGES_KEY_PASSPHRASE``, rotation.

Private keys are stored as encrypted PKCS#8 PEM (``cryptography``'s best available
encryption: PBES2 with AES-256). The passphrase is the setting ``DXQ_BADGES_KEY_PASSPHRASE``
or, when empty, one derived from ``SECRET_KEY``. Decrypted keys are cached in the process
(by row and ciphertext), so signing many awards decrypts once.

Key ids are what the DID document uses as fragments: the Ed25519 Multikey (``z6Mk...``) and the
RSA key's RFC 7638 thumbprint. Rotation retires the active key of a kind (``retired_at``) and
makes a new one; retired keys stay published (DID document, ``CryptographicKey``) so awards
signed with them keep verifying.
"""

from __future__ import annotations

import hashlib
import threading

from django.conf import settings
from django.db import transaction
from django.utils import timezone

from . import keys
from .models import ED25519, RSA, Issuer, IssuerKey

_cache: dict[tuple[str, str], object] = {}
_lock = threading.Lock()


def passphrase() -> bytes:
    configured = getattr(settings, "DXQ_BADGES_KEY_PASSPHRASE", "") or ""
    if configured:
        return configured.encode("utf-8")
    derived = hashlib.sha256(b"dxq-badges-keys:" + settings.SECRET_KEY.encode("utf-8"))
    return derived.hexdigest().encode("ascii")


def encrypt_private_key(private_key) -> str:
    return keys.private_pem(private_key, passphrase()).decode("ascii")


def decrypt_private_key(encrypted_pem: str):
    digest = hashlib.sha256(encrypted_pem.encode("ascii")).hexdigest()
    cache_key = (digest, hashlib.sha256(passphrase()).hexdigest())
    with _lock:
        if cache_key in _cache:
            return _cache[cache_key]
    key = keys.load_private_pem(encrypted_pem.encode("ascii"), passphrase())
    with _lock:
        _cache[cache_key] = key
    return key


def key_id_of(kind: str, private_key) -> str:
    public = private_key.public_key()
    return keys.multikey(public) if kind == ED25519 else keys.jwk_thumbprint(public)


def _generate(kind: str):
    return keys.generate_ed25519() if kind == ED25519 else keys.generate_rsa()


def add_key(issuer: Issuer, kind: str, private_key=None) -> IssuerKey:
    """Store ``private_key`` (a new one by default) as an active key of ``issuer``."""
    private_key = private_key or _generate(kind)
    return IssuerKey.objects.create(
        issuer=issuer,
        kind=kind,
        key_id=key_id_of(kind, private_key),
        public_pem=keys.public_pem(private_key).decode("ascii"),
        private_pem_encrypted=encrypt_private_key(private_key),
    )


def ensure_keys(issuer: Issuer) -> list[IssuerKey]:
    """Give ``issuer`` an active Ed25519 and RSA key where it has none; returns the new ones."""
    created = []
    with transaction.atomic():
        Issuer.objects.select_for_update().filter(pk=issuer.pk).first()
        for kind in (ED25519, RSA):
            if issuer.active_key(kind) is None:
                created.append(add_key(issuer, kind))
    from .issuing import ensure_status_counter  # noqa: PLC0415

    ensure_status_counter(issuer)
    return created


def rotate(issuer: Issuer, kinds=(ED25519, RSA)) -> list[IssuerKey]:
    """Retire the active key(s) of ``kinds`` and make new ones. Retired keys stay published."""
    created = []
    now = timezone.now()
    with transaction.atomic():
        Issuer.objects.select_for_update().filter(pk=issuer.pk).first()
        for kind in kinds:
            issuer.keys.filter(kind=kind, retired_at__isnull=True).update(retired_at=now)
            created.append(add_key(issuer, kind))
    return created


def published_keys(issuer: Issuer, kind: str | None = None):
    """Every key of ``issuer`` that documents list: active and retired (oldest first)."""
    found = issuer.keys.all().order_by("created", "pk")
    return found.filter(kind=kind) if kind else found


def find_key(issuer: Issuer, kind: str, key_id: str) -> IssuerKey | None:
    return issuer.keys.filter(kind=kind, key_id=key_id).first()
