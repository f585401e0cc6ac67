"""Key serialisation, Multikey, JWK, did:key and did:web."""

import pytest
from cryptography.hazmat.primitives.asymmetric import ed25519, rsa

from community_plugin.badges import contexts, did, keys
from community_plugin.badges.errors import VerificationError
from tests.community_plugin.badges.support import VECTOR_MULTIKEY


def test_pem_round_trip_with_and_without_password(rsa_key):
    ed = keys.generate_ed25519()
    for key in (ed, rsa_key):
        plain = keys.private_pem(key)
        assert plain.startswith(b"-----BEGIN PRIVATE KEY-----")
        assert keys.public_pem(keys.load_private_pem(plain)) == keys.public_pem(key)
        locked = keys.private_pem(key, password=b"s3cret")
        assert b"ENCRYPTED" in locked
        assert keys.public_pem(keys.load_private_pem(locked, b"s3cret")) == keys.public_pem(key)
        with pytest.raises(ValueError, match="(?i)password|decrypt"):
            keys.load_private_pem(locked, b"wrong")
        public = keys.load_public_pem(keys.public_pem(key).decode())
        assert keys.public_pem(public) == keys.public_pem(key)


def test_short_rsa_keys_are_refused():
    with pytest.raises(ValueError, match="2048"):
        keys.generate_rsa(1024)


def test_multikey_round_trip_and_prefix():
    public = keys.generate_ed25519().public_key()
    encoded = keys.multikey(public)
    assert encoded.startswith("z6Mk")
    assert keys.multikey(keys.from_multikey(encoded)) == encoded


@pytest.mark.parametrize(
    "value",
    [
        "u" + VECTOR_MULTIKEY[1:],  # wrong multibase
        "z" + "2" * 40,  # not the ed25519-pub multicodec
        VECTOR_MULTIKEY[:-3],  # too short
        "z0OIl",  # not base58
    ],
)
def test_bad_multikeys_are_refused(value):
    with pytest.raises(VerificationError):
        keys.from_multikey(value)


def test_rsa_jwk_round_trip_and_thumbprint(rsa_key):
    jwk = keys.rsa_public_jwk(rsa_key.public_key())
    assert set(jwk) == {"kty", "n", "e"}
    assert jwk["e"] == "AQAB"
    again = keys.rsa_from_jwk(jwk)
    assert again.public_numbers() == rsa_key.public_key().public_numbers()
    thumb = keys.jwk_thumbprint(rsa_key.public_key())
    assert len(thumb) == 43
    assert "=" not in thumb
    with pytest.raises(VerificationError):
        keys.rsa_from_jwk({**jwk, "d": "private"})


def test_rfc7638_thumbprint_example():
    """RFC 7638 section 3.1: the published key gives the published thumbprint."""
    n = (
        "0vx7agoebGcQSuuPiLJXZptN9nndrQmbXEps2aiAFbWhM78LhWx4cbbfAAtVT86zwu1RK7aPFFxuhDR1L6tSoc_"
        "BJECPebWKRXjBZCiFV4n3oknjhMstn64tZ_2W-5JsGY4Hc5n9yBXArwl93lqt7_RN5w6Cf0h4QyQ5v-65YGjQR0"
        "_FDW2QvzqY368QQMicAtaSqzs8KJZgnYb9c7d0zgdAZHzu6qMQvRL5hajrn1n91CbOpbISD08qNLyrdkt-bFTWh"
        "AI4vMQFh6WeZu0fM4lFd2NcRwr3XPksINHaQ-G_xBniIqbw0Ls1jF44-csFCur-kEgU8awapJzKnqDKgw"
    )
    public = keys.rsa_from_jwk({"kty": "RSA", "n": n, "e": "AQAB"})
    assert keys.jwk_thumbprint(public) == "NzbLsXh8uDCcd-6MNwXF4W_7noWXFZAfHkxZsRGC9Xs"


