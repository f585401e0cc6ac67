"""Open Badges 2.0: hashed recipients, hosted documents, signed assertions, revocation."""

import base64
import hashlib
import json

import pytest

from community_plugin.badges import canon, contexts, ob2
from community_plugin.badges.errors import BadgeError, VerificationError

ISSUER = "https://badges.example.jp/issuer"
KEY_ID = "https://badges.example.jp/issuer/keys/1"
BADGE = "https://badges.example.jp/badges/data-literacy"


def signed_assertion(email="Sakura.Takahashi@Example.JP", **options):
    return ob2.assertion(
        "urn:uuid:8f7b3c1a-0a0e-4a8e-9f3e-5a1c2b3d4e5f",
        BADGE,
        ob2.hashed_identity(email),
        issued_on="2026-04-01T09:00:00Z",
        signed_by=KEY_ID,
        **options,
    )


def test_hashed_identity_is_sha256_of_email_and_salt():
    recipient = ob2.hashed_identity("learner@example.jp", salt="deadbeef")
    expected = hashlib.sha256(b"learner@example.jpdeadbeef").hexdigest()
    assert recipient == {
        "type": "email",
        "hashed": True,
        "salt": "deadbeef",
        "identity": f"sha256${expected}",
    }


def test_each_assertion_gets_its_own_salt():
    first, second = ob2.hashed_identity("a@example.jp"), ob2.hashed_identity("a@example.jp")
    assert first["salt"] != second["salt"]
    assert first["identity"] != second["identity"]
    assert len(first["salt"]) == 32


def test_identity_matches_the_right_email_only():
    recipient = ob2.hashed_identity("Sakura.Takahashi@Example.JP")
    assert ob2.identity_matches(recipient, "sakura.takahashi@example.jp")
    assert ob2.identity_matches(recipient, "  Sakura.Takahashi@Example.JP ")
    assert not ob2.identity_matches(recipient, "sakura.takahashi@example.com")
    assert not ob2.identity_matches(recipient, "")
    assert not ob2.identity_matches({**recipient, "salt": "other"}, "sakura.takahashi@example.jp")
    assert not ob2.identity_matches({**recipient, "type": "url"}, "sakura.takahashi@example.jp")


def test_identity_of_another_issuer_hashed_without_normalising():
    salt = "s"
    identity = "sha256$" + hashlib.sha256(b"Mixed@Case.example" + salt.encode()).hexdigest()
    recipient = {"type": "email", "hashed": True, "salt": salt, "identity": identity}
    assert ob2.identity_matches(recipient, "Mixed@Case.example")
    assert not ob2.identity_matches(recipient, "mixed@case.example")
    plain = {"type": "email", "hashed": False, "identity": "a@example.jp"}
    assert ob2.identity_matches(plain, "A@example.jp")


def test_hashed_identity_needs_an_email():
    with pytest.raises(BadgeError):
        ob2.hashed_identity("not-an-email")


def test_hosted_documents_have_the_ob2_shape(rsa_key):
    profile = ob2.profile(
        ISSUER,
        "DX Quest 事務局",
        "https://badges.example.jp",
        public_key=KEY_ID,
        revocation_list=ISSUER + "/revocations",
    )
    badge = ob2.badge_class(
        BADGE,
        "データリテラシー",
        "説明",
        "https://badges.example.jp/b.png",
        ISSUER,
        criteria_narrative="ケーススタディを完了する",
        alignments=[
            ob2.alignment("ビジネス戦略策定・実行", "https://x.example/s", targetCode="BT-1-1")
        ],
    )
    hosted = ob2.assertion(
        "https://badges.example.jp/assertions/1", BADGE, ob2.hashed_identity("a@b.jp")
    )
    key = ob2.cryptographic_key(KEY_ID, ISSUER, rsa_key.public_key())
    assert profile["type"] == "Issuer"
    assert profile["publicKey"] == KEY_ID
    assert badge["criteria"] == {"narrative": "ケーススタディを完了する"}
    assert hosted["verification"] == {"type": "hosted"}
    assert key["publicKeyPem"].startswith("-----BEGIN PUBLIC KEY-----")
    for document in (profile, badge, hosted, key):
        assert document["@context"] == contexts.OB_V2
        # Every member is defined by the pinned OB 2.0 context (none would be dropped).
        assert canon.canonize(document)
    with pytest.raises(BadgeError, match="criteria"):
        ob2.badge_class(BADGE, "n", "d", "i", ISSUER)


