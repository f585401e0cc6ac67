"""DIDs for the issuer: did:key (self-describing) and did:web (a document on our domain).

did:key is an Ed25519 Multikey after ``did:key:``; its key is read straight from the DID.
did:web maps ``did:web:example.com:issuers:1`` to ``https://example.com/issuers/1/did.json``
(``https://example.com/.well-known/did.json`` with no path). Nothing here fetches anything:
:func:`key_from_did_document` reads a document the caller already has.
"""

from __future__ import annotations

from urllib.parse import quote, unquote

from cryptography.hazmat.primitives.asymmetric import ed25519

from .contexts import DID_V1, MULTIKEY_V1
from .errors import VerificationError
from .keys import (
    from_multikey,
    jwk_thumbprint,
    multikey,
    public_key_of,
    rsa_from_jwk,
    rsa_public_jwk,
)

JWK_V1 = "https://w3id.org/security/jwk/v1"


# did:key ----------------------------------------------------------------------------------


def did_key(public_key: ed25519.Ed25519PublicKey) -> str:
    return "did:key:" + multikey(public_key)


def did_key_method(public_key: ed25519.Ed25519PublicKey) -> str:
    """The verification method id of a did:key: ``did:key:z6Mk...#z6Mk...``."""
    return f"{did_key(public_key)}#{multikey(public_key)}"


def did_key_document(public_key: ed25519.Ed25519PublicKey) -> dict:
    did, method = did_key(public_key), did_key_method(public_key)
    return {
        "@context": [DID_V1, MULTIKEY_V1],
        "id": did,
        "verificationMethod": [_multikey_method(method, did, public_key)],
        "authentication": [method],
        "assertionMethod": [method],
        "capabilityInvocation": [method],
        "capabilityDelegation": [method],
    }


def resolve_did_key(did_or_method: str) -> ed25519.Ed25519PublicKey:
    """The Ed25519 key a did:key (or its verification method id) stands for: no lookup needed."""
    if not did_or_method.startswith("did:key:"):
        raise VerificationError(f"{did_or_method!r} is not a did:key")
    did, _, fragment = did_or_method.partition("#")
    value = did[len("did:key:") :]
    if fragment and fragment != value:
        raise VerificationError("a did:key verification method must be did:key:<key>#<key>")
    return from_multikey(value)


# did:web ----------------------------------------------------------------------------------


def did_web(host: str, *path: str, port: int | None = None) -> str:
    """``did_web("example.com", "issuers", "1")`` -> ``did:web:example.com:issuers:1``."""
    if not host or "/" in host or ":" in host:
        raise ValueError("give the bare host name; pass a port with port=")
    authority = host.lower() + (f"%3A{int(port)}" if port else "")
    return ":".join(["did:web", authority, *(quote(part, safe="") for part in path)])


def did_web_url(did: str) -> str:
    """The https URL of a did:web's DID document."""
    if not did.startswith("did:web:") or "#" in did:
        raise ValueError(f"{did!r} is not a did:web without fragment")
    authority, *path = did[len("did:web:") :].split(":")
    base = "https://" + unquote(authority)
    if not path:
        return base + "/.well-known/did.json"
    return base + "/" + "/".join(unquote(part) for part in path) + "/did.json"


def did_web_document(did: str, ed25519_key=None, rsa_key=None) -> dict:
    """The DID document to publish at :func:`did_web_url`: an Ed25519 Multikey (fragment: the
    Multikey itself, as in 1EdTech's example) and/or an RSA ``JsonWebKey`` (fragment: its
    RFC 7638 thumbprint). Both are listed under ``assertionMethod``. Give public or private keys;
    only public parts are written."""
    did_web_url(did)
    methods, contexts = [], [DID_V1]
    if ed25519_key is not None:
        public = public_key_of(ed25519_key)
        methods.append(_multikey_method(f"{did}#{multikey(public)}", did, public))
        contexts.append(MULTIKEY_V1)
    if rsa_key is not None:
        public = public_key_of(rsa_key)
        methods.append(
            {
                "id": f"{did}#{jwk_thumbprint(public)}",
                "type": "JsonWebKey",
                "controller": did,
                "publicKeyJwk": rsa_public_jwk(public),
            }
        )
        contexts.append(JWK_V1)
    if not methods:
        raise ValueError("a DID document needs at least one key")
    ids = [method["id"] for method in methods]
    return {
        "@context": contexts,
        "id": did,
        "verificationMethod": methods,
        "assertionMethod": ids,
        "authentication": ids,
    }


def key_from_did_document(document: dict, method_id: str, relationship="assertionMethod"):
    """The public key of ``method_id`` in a DID document, if the document authorises it for
    ``relationship``. Raises :class:`VerificationError` otherwise."""
    if method_id.split("#", 1)[0] != document.get("id"):
        raise VerificationError("the verification method does not belong to this DID document")
    did = document["id"]
    allowed = document.get(relationship) or []
    if method_id not in [_absolute(m if isinstance(m, str) else m.get("id"), did) for m in allowed]:
        raise VerificationError(f"{method_id!r} is not authorised for {relationship}")
    embedded = [m for m in allowed if isinstance(m, dict)]
    for method in (document.get("verificationMethod") or []) + embedded:
        if _absolute(method.get("id"), did) != method_id:
            continue
        if _absolute(method.get("controller"), did) != did:
            raise VerificationError("the verification method has another controller")
        if "publicKeyMultibase" in method:
            return from_multikey(method["publicKeyMultibase"])
        if "publicKeyJwk" in method:
            return rsa_from_jwk(method["publicKeyJwk"])
    raise VerificationError(f"no usable key for {method_id!r} in the DID document")


def _absolute(reference, did):
    """A DID URL as written in a DID document, made absolute (``#key-1`` -> ``<did>#key-1``)."""
    return (
        did + reference if isinstance(reference, str) and reference.startswith("#") else reference
    )


def _multikey_method(method_id, controller, public_key) -> dict:
    return {
        "id": method_id,
        "type": "Multikey",
        "controller": controller,
        "publicKeyMultibase": multikey(public_key),
    }
