"""Every public URL and id of the badges app, as plain strings (no Django ``reverse()``).

Documents carry absolute ids, so each function takes the origin ``base`` (the setting
``DXQ_BADGES_BASE_URL``, e.g. ``http://127.0.0.1:8000``) and returns an absolute URL; ``urls.py``
serves exactly these paths under the prefix :data:`PREFIX`. Pure Python: both the signing side
(``issuing``) and the hosting side (views) build ids from here, so they cannot drift apart.
"""

from __future__ import annotations

from urllib.parse import quote, urlsplit

from . import did as did_module

#: Where the app is mounted (apps.py ``url_config``).
PREFIX = "/dxq/badges/"


def _join(base: str, path: str) -> str:
    return base.rstrip("/") + PREFIX + path


def _seg(value) -> str:
    return quote(str(value), safe="")


# issuers ---------------------------------------------------------------------------------


def issuer_profile(base: str, slug: str) -> str:
    """OB 2.0 issuer ``Profile``."""
    return _join(base, f"issuers/{_seg(slug)}/profile.json")


def issuer_did_document(base: str, slug: str) -> str:
    """did:web DID document (what :func:`issuer_did` resolves to)."""
    return _join(base, f"issuers/{_seg(slug)}/did.json")


def issuer_key(base: str, slug: str, key_id: str) -> str:
    """OB 2.0 ``CryptographicKey`` of one RSA key."""
    return _join(base, f"issuers/{_seg(slug)}/keys/{_seg(key_id)}.json")


def issuer_revocations(base: str, slug: str) -> str:
    """OB 2.0 ``RevocationList``."""
    return _join(base, f"issuers/{_seg(slug)}/revocations.json")


def issuer_status_list(base: str, slug: str) -> str:
    """OB 3.0 ``BitstringStatusListCredential`` (purpose revocation)."""
    return _join(base, f"issuers/{_seg(slug)}/status/revocation.json")


def issuer_did(base: str, slug: str) -> str:
    """``did:web:<host>[%3A<port>]:dxq:badges:issuers:<slug>``; resolves to
    :func:`issuer_did_document` (``did.did_web_url`` gives the https form of the same path)."""
    parts = urlsplit(base)
    return did_module.did_web(
        parts.hostname or "localhost", "dxq", "badges", "issuers", slug, port=parts.port
    )


def did_method(did: str, fragment: str) -> str:
    """A verification method id in the issuer's DID document."""
    return f"{did}#{fragment}"


# badge classes ---------------------------------------------------------------------------


def badge_class(base: str, slug: str, lang: str | None = None) -> str:
    """OB 2.0 ``BadgeClass`` and OB 3.0 ``Achievement`` id. Japanese is the default document;
    ``lang="en"`` gives the English one (``?lang=en``), which awards issued in English name."""
    url = _join(base, f"classes/{_seg(slug)}.json")
    return url + "?lang=en" if (lang or "").startswith("en") else url


def badge_class_image(base: str, slug: str) -> str:
    return _join(base, f"classes/{_seg(slug)}/image")


# awards ----------------------------------------------------------------------------------


def assertion(base: str, public_id) -> str:
    """OB 2.0 hosted ``Assertion``."""
    return _join(base, f"assertions/{_seg(public_id)}.json")


def assertion_jws(base: str, public_id) -> str:
    """OB 2.0 signed assertion (compact JWS)."""
    return _join(base, f"assertions/{_seg(public_id)}.jws")


def assertion_baked(base: str, public_id, fmt: str = "png") -> str:
    """OB 2.0 baked image, ``fmt`` ``png`` or ``svg``."""
    return _join(base, f"assertions/{_seg(public_id)}.{_fmt(fmt)}")


def credential(base: str, public_id) -> str:
    """OB 3.0 credential (JSON with Data Integrity proof); also the credential ``id``."""
    return _join(base, f"credentials/{_seg(public_id)}.json")


def credential_jwt(base: str, public_id) -> str:
    return _join(base, f"credentials/{_seg(public_id)}.jwt")


def credential_baked(base: str, public_id, fmt: str = "png") -> str:
    return _join(base, f"credentials/{_seg(public_id)}.{_fmt(fmt)}")


def verify_page(base: str, public_id) -> str:
    """Public verification page (HTML)."""
    return _join(base, f"verify/{_seg(public_id)}/")


def my_badges(base: str) -> str:
    return _join(base, "mine/")


def subject_id(public_id) -> str:
    """The learner's opaque OB 3.0 ``credentialSubject.id`` (never the email in clear)."""
    return f"urn:uuid:{public_id}"


def _fmt(fmt: str) -> str:
    if fmt not in ("png", "svg"):
        raise ValueError("baked images are png or svg")
    return fmt
