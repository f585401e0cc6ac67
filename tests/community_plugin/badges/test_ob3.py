"""OpenBadgeCredential builder, and the whole issue -> sign -> bake -> verify -> revoke path."""

import datetime as dt
import json
import struct
import subprocess
import sys
import zlib

import pytest

from casestudy_xblock import skills
from community_plugin.badges import (
    baking,
    canon,
    contexts,
    dataintegrity,
    did,
    keys,
    ob3,
    statuslist,
    vcjwt,
)
from community_plugin.badges.errors import VerificationError

HOST = "badges.example.jp"
SKILL_PAGE = "https://lms.example.jp/dxq/casestudy/skills/"
LIST_URL = f"https://{HOST}/status/1"


@pytest.fixture
def issuer_keys(rsa_key):
    return keys.generate_ed25519(), rsa_key


def build(issuer_id, **options):
    alignments = [
        ob3.dss_alignment("dss-p/v1/BT-1-1", SKILL_PAGE + "dss-p/v1/BT-1-1"),
        ob3.dss_alignment("DU-1-1", SKILL_PAGE + "dss-p/v1/DU-1-1", lang="en"),
    ]
    badge = ob3.achievement(
        f"https://{HOST}/achievements/case-1",
        "ケーススタディ修了",
        "中小企業の実データで課題を解決した",
        "ケーススタディの成果物が相互レビューで合格した",
        image_url=f"https://{HOST}/achievements/case-1.png",
        alignments=alignments,
        achievement_type="Badge",
        tags=["DX", "データ活用"],
        language="ja",
    )
    issuer = ob3.issuer_profile(issuer_id, "マナビDX Quest 事務局", url=f"https://{HOST}")
    options.setdefault("valid_from", "2026-04-01T09:00:00Z")
    return ob3.credential(issuer, "urn:uuid:5b1c0c39-2d5e-4f0a-9c7e-8a2f4b6d1e33", badge, **options)


def test_dss_alignment_uses_permanent_ids_and_names():
    ja = ob3.dss_alignment("dss-p/v1/BT-1-1", SKILL_PAGE)
    item = skills.get("dss-p/v1/BT-1-1")
    assert ja == {
        "type": ["Alignment"],
        "targetName": item.ja,
        "targetCode": "dss-p/v1/BT-1-1",
        "targetFramework": "DX推進スキル標準（DSS-P）",
        "targetType": "ceasn:Competency",
        "targetUrl": SKILL_PAGE,
    }
    en = ob3.dss_alignment("BT-1-1", SKILL_PAGE, lang="en")
    assert en["targetName"] == item.en
    assert en["targetCode"] == "dss-p/v1/BT-1-1"
    assert en["targetFramework"] == "DX Promotion Skill Standard (DSS-P)"
    with pytest.raises(KeyError):
        ob3.dss_alignment("dss-p/v1/NOPE-9", SKILL_PAGE)


def test_credential_shape():
    status = statuslist.entry(LIST_URL, 3)
    credential = build(
        did.did_web(HOST), valid_until="2029-03-31T15:00:00Z", credential_status=status
    )
    assert credential["@context"] == [contexts.VC_V2, contexts.OB_V3P0]
    assert credential["type"] == ["VerifiableCredential", "OpenBadgeCredential"]
    assert credential["id"].startswith("urn:uuid:")
    assert credential["validFrom"] == "2026-04-01T09:00:00Z"
    assert credential["validUntil"] == "2029-03-31T15:00:00Z"
    assert credential["credentialStatus"] == status
    assert credential["name"] == "ケーススタディ修了"
    assert ob3.check(credential) == []
    # Every member is defined by the pinned contexts: safe-mode canonicalisation accepts it.
    nquads = canon.canonize(credential)
    assert "dss-p/v1/BT-1-1" in nquads
    assert "ceasn:Competency" in nquads


def test_valid_until_must_follow_valid_from():
    with pytest.raises(ValueError, match="validUntil"):
        build(did.did_web(HOST), valid_until="2026-04-01T09:00:00Z")


