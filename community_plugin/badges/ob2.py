"""Open Badges 2.0: hosted JSON-LD documents, hashed recipients, signed (JWS) assertions.

- :func:`profile`, :func:`badge_class`, :func:`assertion`, :func:`cryptographic_key` and
  :func:`revocation_list` build the JSON-LD documents the issuer hosts (context
  ``https://w3id.org/openbadges/v2``).
- :func:`hashed_identity` hides the recipient's email: ``sha256$`` + hex SHA-256 of the email
  followed by a salt that is random for every assertion, so the same learner's badges cannot
  be linked by their hashes. The email is trimmed and lower-cased first (how most issuers and
  backpacks compare emails); :func:`identity_matches` checks a candidate email.
- :func:`sign` / :func:`verify_signed`: a compact JWS, RS256, whose payload is the assertion
  JSON (OB 2.0 "signed" verification); the key is published as a ``CryptographicKey``.
- Revocation: a signed assertion is revoked by listing it in the issuer's ``RevocationList``;
  a hosted one by serving it with ``"revoked": true`` (:func:`revoked_copy`). :func:`is_revoked`
  reads both, including a ``revokedAssertions`` that JSON-LD compaction turned into one object.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import hmac
import json
import secrets

import jwt
from cryptography.hazmat.primitives.asymmetric import rsa

from . import dates
from .contexts import OB_V2
from .errors import BadgeError, VerificationError
from .keys import load_public_pem, public_key_of, public_pem

ALGORITHM = "RS256"
_JWS = jwt.PyJWS()


def normalise_email(email: str) -> str:
    return email.strip().lower()


def _identity_hash(identity: str, salt: str) -> str:
    return "sha256$" + hashlib.sha256((identity + salt).encode("utf-8")).hexdigest()


def hashed_identity(email: str, salt: str | None = None) -> dict:
    """An OB 2.0 ``recipient`` (IdentityObject) for ``email`` with a fresh random salt."""
    if not email or "@" not in email:
        raise BadgeError("a recipient email address is needed")
    salt = salt if salt is not None else secrets.token_hex(16)
    identity = _identity_hash(normalise_email(email), salt)
    return {"type": "email", "hashed": True, "salt": salt, "identity": identity}


def identity_matches(recipient: dict, email: str) -> bool:
    """Whether ``recipient`` (an IdentityObject) names ``email``; constant-time compare."""
    if not isinstance(recipient, dict) or recipient.get("type") != "email" or not email:
        return False
    identity = recipient.get("identity")
    if not isinstance(identity, str):
        return False
    candidates = dict.fromkeys([email, normalise_email(email)])
    if not recipient.get("hashed"):
        return any(hmac.compare_digest(identity.lower(), c.lower()) for c in candidates)
    if not identity.startswith("sha256$"):
        return False
    salt = recipient.get("salt") or ""
    return any(
        hmac.compare_digest(identity.lower(), _identity_hash(candidate, salt))
        for candidate in candidates
    )


def profile(
    issuer_id: str,
    name: str,
    url: str,
    *,
    email: str | None = None,
    description: str | None = None,
    image: str | None = None,
    public_key: str | None = None,
    revocation_list: str | None = None,
) -> dict:
    """The issuer ``Profile`` (type ``Issuer``)."""
    document = {"@context": OB_V2, "type": "Issuer", "id": issuer_id, "name": name, "url": url}
    optional = {
        "email": email,
        "description": description,
        "image": image,
        "publicKey": public_key,
        "revocationList": revocation_list,
    }
    document.update({key: value for key, value in optional.items() if value})
    return document


def badge_class(
    badge_id: str,
    name: str,
    description: str,
    image: str,
    issuer_id: str,
    *,
    criteria_url: str | None = None,
    criteria_narrative: str | None = None,
    alignments: list[dict] | None = None,
    tags: list[str] | None = None,
) -> dict:
    if not (criteria_url or criteria_narrative):
        raise BadgeError("a BadgeClass needs criteria: a URL or a narrative")
    criteria = {"id": criteria_url} if criteria_url else {}
    if criteria_narrative:
        criteria["narrative"] = criteria_narrative
    document = {
        "@context": OB_V2,
        "type": "BadgeClass",
        "id": badge_id,
        "name": name,
        "description": description,
        "image": image,
        "criteria": criteria,
        "issuer": issuer_id,
    }
    if alignments:
        document["alignment"] = alignments
    if tags:
        document["tags"] = list(tags)
    return document


def alignment(target_name: str, target_url: str, **extra: str) -> dict:
    """An AlignmentObject (``targetCode``, ``targetFramework``, ``targetDescription``...)."""
    return {"targetName": target_name, "targetUrl": target_url, **extra}


def assertion(
    assertion_id: str,
    badge_id: str,
    recipient: dict,
    *,
    issued_on: dt.datetime | str | None = None,
    signed_by: str | None = None,
    expires: dt.datetime | str | None = None,
    image: str | None = None,
    evidence: list[dict] | None = None,
    narrative: str | None = None,
) -> dict:
    """An ``Assertion``: hosted at ``assertion_id``, or signed when ``signed_by`` names the
    ``CryptographicKey`` id (use a ``urn:uuid:`` id then)."""
    verification = {"type": "signed", "creator": signed_by} if signed_by else {"type": "hosted"}
    document = {
        "@context": OB_V2,
        "type": "Assertion",
        "id": assertion_id,
        "recipient": recipient,
        "badge": badge_id,
        "verification": verification,
        "issuedOn": dates.stamp(dates.as_datetime(issued_on)),
    }
    if expires is not None:
        document["expires"] = dates.stamp(dates.as_datetime(expires))
    optional = {"image": image, "evidence": evidence, "narrative": narrative}
    document.update({key: value for key, value in optional.items() if value})
    return document


def cryptographic_key(key_id: str, owner_id: str, public_key) -> dict:
    return {
        "@context": OB_V2,
        "type": "CryptographicKey",
        "id": key_id,
        "owner": owner_id,
        "publicKeyPem": public_pem(public_key).decode("ascii"),
    }


def revocation_list(list_id: str, issuer_id: str, revoked: dict[str, str | None]) -> dict:
    """A ``RevocationList``; ``revoked`` maps assertion ids to a reason (or ``None``)."""
    entries = [
        {"id": assertion_id, **({"revocationReason": reason} if reason else {})}
        for assertion_id, reason in revoked.items()
    ]
    document = {"@context": OB_V2, "type": "RevocationList", "id": list_id, "issuer": issuer_id}
    return {**document, "revokedAssertions": entries}


def revoked_copy(hosted_assertion: dict, reason: str | None = None) -> dict:
    """What to serve at a hosted assertion's URL once it is revoked."""
    copy = {**hosted_assertion, "revoked": True}
    if reason:
        copy["revocationReason"] = reason
    return copy


