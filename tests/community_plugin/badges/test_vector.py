"""1EdTech's eddsa-rdfc-2022 test vector (Open Badges 3.0 implementation guide), byte for byte,
and the verifier refusing every kind of tampering."""

import copy
import hashlib
import json

import pytest
from cryptography.hazmat.primitives import serialization

from community_plugin.badges import canon, dataintegrity, did, keys
from community_plugin.badges.errors import BadgeError, VerificationError
from tests.community_plugin.badges.support import (
    VECTOR_CREATED,
    VECTOR_DOCUMENT_HASH,
    VECTOR_METHOD,
    VECTOR_MULTIKEY,
    VECTOR_PROOF_HASH,
    VECTOR_PROOF_VALUE,
    VECTOR_PUBLIC,
    vector_json,
    vector_text,
)


def proof_configuration():
    options = dataintegrity.proof_options(VECTOR_METHOD, VECTOR_CREATED)
    return {"@context": vector_json("vector_credential.json")["@context"], **options}


def signed(key):
    return dataintegrity.sign(
        vector_json("vector_credential.json"), key, VECTOR_METHOD, created=VECTOR_CREATED
    )


def test_the_vector_key_is_the_published_multikey(vector_key):
    public = vector_key.public_key()
    raw = public.public_bytes(serialization.Encoding.Raw, serialization.PublicFormat.Raw)
    assert raw.hex() == VECTOR_PUBLIC
    assert keys.multikey(public) == VECTOR_MULTIKEY
    assert keys.multikey(keys.from_multikey(VECTOR_MULTIKEY)) == VECTOR_MULTIKEY


def test_document_canonical_form_is_byte_for_byte_the_published_one():
    nquads = canon.canonize(vector_json("vector_credential.json"))
    assert nquads.encode("utf-8") == vector_text("vector_document-canon.txt").encode("utf-8")
    assert hashlib.sha256(nquads.encode()).hexdigest() == VECTOR_DOCUMENT_HASH


def test_proof_canonical_form_is_byte_for_byte_the_published_one():
    nquads = canon.canonize(proof_configuration())
    assert nquads.encode("utf-8") == vector_text("vector_proof-canon.txt").encode("utf-8")
    assert hashlib.sha256(nquads.encode()).hexdigest() == VECTOR_PROOF_HASH


def test_signed_data_is_proof_hash_then_document_hash():
    document = vector_json("vector_credential.json")
    options = dataintegrity.proof_options(VECTOR_METHOD, VECTOR_CREATED)
    data = dataintegrity.hash_data(document, options)
    assert data.hex() == VECTOR_PROOF_HASH + VECTOR_DOCUMENT_HASH


def test_proof_value_and_whole_signed_credential_match(vector_key):
    result = signed(vector_key)
    assert result["proof"]["proofValue"] == VECTOR_PROOF_VALUE
    assert result == vector_json("vector_signed_expected.json")
    # Same members in the same order: the serialisation equals the published file exactly.
    assert json.dumps(result, indent=2) == vector_text("vector_signed_expected.json")


def test_signing_does_not_change_the_input(vector_key):
    document = vector_json("vector_credential.json")
    before = copy.deepcopy(document)
    dataintegrity.sign(document, vector_key, VECTOR_METHOD, created=VECTOR_CREATED)
    assert document == before


def test_verify_accepts_the_published_credential(vector_key):
    published = vector_json("vector_signed_expected.json")
    proof = dataintegrity.verify(published, vector_key.public_key())
    assert proof["proofValue"] == VECTOR_PROOF_VALUE


def test_verify_with_a_resolver_gets_the_method_id(vector_key):
    asked = []

    def resolver(method):
        asked.append(method)
        return keys.from_multikey(method.split("#")[1])

    dataintegrity.verify(vector_json("vector_signed_expected.json"), resolver=resolver)
    assert asked == [VECTOR_METHOD]


@pytest.mark.parametrize(
    ("path", "value"),
    [
        (("name",), "Teamwork Badge!"),
        (("validFrom",), "2010-01-01T00:00:01Z"),
        (("credentialSubject", "id"), "did:example:someone-else"),
        (("credentialSubject", "achievement", "criteria", "narrative"), "Anyone."),
        (("issuer", "name"), "Evil Corp"),
    ],
)
def test_verify_rejects_a_tampered_field(vector_key, path, value):
    document = vector_json("vector_signed_expected.json")
    target = document
    for key in path[:-1]:
        target = target[key]
    target[path[-1]] = value
    with pytest.raises(VerificationError, match="signature does not match"):
        dataintegrity.verify(document, vector_key.public_key())


def test_verify_rejects_an_added_field(vector_key):
    document = vector_json("vector_signed_expected.json")
    document["description"] = "added after signing"
    with pytest.raises(VerificationError, match="signature does not match"):
        dataintegrity.verify(document, vector_key.public_key())