def test_check_lists_what_is_missing():
    credential = build(did.did_web(HOST))
    del credential["credentialSubject"]["achievement"]["id"]
    credential["type"] = ["VerifiableCredential"]
    credential["@context"] = [contexts.VC_V2]
    problems = ob3.check(credential)
    assert len(problems) == 3
    assert any("OpenBadgeCredential" in problem for problem in problems)


def test_issue_sign_bake_verify_and_revoke(issuer_keys):
    ed_key, rsa_key = issuer_keys
    issuer_did = did.did_web(HOST)
    did_document = did.did_web_document(issuer_did, ed_key, rsa_key)
    ed_method, rsa_method = (method["id"] for method in did_document["verificationMethod"])
    bits = statuslist.StatusList()
    credential = build(issuer_did, credential_status=statuslist.entry(LIST_URL, 42))

    def resolve(method):  # a verifier that already fetched the DID document
        return did.key_from_did_document(did_document, method)

    # Embedded Data Integrity proof, then baked into a PNG and read back.
    signed = dataintegrity.sign(credential, ed_key, ed_method)
    png = baking.bake(_png(), signed, version=3)
    unbaked = json.loads(baking.unbake(png, 3))
    assert dataintegrity.verify(unbaked, resolver=resolve)["verificationMethod"] == ed_method

    # The same credential as a VC-JWT whose kid is the DID's RSA method.
    token = vcjwt.sign(credential, rsa_key, kid=rsa_method)
    got = vcjwt.verify(
        token, resolver=lambda header: resolve(header["kid"]), now="2026-05-01T00:00:00Z"
    )
    assert got == credential

    # Revocation: the signed status list says bit 42 is set.
    def list_credential():
        unsigned = statuslist.list_credential(LIST_URL, issuer_did, bits)
        return dataintegrity.sign(unsigned, ed_key, ed_method)

    published = list_credential()
    dataintegrity.verify(published, resolver=resolve)
    assert statuslist.status(unbaked["credentialStatus"], published) is False
    bits.set(42)
    published = list_credential()
    dataintegrity.verify(published, resolver=resolve)
    assert statuslist.status(unbaked["credentialStatus"], published) is True

    # A key from some other DID document cannot stand in for the issuer's.
    stranger = keys.generate_ed25519()
    forged = dataintegrity.sign(
        credential, stranger, f"{issuer_did}#{keys.multikey(stranger.public_key())}"
    )
    with pytest.raises(VerificationError, match="not authorised"):
        dataintegrity.verify(forged, resolver=resolve)


def test_credential_defaults_to_now():
    before = dt.datetime.now(dt.UTC).replace(microsecond=0)
    credential = ob3.credential(
        ob3.issuer_profile("did:key:z6Mk", "x"),
        "urn:uuid:1",
        ob3.achievement("https://x.example/a", "a", "b", "c"),
    )
    valid_from = dt.datetime.fromisoformat(credential["validFrom"].replace("Z", "+00:00"))
    assert before <= valid_from <= dt.datetime.now(dt.UTC)


def test_every_badges_module_imports_without_django():
    modules = [
        "baking",
        "canon",
        "contexts",
        "dataintegrity",
        "dates",
        "did",
        "errors",
        "keys",
        "ob2",
        "ob3",
        "statuslist",
        "vcjwt",
    ]
    code = (
        "import sys; sys.modules['django'] = None\n"
        + "".join(f"import community_plugin.badges.{name}\n" for name in modules)
        + "assert not any(m == 'django' or m.startswith('django.') for m in sys.modules"
        " if sys.modules[m] is not None)\n"
        "print('ok')\n"
    )
    result = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, timeout=60, check=False
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == "ok"


def _png():
    def chunk(kind, data):
        crc = struct.pack(">I", zlib.crc32(kind + data))
        return struct.pack(">I", len(data)) + kind + data + crc

    header = struct.pack(">IIBBBBB", 1, 1, 8, 0, 0, 0, 0)
    return (
        b"\x89PNG\r\n\x1a\n"
        + chunk(b"IHDR", header)
        + chunk(b"IDAT", zlib.compress(b"\x00\x80"))
        + chunk(b"IEND", b"")
    )
