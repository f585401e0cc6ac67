"""links.py (the URL contract) and keystore.py (keys at rest, rotation)."""

import pytest
from django.test import override_settings

from community_plugin.badges import api, did, keys, keystore, links
from community_plugin.badges.models import ED25519, RSA, Award

BASE = "http://127.0.0.1:8000"


def test_links_follow_the_contract():
    uid = "0b6f1c54-8f43-4d3b-a1f4-6c2b7b3c9a10"
    assert links.issuer_profile(BASE, "dxq") == f"{BASE}/dxq/badges/issuers/dxq/profile.json"
    assert links.issuer_did_document(BASE, "dxq") == f"{BASE}/dxq/badges/issuers/dxq/did.json"
    assert links.issuer_key(BASE, "dxq", "abc") == f"{BASE}/dxq/badges/issuers/dxq/keys/abc.json"
    assert links.issuer_revocations(BASE, "dxq").endswith("/issuers/dxq/revocations.json")
    assert links.issuer_status_list(BASE, "dxq").endswith("/issuers/dxq/status/revocation.json")
    assert links.badge_class(BASE, "case") == f"{BASE}/dxq/badges/classes/case.json"
    assert links.badge_class(BASE, "case", "en").endswith("/classes/case.json?lang=en")
    assert links.badge_class_image(BASE, "case").endswith("/classes/case/image")
    assert links.assertion(BASE, uid).endswith(f"/assertions/{uid}.json")
    assert links.assertion_jws(BASE, uid).endswith(f"/assertions/{uid}.jws")
    assert links.assertion_baked(BASE, uid, "svg").endswith(f"/assertions/{uid}.svg")
    assert links.credential(BASE, uid).endswith(f"/credentials/{uid}.json")
    assert links.credential_jwt(BASE, uid).endswith(f"/credentials/{uid}.jwt")
    assert links.credential_baked(BASE, uid).endswith(f"/credentials/{uid}.png")
    assert links.verify_page(BASE, uid).endswith(f"/verify/{uid}/")
    assert links.my_badges(BASE + "/") == f"{BASE}/dxq/badges/mine/"
    with pytest.raises(ValueError, match="png or svg"):
        links.assertion_baked(BASE, uid, "gif")


def test_issuer_did_resolves_to_its_document_path():
    subject = links.issuer_did(BASE, "dxq")
    assert subject == "did:web:127.0.0.1%3A8000:dxq:badges:issuers:dxq"
    assert did.did_web_url(subject) == "https://127.0.0.1:8000/dxq/badges/issuers/dxq/did.json"
    assert links.issuer_did("https://badges.example.jp", "a").startswith(
        "did:web:badges.example.jp:"
    )


def test_private_keys_are_stored_encrypted(issuer):
    for kind in (ED25519, RSA):
        key = issuer.active_key(kind)
        assert "ENCRYPTED PRIVATE KEY" in key.private_pem_encrypted
        with pytest.raises(TypeError):  # no password: refused
            keys.load_private_pem(key.private_pem_encrypted.encode())
        assert keys.public_pem(key.private_key()).decode() == key.public_pem
    assert issuer.active_key(ED25519).key_id.startswith("z6Mk")


@override_settings(DXQ_BADGES_KEY_PASSPHRASE="another passphrase")
def test_a_wrong_passphrase_cannot_open_the_keys(issuer):
    keystore._cache.clear()
    # The issuer fixture's keys were encrypted with the default passphrase.
    with pytest.raises(ValueError, match="(?i)decrypt|password|bad"):
        issuer.keys.first().private_key()


def test_setup_is_idempotent(issuer):
    assert api.setup_issuer(issuer) == []
    assert issuer.keys.count() == 2


def test_rotation_keeps_old_awards_verifying(issuer, badge_class, learner, other_learner):
    before = api.award(badge_class, learner, source="manual")
    old_ed, old_rsa = issuer.active_key(ED25519), issuer.active_key(RSA)
    api.rotate_keys(issuer)
    new_ed, new_rsa = issuer.active_key(ED25519), issuer.active_key(RSA)
    assert {new_ed.pk, new_rsa.pk}.isdisjoint({old_ed.pk, old_rsa.pk})
    old_ed.refresh_from_db()
    assert old_ed.retired_at is not None
    # Old keys stay published: DID document and OB 2.0 profile list them.
    document = api.did_document(issuer)
    methods = {method["id"] for method in document["verificationMethod"]}
    assert {old_ed.method_id, new_ed.method_id, old_rsa.method_id} <= methods
    assert set(document["assertionMethod"]) == methods
    after = api.award(badge_class, other_learner, source="manual")
    assert after.credential["proof"]["verificationMethod"] == new_ed.method_id
    assert before.credential["proof"]["verificationMethod"] == old_ed.method_id
    assert api.verify_award(Award.objects.get(pk=before.pk)).valid
    assert api.verify_award(after).valid
    # Re-signing puts an old award on the new keys.
    api.reissue(before)
    assert before.credential["proof"]["verificationMethod"] == new_ed.method_id
    assert api.verify_award(Award.objects.get(pk=before.pk)).valid


def test_an_unpublished_key_does_not_verify(issuer, badge_class, learner):
    made = api.award(badge_class, learner, source="manual")
    issuer.keys.filter(kind=ED25519).delete()
    result = api.verify_award(made)
    assert not result.check("proof").ok
