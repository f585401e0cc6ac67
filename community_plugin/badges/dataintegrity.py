"""Data Integrity proofs with the ``eddsa-rdfc-2022`` cryptosuite (W3C vc-di-eddsa).

To sign (and, the other way round, to verify):

1. the proof options (type ``DataIntegrityProof``, ``created``, ``verificationMethod``,
   ``cryptosuite``, ``proofPurpose``) get the document's ``@context`` and are canonicalised
   to RDFC-1.0 N-Quads; the document without ``proof`` is canonicalised the same way;
2. the signed bytes are SHA-256(proof options) followed by SHA-256(document): 64 bytes;
3. the Ed25519 signature is written in base58btc with the multibase prefix ``z``
   (``proofValue``).

Ed25519 signatures are deterministic, so 1EdTech's published test vector is reproduced byte
for byte (see the tests). Verification also checks the proof type, cryptosuite, purpose, the
dates, and by default that the key belongs to the issuer (the verification method's controller
part equals ``issuer.id``), so a valid signature by some other key is not enough.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable

from cryptography.exceptions import InvalidSignature
from cryptography.hazmat.primitives.asymmetric import ed25519

from . import dates
from .canon import canonical_hash
from .did import resolve_did_key
from .errors import BadgeError, VerificationError
from .keys import from_multibase_b58, multibase_b58

PROOF_TYPE = "DataIntegrityProof"
CRYPTOSUITE = "eddsa-rdfc-2022"

KeyResolver = Callable[[str], ed25519.Ed25519PublicKey]


def proof_options(
    verification_method: str,
    created: dt.datetime | str | None = None,
    proof_purpose: str = "assertionMethod",
) -> dict:
    """The proof without its value, keys in the order 1EdTech's examples use."""
    created_text = created if isinstance(created, str) else dates.stamp(dates.as_datetime(created))
    dates.parse(created_text, "created")
    return {
        "type": PROOF_TYPE,
        "created": created_text,
        "verificationMethod": verification_method,
        "cryptosuite": CRYPTOSUITE,
        "proofPurpose": proof_purpose,
    }


def hash_data(unsecured: dict, options: dict) -> bytes:
    """proofHash || documentHash, the 64 bytes that are signed."""
    configuration = {"@context": unsecured["@context"], **options}
    return canonical_hash(configuration) + canonical_hash(unsecured)


def sign(
    document: dict,
    private_key: ed25519.Ed25519PrivateKey,
    verification_method: str,
    *,
    created: dt.datetime | str | None = None,
    proof_purpose: str = "assertionMethod",
) -> dict:
    """A copy of ``document`` with an ``eddsa-rdfc-2022`` proof added as its last member."""
    if not isinstance(private_key, ed25519.Ed25519PrivateKey):
        raise BadgeError("eddsa-rdfc-2022 signs with an Ed25519 private key")
    if "proof" in document:
        raise BadgeError("the document already has a proof; proof sets are not supported")
    options = proof_options(verification_method, created, proof_purpose)
    signature = private_key.sign(hash_data(document, options))
    return {**document, "proof": {**options, "proofValue": multibase_b58(signature)}}


def verify(
    secured: dict,
    public_key: ed25519.Ed25519PublicKey | None = None,
    *,
    resolver: KeyResolver | None = None,
    expected_purpose: str = "assertionMethod",
    require_issuer_controller: bool = True,
    now: dt.datetime | str | None = None,
) -> dict:
    """Check the proof of ``secured``; return the proof, or raise :class:`VerificationError`.

    The key is ``public_key`` if given, else ``resolver(verificationMethod)``, else, for a
    did:key verification method, the key the DID itself encodes. Nothing is fetched.
    """
    if not isinstance(secured, dict):
        raise VerificationError("a secured document must be a JSON object")
    proof = secured.get("proof")
    if isinstance(proof, list):
        raise VerificationError("proof sets (several proofs) are not supported")
    if not isinstance(proof, dict):
        raise VerificationError("the document has no proof")
    if proof.get("type") != PROOF_TYPE:
        raise VerificationError(f"proof type must be {PROOF_TYPE!r}, not {proof.get('type')!r}")
    if proof.get("cryptosuite") != CRYPTOSUITE:
        raise VerificationError(
            f"cryptosuite must be {CRYPTOSUITE!r}, not {proof.get('cryptosuite')!r}"
        )
    if proof.get("proofPurpose") != expected_purpose:
        raise VerificationError(f"proofPurpose must be {expected_purpose!r}")
    method = proof.get("verificationMethod")
    if not isinstance(method, str) or not method:
        raise VerificationError("the proof has no verificationMethod")
    _check_dates(proof, dates.as_datetime(now))
    if require_issuer_controller:
        _check_controller(secured, method)
    unsecured = {key: value for key, value in secured.items() if key != "proof"}
    options = {key: value for key, value in proof.items() if key != "proofValue"}
    if "@context" in options:
        _check_proof_context(options.pop("@context"), unsecured.get("@context"))
    signature = from_multibase_b58(proof.get("proofValue"))
    if len(signature) != 64:
        raise VerificationError("an Ed25519 proofValue holds 64 bytes")
    key = _key_for(method, public_key, resolver)
    try:
        key.verify(signature, hash_data(unsecured, options))
    except InvalidSignature as error:
        raise VerificationError("the signature does not match the document") from error
    return proof


def _check_dates(proof: dict, now: dt.datetime) -> None:
    created = dates.parse(proof.get("created"), "created")
    if created > now + dt.timedelta(minutes=5):
        raise VerificationError("the proof was created in the future")
    if "expires" in proof and dates.parse(proof["expires"], "expires") <= now:
        raise VerificationError("the proof has expired")


def _check_controller(secured: dict, method: str) -> None:
    issuer = secured.get("issuer")
    issuer_id = issuer.get("id") if isinstance(issuer, dict) else issuer
    if issuer_id is None:
        return
    if method.split("#", 1)[0] != issuer_id:
        raise VerificationError(
            f"verification method {method!r} is not controlled by the issuer {issuer_id!r}"
        )


def _check_proof_context(proof_context, document_context) -> None:
    wanted = proof_context if isinstance(proof_context, list) else [proof_context]
    have = document_context if isinstance(document_context, list) else [document_context]
    if have[: len(wanted)] != wanted:
        raise VerificationError("the proof's @context does not start the document's @context")


def _key_for(method, public_key, resolver) -> ed25519.Ed25519PublicKey:
    if public_key is None and resolver is not None:
        public_key = resolver(method)
    if public_key is None and method.startswith("did:key:"):
        public_key = resolve_did_key(method)
    if public_key is None:
        raise VerificationError(f"no key given or resolvable for {method!r}")
    if isinstance(public_key, ed25519.Ed25519PrivateKey):
        public_key = public_key.public_key()
    if not isinstance(public_key, ed25519.Ed25519PublicKey):
        raise VerificationError("eddsa-rdfc-2022 verifies with an Ed25519 key")
    return public_key
