"""VC-JWT (RS256): round trip, the claims mapping, dates, and tampering."""

import base64
import datetime as dt
import json

import jwt
import pytest

from community_plugin.badges import keys, ob3, vcjwt
from community_plugin.badges.errors import BadgeError, VerificationError

KID = "did:web:badges.example.jp#rsa-1"
NOW = dt.datetime(2026, 6, 1, 12, 0, tzinfo=dt.UTC)


def make_credential(**changes):
    issuer = ob3.issuer_profile("did:web:badges.example.jp", "DX Quest 事務局")
    badge = ob3.achievement(
        "https://badges.example.jp/achievements/1", "データ活用", "説明", "課題を完了した"
    )
    options = {
        "credential_id": "urn:uuid:2f8f5c1e-5d1a-4c0e-9d6c-0b3c4c1f7a11",
        "valid_from": "2026-04-01T09:00:00Z",
        "valid_until": "2029-03-31T15:00:00Z",
    }
    options.update(changes)
    return ob3.credential(issuer, "did:key:z6MkLearner", badge, **options)


def segments(token):
    def decode(part):
        return json.loads(base64.urlsafe_b64decode(part + "=" * (-len(part) % 4)))

    header, payload, _signature = token.split(".")
    return decode(header), decode(payload)


def test_round_trip_returns_the_credential(rsa_key):
    credential = make_credential()
    token = vcjwt.sign(credential, rsa_key, kid=KID)
    assert vcjwt.verify(token, rsa_key.public_key(), now=NOW) == credential


def test_claims_map_credential_fields(rsa_key):
    credential = make_credential()
    header, payload = segments(vcjwt.sign(credential, rsa_key, kid=KID))
    assert header == {"alg": "RS256", "kid": KID, "typ": "JWT"}
    assert payload["iss"] == "did:web:badges.example.jp"
    assert payload["sub"] == "did:key:z6MkLearner"
    assert payload["jti"] == "urn:uuid:2f8f5c1e-5d1a-4c0e-9d6c-0b3c4c1f7a11"
    assert payload["nbf"] == int(dt.datetime(2026, 4, 1, 9, tzinfo=dt.UTC).timestamp())
    assert payload["exp"] == int(dt.datetime(2029, 3, 31, 15, tzinfo=dt.UTC).timestamp())
    # The payload is the credential itself plus the claims (VCDM 2.0 form, no "vc" wrapper).
    assert {k: v for k, v in payload.items() if k not in vcjwt.CLAIMS} == credential


def test_no_exp_without_valid_until(rsa_key):
    credential = make_credential(valid_until=None)
    _header, payload = segments(vcjwt.sign(credential, rsa_key, kid=KID))
    assert "exp" not in payload
    assert vcjwt.verify(vcjwt.sign(credential, rsa_key, kid=KID), rsa_key, now=NOW) == credential


def test_embedded_jwk_is_public_only(rsa_key):
    header, _payload = segments(vcjwt.sign(make_credential(), rsa_key, embed_jwk=True))
    assert header["jwk"] == keys.rsa_public_jwk(rsa_key.public_key())
    assert "d" not in header["jwk"]
    assert "kid" not in header


def test_expired_is_rejected(rsa_key):
    token = vcjwt.sign(make_credential(), rsa_key, kid=KID)
    with pytest.raises(VerificationError, match="expired"):
        vcjwt.verify(token, rsa_key.public_key(), now="2029-03-31T15:00:00Z")
    vcjwt.verify(token, rsa_key.public_key(), now="2029-03-31T14:59:59Z")


def test_not_yet_valid_is_rejected(rsa_key):
    token = vcjwt.sign(make_credential(), rsa_key, kid=KID)
    with pytest.raises(VerificationError, match="not valid yet"):
        vcjwt.verify(token, rsa_key.public_key(), now="2026-04-01T08:59:59Z")
    vcjwt.verify(token, rsa_key.public_key(), now="2026-04-01T09:00:00Z")


def test_real_clock_rejects_a_future_credential(rsa_key):
    future = dt.datetime.now(dt.UTC) + dt.timedelta(days=2)
    token = vcjwt.sign(make_credential(valid_from=future, valid_until=None), rsa_key, kid=KID)
    with pytest.raises(VerificationError, match="not valid yet"):
        vcjwt.verify(token, rsa_key.public_key())
    assert vcjwt.verify(token, rsa_key, now=future)["validFrom"]


def test_tampered_payload_is_rejected(rsa_key):
    token = vcjwt.sign(make_credential(), rsa_key, kid=KID)
    header, payload, signature = token.split(".")
    claims = segments(token)[1]
    claims["credentialSubject"]["achievement"]["name"] = "改ざん"
    forged = base64.urlsafe_b64encode(json.dumps(claims).encode()).rstrip(b"=").decode()
    with pytest.raises(VerificationError, match="does not verify"):
        vcjwt.verify(f"{header}.{forged}.{signature}", rsa_key.public_key(), now=NOW)
    flipped = signature[:-2] + ("AA" if signature[-2:] != "AA" else "BB")
    with pytest.raises(VerificationError, match="does not verify"):
        vcjwt.verify(f"{header}.{payload}.{flipped}", rsa_key.public_key(), now=NOW)


