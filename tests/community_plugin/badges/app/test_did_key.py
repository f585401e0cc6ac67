"""The did:key option: the issuer id is the did:key of its Ed25519 key."""

import copy

import pytest

from community_plugin.badges import api, dataintegrity, did, keys, vcjwt
from community_plugin.badges.models import Award, Issuer
from tests.community_plugin.badges.app.helpers import make_badge_class


@pytest.fixture
def key_issuer(db):
    made = Issuer.objects.create(
        slug="keyed",
        name="マナビDX Quest 事務局",
        url="https://dxq.example.jp/",
        email="badges@dxq.example.jp",
        did_method=Issuer.DID_KEY,
    )
    api.setup_issuer(made)
    return made


def test_credentials_name_the_did_key_and_verify(key_issuer, learner):
    badge = make_badge_class(key_issuer, slug="keyed-badge")
    made = api.award(badge, learner, source="manual")
    ed = key_issuer.active_key("ed25519")
    assert key_issuer.did == did.did_key(ed.public_key())
    assert made.credential["issuer"]["id"] == key_issuer.did
    assert made.credential["proof"]["verificationMethod"] == did.did_key_method(ed.public_key())
    # A verifier needs nothing but the credential: did:key resolves itself.
    dataintegrity.verify(made.credential)
    assert vcjwt.unverified_header(made.credential_jwt)["kid"] == key_issuer.active_key("rsa").url
    assert api.verify_award(made).valid
    assert api.did_document(key_issuer)["id"] == key_issuer.did


def test_rotation_gives_a_new_did_and_old_awards_still_verify(key_issuer, learner, other_learner):
    badge = make_badge_class(key_issuer, slug="keyed-badge")
    before = api.award(badge, learner, source="manual")
    old_did = key_issuer.did
    api.rotate_keys(key_issuer)
    after = api.award(badge, other_learner, source="manual")
    assert after.credential["issuer"]["id"] == key_issuer.did != old_did
    assert api.verify_award(Award.objects.get(pk=before.pk)).valid
    assert api.verify_award(after).valid


def test_a_credential_signed_by_another_did_key_fails(key_issuer, learner):
    badge = make_badge_class(key_issuer, slug="keyed-badge")
    made = api.award(badge, learner, source="manual")
    stranger = keys.generate_ed25519()
    forged = copy.deepcopy(made.credential)
    forged.pop("proof")
    forged["issuer"]["id"] = did.did_key(stranger.public_key())
    made.credential = dataintegrity.sign(
        forged, stranger, did.did_key_method(stranger.public_key())
    )
    assert not api.verify_award(made).check("proof").ok
