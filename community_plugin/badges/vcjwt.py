"""OpenBadgeCredential as a VC-JWT: a compact JWS (RS256), Open Badges 3.0 section 8.2.

The JWT payload is the credential itself with the registered claims added:

========  ===========================
``iss``   ``issuer.id``
``sub``   ``credentialSubject.id``
``jti``   ``id``
``nbf``   ``validFrom`` (NumericDate)
``exp``   ``validUntil`` (only if set)
========  ===========================

The JOSE header holds ``alg`` (RS256), ``typ`` (JWT) and ``kid`` (a URL or DID URL of the
public key) and/or ``jwk``; the spec allows no other header. Verification accepts the payload
form above and the older VCDM 1.1 form (credential in a ``vc`` claim), checks every mapped claim
against the credential, and refuses a credential that is not valid yet or has expired.

PyJWT does the JWS work (RS256 with ``cryptography``), as 1EdTech recommends a stable library
for it. Time checks are ours, so tests and callers can pass ``now``.
"""

from __future__ import annotations

import datetime as dt
import math
from collections.abc import Callable

import jwt
from cryptography.hazmat.primitives.asymmetric import rsa

from . import dates
from .errors import BadgeError, VerificationError
from .keys import public_key_of, rsa_public_jwk

ALGORITHM = "RS256"
CLAIMS = ("iss", "sub", "jti", "nbf", "exp")
_ALLOWED_HEADERS = {"alg", "typ", "kid", "jwk"}

HeaderResolver = Callable[[dict], rsa.RSAPublicKey]


def _numeric_date(value: str, field: str) -> int:
    return math.floor(dates.parse(value, field).timestamp())


def _issuer_id(credential: dict):
    issuer = credential.get("issuer")
    return issuer.get("id") if isinstance(issuer, dict) else issuer


def _subject_id(credential: dict):
    subject = credential.get("credentialSubject")
    return subject.get("id") if isinstance(subject, dict) else None


def claims_for(credential: dict) -> dict:
    """The registered JWT claims that stand for fields of ``credential``."""
    claims = {
        "iss": _issuer_id(credential),
        "sub": _subject_id(credential),
        "jti": credential.get("id"),
        "nbf": _numeric_date(credential.get("validFrom"), "validFrom"),
    }
    missing = [name for name, value in claims.items() if not value]
    if missing:
        raise BadgeError(f"the credential lacks what the claims {missing} need")
    if "validUntil" in credential:
        claims["exp"] = _numeric_date(credential["validUntil"], "validUntil")
    return claims


def sign(
    credential: dict,
    private_key: rsa.RSAPrivateKey,
    *,
    kid: str | None = None,
    embed_jwk: bool = False,
) -> str:
    """The compact JWS of ``credential``. Give ``kid`` (preferred) and/or ``embed_jwk``."""
    if not isinstance(private_key, rsa.RSAPrivateKey):
        raise BadgeError("RS256 signs with an RSA private key")
    if not kid and not embed_jwk:
        raise BadgeError("a VC-JWT header needs a kid or a jwk")
    clashing = [name for name in CLAIMS if name in credential]
    if clashing:
        raise BadgeError(f"the credential already has members named {clashing}")
    headers = {"typ": "JWT"}
    if kid:
        headers["kid"] = kid
    if embed_jwk:
        headers["jwk"] = rsa_public_jwk(private_key.public_key())
    payload = {**credential, **claims_for(credential)}
    return jwt.encode(payload, private_key, algorithm=ALGORITHM, headers=headers)


def unverified_header(token: str) -> dict:
    try:
        return jwt.get_unverified_header(token)
    except jwt.PyJWTError as error:
        raise VerificationError(f"not a compact JWS: {error}") from error


