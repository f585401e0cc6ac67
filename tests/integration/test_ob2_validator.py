"""1EdTech's own Open Badges 2.0 validator judges awards served by a live test server.

Every positive fixture must be valid (hosted, signed, baked PNG, baked SVG; Japanese and English;
with and without expiry), every negative one invalid (wrong recipient, tampered JWS, expired,
missing ``issuedOn``). The validator runs in its own virtualenv (tests/integration/ob2_validator)
and reaches only this live server. It does not judge revocation: tests/community_plugin/badges/
web covers 410 Gone, ``revoked: true``, RevocationList entries and status-list bits.
"""

from __future__ import annotations

import base64
import datetime as dt
import json
import urllib.error
import urllib.request

import pytest
from django.contrib.auth import get_user_model
from django.utils import timezone

from community_plugin.badges import api, documents_ob2, links
from community_plugin.badges.models import BadgeClass, Issuer
from tests.integration.ob2_validator import harness

#: The learner's address as typed in the LMS, and as the recipient hash is made (trimmed and
#: lower-cased; the validator hashes the profile email exactly as given, so it gets this one).
TYPED_EMAIL = "Sakura.Takahashi@Example.jp"
EMAIL = TYPED_EMAIL.lower()


@pytest.fixture(autouse=True)
def validator_ready():
    harness.require_validator()


@pytest.fixture
def site(live_server, settings, transactional_db):
    """An issuer with keys on the live server's origin, two badge classes, two learners."""
    settings.DXQ_BADGES_BASE_URL = live_server.url
    issuer = Issuer.objects.create(
        slug="dxq",
        name="マナビDX Quest 事務局",
        url=live_server.url + "/",
        email="badges@dxq.example.jp",
    )
    api.setup_issuer(issuer)
    common = {
        "issuer": issuer,
        "description_ja": "ケーススタディを修了しました。",
        "description_en": "Completed the case study.",
        "criteria_ja": "全ユニットを修了し、**成果物**が承認されること。",
        "criteria_en": "Complete every unit; the **deliverable** is approved.",
        "skills": ["dss-p/v1/BT-1-1"],
        "tags": ["DX", "ケーススタディ"],
    }
    forever = BadgeClass.objects.create(
        slug="case-study", name_ja="ケーススタディ修了", name_en="Case study completed", **common
    )
    yearly = BadgeClass.objects.create(
        slug="collaboration",
        name_ja="企業協働修了",
        name_en="Company collaboration completed",
        expiry_days=365,
        **common,
    )
    users = get_user_model().objects
    return {
        "base": live_server.url,
        "issuer": issuer,
        "forever": forever,
        "yearly": yearly,
        "learner": users.create_user(
            "sakura", TYPED_EMAIL, "pw", first_name="さくら", last_name="高橋"
        ),
        "other": users.create_user("ken", "ken@example.jp", "pw"),
    }


#: Every combination of language and expiry.
VARIANTS = {
    "ja-no-expiry": ("forever", "ja"),
    "ja-with-expiry": ("yearly", "ja"),
    "en-no-expiry": ("forever", "en"),
    "en-with-expiry": ("yearly", "en"),
}


def _award(site, variant, **extra):
    badge_key, language = VARIANTS[variant]
    return api.award(
        site[badge_key],
        site["learner"],
        source="manual",
        language=language,
        evidence_url=site["base"] + "/dxq/casestudy/skills/",
        evidence_narrative="成果物「需要予測モデル」を提出。",
        **extra,
    )


def _fetch(url: str) -> tuple[bytes, str]:
    with urllib.request.urlopen(url, timeout=30) as response:  # noqa: S310 - our live server
        return response.read(), response.headers.get("Content-Type", "")


def _assert_valid(report):
    assert report["valid"] is True, harness.errors(report)
    assert report["errorCount"] == 0


def _assert_invalid(report, *expected_names):
    assert report["valid"] is False
    names = {m.get("name") for m in report["messages"] if m.get("messageLevel") == "ERROR"}
    for name in expected_names:
        assert name in names, harness.errors(report)


# positive ------------------------------------------------------------------------------------


@pytest.mark.parametrize("variant", VARIANTS)
def test_hosted_assertion_is_valid(site, variant):
    award = _award(site, variant)
    report = harness.validate(input=award.assertion_url, email=EMAIL)
    _assert_valid(report)
    badge = next(node for node in report["graph"] if node.get("type") == "BadgeClass")
    badge_class = site[VARIANTS[variant][0]]
    assert badge["name"] == badge_class.name(VARIANTS[variant][1])
    assertion = next(node for node in report["graph"] if node.get("type") == "Assertion")
    assert ("expires" in assertion) == variant.endswith("with-expiry")


@pytest.mark.parametrize("variant", VARIANTS)
def test_signed_assertion_is_valid(site, variant):
    award = _award(site, variant)
    jws, content_type = _fetch(links.assertion_jws(site["base"], award.public_id))
    assert content_type.startswith("application/jose")
    _assert_valid(harness.validate(input=jws.decode("ascii"), email=EMAIL))


@pytest.mark.parametrize("fmt", ["png", "svg"])
@pytest.mark.parametrize("variant", VARIANTS)
def test_baked_hosted_image_is_valid(site, variant, fmt, tmp_path):
    award = _award(site, variant)
    image, content_type = _fetch(links.assertion_baked(site["base"], award.public_id, fmt))
    assert content_type.startswith({"png": "image/png", "svg": "image/svg+xml"}[fmt])
    path = tmp_path / f"badge.{fmt}"
    path.write_bytes(image)
    _assert_valid(harness.validate(file=path, email=EMAIL))