def test_did_key_document_and_resolution():
    public = keys.generate_ed25519().public_key()
    did_key = did.did_key(public)
    method = did.did_key_method(public)
    assert method == f"{did_key}#{did_key[len('did:key:') :]}"
    document = did.did_key_document(public)
    assert document["@context"] == [contexts.DID_V1, contexts.MULTIKEY_V1]
    assert document["assertionMethod"] == [method]
    resolved = did.resolve_did_key(method)
    assert keys.multikey(resolved) == keys.multikey(public)
    assert isinstance(did.key_from_did_document(document, method), ed25519.Ed25519PublicKey)
    with pytest.raises(VerificationError):
        did.resolve_did_key(f"{did_key}#{VECTOR_MULTIKEY}")
    with pytest.raises(VerificationError):
        did.resolve_did_key("did:web:example.com#key-1")


@pytest.mark.parametrize(
    ("args", "kwargs", "expected_did", "expected_url"),
    [
        (("example.com",), {}, "did:web:example.com", "https://example.com/.well-known/did.json"),
        (
            ("lms.example.jp", "dxq", "issuers", "1"),
            {},
            "did:web:lms.example.jp:dxq:issuers:1",
            "https://lms.example.jp/dxq/issuers/1/did.json",
        ),
        (
            ("localhost",),
            {"port": 8000},
            "did:web:localhost%3A8000",
            "https://localhost:8000/.well-known/did.json",
        ),
    ],
)
def test_did_web_names_and_urls(args, kwargs, expected_did, expected_url):
    name = did.did_web(*args, **kwargs)
    assert name == expected_did
    assert did.did_web_url(name) == expected_url


@pytest.mark.parametrize("host", ["", "example.com/x", "example.com:80"])
def test_did_web_refuses_a_host_with_path_or_port(host):
    with pytest.raises(ValueError, match="bare host"):
        did.did_web(host)


def test_did_web_document_authorises_both_keys(rsa_key):
    ed = keys.generate_ed25519()
    name = did.did_web("badges.example.jp")
    document = did.did_web_document(name, ed, rsa_key)
    assert document["id"] == name
    ed_method, rsa_method = (method["id"] for method in document["verificationMethod"])
    assert ed_method == f"{name}#{keys.multikey(ed.public_key())}"
    assert rsa_method == f"{name}#{keys.jwk_thumbprint(rsa_key.public_key())}"
    assert "d" not in document["verificationMethod"][1]["publicKeyJwk"]
    assert b"PRIVATE" not in repr(document).encode()
    found = did.key_from_did_document(document, ed_method)
    assert keys.multikey(found) == keys.multikey(ed.public_key())
    assert isinstance(did.key_from_did_document(document, rsa_method), rsa.RSAPublicKey)


def test_key_from_did_document_checks_relationship_and_controller():
    ed = keys.generate_ed25519()
    name = did.did_web("badges.example.jp")
    document = did.did_web_document(name, ed)
    method = document["verificationMethod"][0]["id"]
    with pytest.raises(VerificationError, match="not authorised"):
        did.key_from_did_document(document, method, relationship="keyAgreement")
    with pytest.raises(VerificationError, match="does not belong"):
        did.key_from_did_document(document, "did:web:other.example#" + method.split("#")[1])
    document["verificationMethod"][0]["controller"] = "did:web:attacker.example"
    with pytest.raises(VerificationError, match="another controller"):
        did.key_from_did_document(document, method)


def test_relative_method_references_are_understood():
    ed = keys.generate_ed25519()
    name = did.did_web("badges.example.jp")
    document = {
        "id": name,
        "verificationMethod": [
            {
                "id": "#key-1",
                "type": "Multikey",
                "controller": name,
                "publicKeyMultibase": keys.multikey(ed.public_key()),
            }
        ],
        "assertionMethod": ["#key-1"],
    }
    found = did.key_from_did_document(document, f"{name}#key-1")
    assert keys.multikey(found) == keys.multikey(ed.public_key())