def is_revoked(assertion_doc: dict, revocation_list_doc: dict | None = None) -> bool:
    if assertion_doc.get("revoked") is True:
        return True
    if not revocation_list_doc:
        return False
    entries = revocation_list_doc.get("revokedAssertions") or []
    if isinstance(entries, dict | str):  # one entry, compacted out of its list
        entries = [entries]
    wanted = {assertion_doc.get("id"), assertion_doc.get("uid")} - {None}
    for item in entries:
        ids = {item} if isinstance(item, str) else {item.get("id"), item.get("uid")}
        if ids & wanted:
            return True
    return False


def sign(assertion_doc: dict, private_key: rsa.RSAPrivateKey) -> str:
    """The compact JWS (RS256) of a signed assertion."""
    if not isinstance(private_key, rsa.RSAPrivateKey):
        raise BadgeError("OB 2.0 signing uses an RSA private key (RS256)")
    if (assertion_doc.get("verification") or {}).get("type") not in ("signed", "SignedBadge"):
        raise BadgeError("only an assertion with signed verification can be signed")
    payload = json.dumps(assertion_doc, ensure_ascii=False, separators=(",", ":"))
    return _JWS.encode(
        payload.encode("utf-8"), private_key, algorithm=ALGORITHM, headers={"typ": None}
    )


def verify_signed(
    token: str,
    public_key: rsa.RSAPublicKey,
    *,
    revocation_list_doc: dict | None = None,
    creator: str | None = None,
    now: dt.datetime | str | None = None,
) -> dict:
    """The assertion inside ``token`` if its signature, type, expiry and revocation check out
    (and, given ``creator``, if it names that key id); otherwise :class:`VerificationError`."""
    public_key = public_key_of(public_key)
    if not isinstance(public_key, rsa.RSAPublicKey):
        raise VerificationError("RS256 verifies with an RSA public key")
    try:
        payload = _JWS.decode(token, public_key, algorithms=[ALGORITHM])
        document = json.loads(payload)
    except (jwt.PyJWTError, ValueError) as error:
        raise VerificationError(f"the signed assertion does not verify: {error}") from error
    if not isinstance(document, dict) or document.get("type") != "Assertion":
        raise VerificationError("the JWS payload is not an Assertion")
    if (document.get("verification") or {}).get("type") not in ("signed", "SignedBadge"):
        raise VerificationError("the assertion does not ask for signed verification")
    if creator is not None and document["verification"].get("creator") != creator:
        raise VerificationError("the assertion names another signing key")
    expires = document.get("expires")
    if expires and dates.parse(expires, "expires") <= dates.as_datetime(now):
        raise VerificationError("the assertion has expired")
    if is_revoked(document, revocation_list_doc):
        raise VerificationError("the assertion has been revoked")
    return document


def key_of(key_doc: dict, issuer_profile: dict) -> rsa.RSAPublicKey:
    """The RSA key of a ``CryptographicKey`` once its owner is the issuer and the issuer lists
    it under ``publicKey``."""
    listed = issuer_profile.get("publicKey") or []
    listed = [listed] if isinstance(listed, str | dict) else listed
    listed_ids = {item if isinstance(item, str) else item.get("id") for item in listed}
    if key_doc.get("owner") != issuer_profile.get("id") or key_doc.get("id") not in listed_ids:
        raise VerificationError("the key is not the issuer's")
    try:
        key = load_public_pem(key_doc.get("publicKeyPem") or "")
    except ValueError as error:
        raise VerificationError("the CryptographicKey holds no readable PEM key") from error
    if not isinstance(key, rsa.RSAPublicKey):
        raise VerificationError("the issuer's key is not an RSA key")
    return key
