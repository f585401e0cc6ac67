"""Several issuers on one site (issue 7: "one or more"): each has its own keys, DID, status list
and revocation list, and a revocation by one never touches the other's awards, even where both
awards hold the same status-list index."""

from community_plugin.badges import api, documents_ob2, statuslist
from community_plugin.badges.models import Issuer
from tests.community_plugin.badges.app.helpers import make_badge_class


def test_issuers_keep_their_own_keys_lists_and_revocations(issuer, learner):
    hub = Issuer.objects.create(
        slug="hub-kansai",
        name="関西DXハブ",
        url="https://kansai.example.jp/",
        email="badges@kansai.example.jp",
    )
    api.setup_issuer(hub)
    ours = api.award(make_badge_class(issuer), learner, source="manual")
    theirs = api.award(make_badge_class(hub, slug="kansai-case"), learner, source="manual")
    assert ours.status_index == theirs.status_index == 0  # one counter per issuer

    assert issuer.did != hub.did
    assert theirs.credential["issuer"]["id"] == hub.did
    assert theirs.credential["proof"]["verificationMethod"].startswith(hub.did + "#")
    assert {k.key_id for k in issuer.keys.all()}.isdisjoint({k.key_id for k in hub.keys.all()})
    list_url = theirs.credential["credentialStatus"]["statusListCredential"]
    assert list_url != ours.credential["credentialStatus"]["statusListCredential"]
    assert "/issuers/hub-kansai/" in list_url

    api.revoke(ours, "誤発行")
    ours.refresh_from_db()
    assert statuslist.status(
        ours.credential["credentialStatus"], api.status_list_credential(issuer)
    )
    assert not statuslist.status(
        theirs.credential["credentialStatus"], api.status_list_credential(hub)
    )
    assert documents_ob2.revocation_list(hub)["revokedAssertions"] == []
    assert len(documents_ob2.revocation_list(issuer)["revokedAssertions"]) == 2
    assert api.verify_award(theirs).valid
    assert [check.name for check in api.verify_award(ours).failed] == ["status"]
    # Each issuer's key verifies only its own awards.
    assert api.did_document(hub)["id"] == hub.did
    hub_methods = {m["id"] for m in api.did_document(hub)["verificationMethod"]}
    assert ours.credential["proof"]["verificationMethod"] not in hub_methods