def verify(
    token: str,
    public_key: rsa.RSAPublicKey | None = None,
    *,
    resolver: HeaderResolver | None = None,
    now: dt.datetime | str | None = None,
    leeway: dt.timedelta = dt.timedelta(0),
) -> dict:
    """Check ``token`` and return the credential it carries, or raise
    :class:`VerificationError`.

    The key is ``public_key`` or ``resolver(header)``; a ``jwk`` in the header is never trusted
    on its own (anyone can sign with a key and ship it along): a resolver may compare it with
    the issuer's published key.
    """
    header = unverified_header(token)
    if header.get("alg") != ALGORITHM:
        raise VerificationError(f"alg must be {ALGORITHM}, not {header.get('alg')!r}")
    extra = set(header) - _ALLOWED_HEADERS
    if extra:
        raise VerificationError(f"JOSE headers not allowed by Open Badges 3.0: {sorted(extra)}")
    if header.get("typ", "JWT") != "JWT":
        raise VerificationError("typ must be JWT")
    if "d" in (header.get("jwk") or {}):
        raise VerificationError("the header's jwk is a private key")
    key = public_key if public_key is not None else resolver(header) if resolver else None
    if key is None:
        raise VerificationError("no key given or resolvable for this token")
    key = public_key_of(key)
    if not isinstance(key, rsa.RSAPublicKey):
        raise VerificationError("RS256 verifies with an RSA public key")
    try:
        payload = jwt.decode(
            token,
            key,
            algorithms=[ALGORITHM],
            options={
                "verify_exp": False,
                "verify_nbf": False,
                "verify_iat": False,
                "verify_aud": False,
                "require": ["iss", "sub", "jti", "nbf"],
            },
        )
    except jwt.PyJWTError as error:
        raise VerificationError(f"the JWS does not verify: {error}") from error
    credential = _credential_of(payload)
    _check_claims(payload, credential)
    _check_time(payload, dates.as_datetime(now), leeway)
    return credential


def _credential_of(payload: dict) -> dict:
    if "vc" in payload:  # VCDM 1.1 style, still accepted by Open Badges 3.0 verifiers
        credential = payload["vc"]
        if not isinstance(credential, dict):
            raise VerificationError("the vc claim is not a credential")
        return dict(credential)
    return {key: value for key, value in payload.items() if key not in (*CLAIMS, "iat")}


def _check_claims(payload: dict, credential: dict) -> None:
    for claim in ("nbf", "exp"):
        value = payload.get(claim, 0)
        if isinstance(value, bool) or not isinstance(value, int | float):
            raise VerificationError(f"claim {claim} must be a NumericDate")
    expected = {
        "iss": _issuer_id(credential),
        "sub": _subject_id(credential),
        "jti": credential.get("id"),
    }
    for claim, value in expected.items():
        if payload.get(claim) != value:
            raise VerificationError(f"claim {claim} does not match the credential")
    valid_from = credential.get("validFrom", credential.get("issuanceDate"))
    if math.floor(payload["nbf"]) != _numeric_date(valid_from, "validFrom"):
        raise VerificationError("claim nbf does not match the credential's validFrom")
    valid_until = credential.get("validUntil", credential.get("expirationDate"))
    if "exp" in payload:
        if valid_until is None:
            credential["validUntil"] = dates.stamp(
                dt.datetime.fromtimestamp(payload["exp"], dt.UTC)
            )
        elif math.floor(payload["exp"]) != _numeric_date(valid_until, "validUntil"):
            raise VerificationError("claim exp does not match the credential's validUntil")
    elif valid_until is not None:
        raise VerificationError("the credential has validUntil but the token has no exp")


def _check_time(payload: dict, now: dt.datetime, leeway: dt.timedelta) -> None:
    instant = now.timestamp()
    slack = leeway.total_seconds()
    if instant + slack < payload["nbf"]:
        raise VerificationError("the credential is not valid yet (nbf is in the future)")
    exp = payload.get("exp")
    if exp is not None and instant - slack >= exp:
        raise VerificationError("the credential has expired (exp has passed)")