def test_verify_rejects_a_tampered_proof_value(vector_key):
    document = vector_json("vector_signed_expected.json")
    value = document["proof"]["proofValue"]
    document["proof"]["proofValue"] = value[:-1] + ("s" if value[-1] != "s" else "t")
    with pytest.raises(VerificationError, match="signature does not match"):
        dataintegrity.verify(document, vector_key.public_key())


@pytest.mark.parametrize("value", ["x5x9aCBY", "z", "z" + "1" * 10, 12])
def test_verify_rejects_a_malformed_proof_value(vector_key, value):
    document = vector_json("vector_signed_expected.json")
    document["proof"]["proofValue"] = value
    with pytest.raises(VerificationError):
        dataintegrity.verify(document, vector_key.public_key())


def test_verify_rejects_a_tampered_proof_option(vector_key):
    document = vector_json("vector_signed_expected.json")
    document["proof"]["created"] = "2010-01-01T19:23:25Z"
    with pytest.raises(VerificationError, match="signature does not match"):
        dataintegrity.verify(document, vector_key.public_key())


def test_verify_rejects_a_wrong_key():
    other = keys.generate_ed25519().public_key()
    with pytest.raises(VerificationError, match="signature does not match"):
        dataintegrity.verify(vector_json("vector_signed_expected.json"), other)


def test_verify_rejects_an_rsa_key(rsa_key):
    with pytest.raises(VerificationError, match="Ed25519"):
        dataintegrity.verify(vector_json("vector_signed_expected.json"), rsa_key.public_key())


@pytest.mark.parametrize("suite", ["eddsa-2022", "ecdsa-rdfc-2019", "eddsa-jcs-2022", None])
def test_verify_rejects_a_wrong_cryptosuite(vector_key, suite):
    document = vector_json("vector_signed_expected.json")
    document["proof"]["cryptosuite"] = suite
    with pytest.raises(VerificationError, match="cryptosuite"):
        dataintegrity.verify(document, vector_key.public_key())


def test_verify_rejects_a_wrong_proof_type_or_purpose(vector_key):
    document = vector_json("vector_signed_expected.json")
    document["proof"]["type"] = "Ed25519Signature2020"
    with pytest.raises(VerificationError, match="proof type"):
        dataintegrity.verify(document, vector_key.public_key())
    document = vector_json("vector_signed_expected.json")
    document["proof"]["proofPurpose"] = "authentication"
    with pytest.raises(VerificationError, match="proofPurpose"):
        dataintegrity.verify(document, vector_key.public_key())


def test_verify_rejects_a_key_the_issuer_does_not_control(vector_key):
    document = vector_json("vector_signed_expected.json")
    document["issuer"]["id"] = "https://example.org/someone-else"
    with pytest.raises(VerificationError, match="not controlled by the issuer"):
        dataintegrity.verify(document, vector_key.public_key())


def test_verify_rejects_missing_proof_and_proof_sets(vector_key):
    document = vector_json("vector_credential.json")
    with pytest.raises(VerificationError, match="no proof"):
        dataintegrity.verify(document, vector_key.public_key())
    document["proof"] = [vector_json("vector_signed_expected.json")["proof"]] * 2
    with pytest.raises(VerificationError, match="proof sets"):
        dataintegrity.verify(document, vector_key.public_key())


def test_verify_rejects_a_proof_from_the_future_or_expired(vector_key):
    document = signed(vector_key)
    with pytest.raises(VerificationError, match="future"):
        dataintegrity.verify(document, vector_key.public_key(), now="2009-12-31T00:00:00Z")
    document["proof"]["expires"] = "2011-01-01T00:00:00Z"
    with pytest.raises(VerificationError, match="expired"):
        dataintegrity.verify(document, vector_key.public_key())


def test_verify_needs_a_key_for_a_non_did_key_method():
    with pytest.raises(VerificationError, match="no key"):
        dataintegrity.verify(vector_json("vector_signed_expected.json"))


def test_sign_refuses_a_second_proof_and_a_wrong_key_type(vector_key, rsa_key):
    with pytest.raises(BadgeError, match="already has a proof"):
        dataintegrity.sign(vector_json("vector_signed_expected.json"), vector_key, VECTOR_METHOD)
    with pytest.raises(BadgeError, match="Ed25519"):
        dataintegrity.sign(vector_json("vector_credential.json"), rsa_key, VECTOR_METHOD)


def test_did_key_issuer_verifies_without_being_given_a_key():
    key = keys.generate_ed25519()
    document = vector_json("vector_credential.json")
    document["issuer"]["id"] = did.did_key(key.public_key())
    result = dataintegrity.sign(document, key, did.did_key_method(key.public_key()))
    assert dataintegrity.verify(result)["verificationMethod"].startswith("did:key:z6Mk")
    # A did:key method naming another key is refused, even with a valid-looking signature.
    impostor = keys.generate_ed25519()
    forged = dataintegrity.sign(document, impostor, did.did_key_method(key.public_key()))
    with pytest.raises(VerificationError, match="signature does not match"):
        dataintegrity.verify(forged)