def test_wrong_key_is_rejected(rsa_key, other_rsa_key):
    token = vcjwt.sign(make_credential(), rsa_key, kid=KID)
    with pytest.raises(VerificationError, match="does not verify"):
        vcjwt.verify(token, other_rsa_key.public_key(), now=NOW)


@pytest.mark.parametrize(
    ("claim", "value", "message"),
    [
        ("iss", "did:web:evil.example", "claim iss"),
        ("sub", "did:key:z6MkSomeoneElse", "claim sub"),
        ("jti", "urn:uuid:00000000-0000-0000-0000-000000000000", "claim jti"),
        ("nbf", 1, "nbf does not match"),
        ("exp", 4102444800, "exp does not match"),
    ],
)
def test_a_claim_that_disagrees_with_the_credential_is_rejected(rsa_key, claim, value, message):
    """Correctly signed tokens whose claims contradict the credential inside them."""
    credential = make_credential()
    payload = {**credential, **vcjwt.claims_for(credential), claim: value}
    token = jwt.encode(payload, rsa_key, algorithm="RS256", headers={"kid": KID})
    with pytest.raises(VerificationError, match=message):
        vcjwt.verify(token, rsa_key.public_key(), now=NOW)


@pytest.mark.parametrize("claim", ["iss", "sub", "jti", "nbf"])
def test_a_missing_required_claim_is_rejected(rsa_key, claim):
    credential = make_credential()
    payload = {**credential, **vcjwt.claims_for(credential)}
    del payload[claim]
    token = jwt.encode(payload, rsa_key, algorithm="RS256", headers={"kid": KID})
    with pytest.raises(VerificationError):
        vcjwt.verify(token, rsa_key.public_key(), now=NOW)


def test_valid_until_without_exp_is_rejected(rsa_key):
    credential = make_credential()
    payload = {**credential, **vcjwt.claims_for(credential)}
    del payload["exp"]
    token = jwt.encode(payload, rsa_key, algorithm="RS256", headers={"kid": KID})
    with pytest.raises(VerificationError, match="no exp"):
        vcjwt.verify(token, rsa_key.public_key(), now=NOW)


def test_legacy_vc_claim_is_accepted(rsa_key):
    credential = make_credential()
    payload = {**vcjwt.claims_for(credential), "vc": credential}
    token = jwt.encode(payload, rsa_key, algorithm="RS256", headers={"kid": KID})
    assert vcjwt.verify(token, rsa_key.public_key(), now=NOW) == credential


def test_other_algorithms_and_headers_are_rejected(rsa_key):
    credential = make_credential()
    payload = {**credential, **vcjwt.claims_for(credential)}
    hs = jwt.encode(payload, "a-shared-secret-of-32-bytes-long!", algorithm="HS256")
    with pytest.raises(VerificationError, match="alg must be RS256"):
        vcjwt.verify(hs, rsa_key.public_key(), now=NOW)
    unsigned = jwt.encode(payload, None, algorithm="none")
    with pytest.raises(VerificationError, match="alg must be RS256"):
        vcjwt.verify(unsigned, rsa_key.public_key(), now=NOW)
    extra = jwt.encode(payload, rsa_key, algorithm="RS256", headers={"kid": KID, "x5u": "u"})
    with pytest.raises(VerificationError, match="not allowed"):
        vcjwt.verify(extra, rsa_key.public_key(), now=NOW)
    with pytest.raises(VerificationError, match="compact JWS"):
        vcjwt.verify("not-a-token", rsa_key.public_key(), now=NOW)


def test_resolver_receives_the_header(rsa_key):
    seen = []

    def resolver(header):
        seen.append(header)
        return rsa_key.public_key()

    vcjwt.verify(vcjwt.sign(make_credential(), rsa_key, kid=KID), resolver=resolver, now=NOW)
    assert seen[0]["kid"] == KID
    with pytest.raises(VerificationError, match="no key"):
        vcjwt.verify(vcjwt.sign(make_credential(), rsa_key, kid=KID), now=NOW)


def test_signing_needs_rsa_a_key_reference_and_no_clashing_members(rsa_key):
    with pytest.raises(BadgeError, match="RSA"):
        vcjwt.sign(make_credential(), keys.generate_ed25519(), kid=KID)
    with pytest.raises(BadgeError, match="kid or a jwk"):
        vcjwt.sign(make_credential(), rsa_key)
    with pytest.raises(BadgeError, match="already has"):
        vcjwt.sign({**make_credential(), "iss": "x"}, rsa_key, kid=KID)
    incomplete = make_credential()
    del incomplete["credentialSubject"]["id"]
    with pytest.raises(BadgeError, match="sub"):
        vcjwt.sign(incomplete, rsa_key, kid=KID)
