"""Issuer keys: Ed25519 (Data Integrity) and RSA (JWS/JWT), Multikey and JWK encodings.

Keys are ``cryptography`` objects. They are stored as PKCS#8 / SubjectPublicKeyInfo PEM
(:func:`private_pem`, :func:`load_private_pem`); private keys may be encrypted with a password.

Multikey (W3C Controlled Identifiers): an Ed25519 public key is the multicodec prefix
``0xed 0x01`` followed by the 32 key bytes, written in base58btc with the multibase prefix
``z`` (so every one starts ``z6Mk``). RSA public keys are also written as JWK (RFC 7517) with
an RFC 7638 thumbprint. DIDs built on these keys: :mod:`.did`.
"""

from __future__ import annotations

import base64
import hashlib
import json

import base58
from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric import ed25519, rsa

from .errors import VerificationError

ED25519_PUB_PREFIX = b"\xed\x01"


def generate_ed25519() -> ed25519.Ed25519PrivateKey:
    return ed25519.Ed25519PrivateKey.generate()


def generate_rsa(bits: int = 2048) -> rsa.RSAPrivateKey:
    if bits < 2048:
        raise ValueError("RSA keys shorter than 2048 bits are not accepted")
    return rsa.generate_private_key(public_exponent=65537, key_size=bits)


def ed25519_from_seed(seed: bytes | str) -> ed25519.Ed25519PrivateKey:
    """The Ed25519 key with this 32-byte secret (bytes or hex), e.g. a published test key."""
    raw = bytes.fromhex(seed) if isinstance(seed, str) else seed
    return ed25519.Ed25519PrivateKey.from_private_bytes(raw)


def private_pem(key, password: bytes | None = None) -> bytes:
    encryption = (
        serialization.BestAvailableEncryption(password)
        if password
        else serialization.NoEncryption()
    )
    return key.private_bytes(
        serialization.Encoding.PEM, serialization.PrivateFormat.PKCS8, encryption
    )


def public_pem(key) -> bytes:
    public = key.public_key() if hasattr(key, "public_key") else key
    return public.public_bytes(
        serialization.Encoding.PEM, serialization.PublicFormat.SubjectPublicKeyInfo
    )


def load_private_pem(data: bytes, password: bytes | None = None):
    return serialization.load_pem_private_key(data, password=password)


def load_public_pem(data: bytes | str):
    return serialization.load_pem_public_key(data.encode() if isinstance(data, str) else data)


# Multikey ---------------------------------------------------------------------------------


def multibase_b58(data: bytes) -> str:
    return "z" + base58.b58encode(data).decode("ascii")


def from_multibase_b58(value: str) -> bytes:
    if not isinstance(value, str) or not value.startswith("z"):
        raise VerificationError("not a base58btc multibase value (it must start with 'z')")
    try:
        return base58.b58decode(value[1:])
    except ValueError as error:
        raise VerificationError("invalid base58btc") from error


def multikey(public_key: ed25519.Ed25519PublicKey) -> str:
    """The Multikey ``publicKeyMultibase`` of an Ed25519 public key (``z6Mk...``)."""
    raw = public_key.public_bytes(serialization.Encoding.Raw, serialization.PublicFormat.Raw)
    return multibase_b58(ED25519_PUB_PREFIX + raw)


def from_multikey(value: str) -> ed25519.Ed25519PublicKey:
    data = from_multibase_b58(value)
    if not data.startswith(ED25519_PUB_PREFIX) or len(data) != 34:
        raise VerificationError("not an Ed25519 Multikey (multicodec 0xed01, 32 bytes)")
    return ed25519.Ed25519PublicKey.from_public_bytes(data[2:])


# JWK (RSA) ---


def jwk_thumbprint(public_key: rsa.RSAPublicKey) -> str:
    """RFC 7638 SHA-256 thumbprint of an RSA public key (base64url, no padding)."""
    jwk = rsa_public_jwk(public_key)
    canonical = json.dumps({k: jwk[k] for k in ("e", "kty", "n")}, separators=(",", ":"))
    return _b64url(hashlib.sha256(canonical.encode()).digest())


def rsa_public_jwk(public_key: rsa.RSAPublicKey) -> dict:
    numbers = public_key.public_numbers()
    return {"kty": "RSA", "n": _b64url_int(numbers.n), "e": _b64url_int(numbers.e)}


def rsa_from_jwk(jwk: dict) -> rsa.RSAPublicKey:
    if jwk.get("kty") != "RSA" or "d" in jwk:
        raise VerificationError("expected a public RSA JWK")
    n, e = (int.from_bytes(_b64url_decode(jwk[k]), "big") for k in ("n", "e"))
    return rsa.RSAPublicNumbers(e, n).public_key()


# helpers ----------------------------------------------------------------------------------


def public_key_of(key):
    return key.public_key() if hasattr(key, "public_key") else key


def _b64url(data: bytes) -> str:
    return base64.urlsafe_b64encode(data).rstrip(b"=").decode("ascii")


def _b64url_int(value: int) -> str:
    return _b64url(value.to_bytes(max(1, (value.bit_length() + 7) // 8), "big"))


def _b64url_decode(value: str) -> bytes:
    return base64.urlsafe_b64decode(value + "=" * (-len(value) % 4))