def test_signed_assertion_round_trip(rsa_key):
    document = signed_assertion()
    token = ob2.sign(document, rsa_key)
    header = json.loads(base64.urlsafe_b64decode(token.split(".")[0] + "=="))
    assert header == {"alg": "RS256"}
    assert ob2.verify_signed(token, rsa_key.public_key()) == document
    assert ob2.verify_signed(token, rsa_key, creator=KEY_ID) == document
    with pytest.raises(VerificationError, match="another signing key"):
        ob2.verify_signed(token, rsa_key, creator=KEY_ID + "-old")


def test_tampered_signed_assertion_is_rejected(rsa_key):
    token = ob2.sign(signed_assertion(), rsa_key)
    header, _payload, signature = token.split(".")
    forged = signed_assertion(email="intruder@example.jp")
    payload = base64.urlsafe_b64encode(json.dumps(forged).encode()).rstrip(b"=").decode()
    with pytest.raises(VerificationError, match="does not verify"):
        ob2.verify_signed(f"{header}.{payload}.{signature}", rsa_key.public_key())


def test_wrong_key_is_rejected(rsa_key, other_rsa_key):
    token = ob2.sign(signed_assertion(), rsa_key)
    with pytest.raises(VerificationError, match="does not verify"):
        ob2.verify_signed(token, other_rsa_key.public_key())


def test_expired_signed_assertion_is_rejected(rsa_key):
    token = ob2.sign(signed_assertion(expires="2027-03-31T00:00:00Z"), rsa_key)
    assert ob2.verify_signed(token, rsa_key, now="2027-03-30T00:00:00Z")
    with pytest.raises(VerificationError, match="expired"):
        ob2.verify_signed(token, rsa_key, now="2027-03-31T00:00:00Z")


def test_only_signed_verification_is_signed(rsa_key):
    hosted = ob2.assertion("https://x.example/a/1", BADGE, ob2.hashed_identity("a@b.jp"))
    with pytest.raises(BadgeError, match="signed verification"):
        ob2.sign(hosted, rsa_key)


def test_revocation_list_revokes_signed_assertions(rsa_key):
    document = signed_assertion()
    token = ob2.sign(document, rsa_key)
    revocations = ob2.revocation_list(ISSUER + "/revocations", ISSUER, {document["id"]: "誤発行"})
    assert revocations["revokedAssertions"] == [
        {"id": document["id"], "revocationReason": "誤発行"}
    ]
    with pytest.raises(VerificationError, match="revoked"):
        ob2.verify_signed(token, rsa_key, revocation_list_doc=revocations)
    others = ob2.revocation_list(ISSUER + "/revocations", ISSUER, {"urn:uuid:other": None})
    assert ob2.verify_signed(token, rsa_key, revocation_list_doc=others)


@pytest.mark.parametrize(
    "entries",
    [
        {"id": "urn:uuid:x"},  # one entry compacted out of its list
        "urn:uuid:x",
        ["urn:uuid:x"],
        [{"uid": "abc"}],
    ],
)
def test_is_revoked_reads_every_list_shape(entries):
    assertion = {"id": "urn:uuid:x", "uid": "abc"}
    assert ob2.is_revoked(assertion, {"revokedAssertions": entries})
    assert not ob2.is_revoked({"id": "urn:uuid:y"}, {"revokedAssertions": entries})


def test_hosted_revocation():
    hosted = ob2.assertion("https://x.example/a/1", BADGE, ob2.hashed_identity("a@b.jp"))
    assert not ob2.is_revoked(hosted)
    revoked = ob2.revoked_copy(hosted, "取り消し")
    assert ob2.is_revoked(revoked)
    assert revoked["revocationReason"] == "取り消し"
    assert "revoked" not in hosted


def test_key_of_checks_owner_and_listing(rsa_key):
    key_doc = ob2.cryptographic_key(KEY_ID, ISSUER, rsa_key.public_key())
    profile = ob2.profile(ISSUER, "DXQ", "https://badges.example.jp", public_key=KEY_ID)
    found = ob2.key_of(key_doc, profile)
    assert found.public_numbers() == rsa_key.public_key().public_numbers()
    with pytest.raises(VerificationError, match="not the issuer"):
        ob2.key_of({**key_doc, "owner": "https://evil.example"}, profile)
    with pytest.raises(VerificationError, match="not the issuer"):
        ob2.key_of(key_doc, {**profile, "publicKey": KEY_ID + "-old"})
    with pytest.raises(VerificationError, match="PEM"):
        ob2.key_of({**key_doc, "publicKeyPem": "garbage"}, profile)