@pytest.mark.parametrize("fmt", ["png", "svg"])
def test_baked_signed_image_is_valid(site, fmt, tmp_path):
    award = _award(site, "en-with-expiry")
    url = links.assertion_baked(site["base"], award.public_id, fmt) + "?verification=signed"
    path = tmp_path / f"badge.{fmt}"
    path.write_bytes(_fetch(url)[0])
    _assert_valid(harness.validate(file=path, email=EMAIL))


# negative ------------------------------------------------------------------------------------


def test_wrong_recipient_is_invalid(site):
    award = _award(site, "ja-no-expiry")
    report = harness.validate(input=award.assertion_url, email="ken@example.jp")
    _assert_invalid(report, "VERIFY_RECIPIENT_IDENTIFIER")
    signed = harness.validate(input=award.ob2_jws, email="ken@example.jp")
    _assert_invalid(signed, "VERIFY_RECIPIENT_IDENTIFIER")


def _tampered(token: str, change) -> str:
    header, payload, signature = token.split(".")
    padded = payload + "=" * (-len(payload) % 4)
    document = json.loads(base64.urlsafe_b64decode(padded))
    change(document)
    raw = json.dumps(document, ensure_ascii=False, separators=(",", ":")).encode("utf-8")
    return ".".join([header, base64.urlsafe_b64encode(raw).rstrip(b"=").decode(), signature])


def test_tampered_jws_is_invalid(site):
    award = _award(site, "ja-no-expiry")
    _assert_valid(harness.validate(input=award.ob2_jws, email=EMAIL))  # the untouched one

    def backdate(document):
        document["issuedOn"] = "2020-01-01T00:00:00Z"

    report = harness.validate(input=_tampered(award.ob2_jws, backdate), email=EMAIL)
    _assert_invalid(report, "VERIFY_JWS")
    flipped = award.ob2_jws[:-6] + ("A" if award.ob2_jws[-6] != "A" else "B") + award.ob2_jws[-5:]
    _assert_invalid(harness.validate(input=flipped, email=EMAIL), "VERIFY_JWS")


def test_expired_assertion_is_invalid(site):
    issued = timezone.now().replace(microsecond=0) - dt.timedelta(days=400)
    award = _award(site, "en-with-expiry", issued_on=issued)
    assert award.is_expired
    hosted = harness.validate(input=award.assertion_url, email=EMAIL)
    _assert_invalid(hosted, "ASSERTION_TIMESTAMP_CHECKS")
    assert any("expired" in line for line in harness.errors(hosted))
    signed = harness.validate(input=award.ob2_jws, email=EMAIL)
    _assert_invalid(signed, "ASSERTION_TIMESTAMP_CHECKS")


def test_missing_issued_on_is_invalid(site, monkeypatch):
    """The live server serves a deliberately broken hosted assertion (no ``issuedOn``)."""
    award = _award(site, "ja-no-expiry")
    _assert_valid(harness.validate(input=award.assertion_url, email=EMAIL))
    real = documents_ob2.hosted_assertion

    def without_issued_on(found):
        document = real(found)
        document.pop("issuedOn")
        return document

    monkeypatch.setattr(documents_ob2, "hosted_assertion", without_issued_on)
    served, _ = _fetch(award.assertion_url)
    assert "issuedOn" not in json.loads(served)
    report = harness.validate(input=award.assertion_url, email=EMAIL)
    assert report["valid"] is False, "an assertion without issuedOn passed the validator"
    assert any("issuedOn" in line for line in harness.errors(report)), harness.errors(report)


def test_the_validator_reaches_nothing_off_this_machine():
    """The harness itself can fail: an assertion on another host is refused, not fetched."""
    report = harness.validate(input="https://badges.example.org/assertions/1.json", email=EMAIL)
    assert report["valid"] is False
    assert any("Connection refused" in line for line in harness.errors(report))


def test_private_award_still_validates(site):
    """Privacy hides the human page only: a verifier holding the badge can still check it."""
    award = _award(site, "ja-no-expiry")
    api.set_public(award, site["learner"], False)
    _assert_valid(harness.validate(input=award.assertion_url, email=EMAIL))
    _assert_valid(harness.validate(input=award.ob2_jws, email=EMAIL))


def test_revoked_signed_assertion_is_invalid(site):
    """A revoked award's signed assertion is listed in our RevocationList by its urn:uuid and
    its hosted URL: always two entries, so the validator's one-entry compaction blind spot
    never applies, and it reports the revocation with our reason. (It ignores the 410 and
    ``revoked: true`` of the hosted form: tests/community_plugin/badges/web checks those.)"""
    award = _award(site, "ja-no-expiry")
    api.revoke(award, "誤発行")
    signed = harness.validate(input=award.ob2_jws, email=EMAIL)
    _assert_invalid(signed, "VERIFY_SIGNED_ASSERTION_NOT_REVOKED")
    assert any("誤発行" in line for line in harness.errors(signed))
    with pytest.raises(urllib.error.HTTPError) as gone:
        _fetch(award.assertion_url)
    assert gone.value.code == 410
    assert json.loads(gone.value.read())["revoked"] is True
