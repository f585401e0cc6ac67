"""api.award / revoke / reissue / set_public / public_award: idempotency, re-award, the
documents signed at issue, and the errors."""

import datetime as dt
import uuid

import pytest
from django.contrib.auth import get_user_model
from django.utils import timezone
from django.utils.translation import override

from community_plugin.badges import api, keys, ob2, ob3, statuslist, vcjwt
from community_plugin.badges.models import RSA, Award
from tests.community_plugin.badges.app.helpers import make_badge_class


def test_award_is_idempotent(badge_class, learner):
    first = api.award(badge_class, learner, source="manual")
    second = api.award(badge_class, learner, source="rule")
    assert first.pk == second.pk
    assert Award.objects.filter(recipient=learner, badge_class=badge_class).count() == 1
    assert first.live_key == f"{learner.pk}:{badge_class.pk}"


def test_reaward_after_revocation_makes_a_new_award(badge_class, learner):
    first = api.award(badge_class, learner, source="manual")
    revoked = api.revoke(first, "誤発行")
    assert revoked.is_revoked
    assert revoked.live_key is None
    assert revoked.revocation_reason == "誤発行"
    second = api.award(badge_class, learner, source="manual")
    assert second.pk != first.pk
    assert second.public_id != first.public_id
    assert second.status_index != first.status_index
    assert not second.is_revoked
    assert Award.objects.filter(recipient=learner, badge_class=badge_class).count() == 2
    # revoking twice changes nothing
    assert api.revoke(revoked, "again").revocation_reason == "誤発行"


def test_documents_signed_at_issue(issuer, badge_class, learner):
    made = api.award(
        badge_class,
        learner,
        source="manual",
        evidence_url="https://portfolio.example.jp/hanako",
        evidence_narrative="需要予測モデルを作成した。",
    )
    credential = made.credential
    assert ob3.check(credential) == []
    assert credential["id"] == made.credential_url
    assert credential["issuer"]["id"] == issuer.did
    assert credential["proof"]["cryptosuite"] == "eddsa-rdfc-2022"
    assert credential["credentialStatus"]["statusListIndex"] == str(made.status_index)
    subject = credential["credentialSubject"]
    assert subject["id"].startswith("urn:uuid:")
    assert "hanako" not in str(subject).lower()
    assert subject["identifier"][0]["identityHash"].startswith("sha256$")
    achievement = subject["achievement"]
    assert achievement["name"] == "ケーススタディ修了"
    assert achievement["alignment"][0]["targetCode"] == "dss-p/v1/BT-1-1"
    assert credential["evidence"][0]["narrative"] == "需要予測モデルを作成した。"
    rsa_key = issuer.active_key(RSA)
    token_credential = vcjwt.verify(made.credential_jwt, rsa_key.public_key())
    assert token_credential == {k: v for k, v in credential.items() if k != "proof"}
    assertion = ob2.verify_signed(made.ob2_jws, rsa_key.public_key(), creator=rsa_key.url)
    assert assertion["id"] == f"urn:uuid:{made.public_id}"
    assert ob2.identity_matches(assertion["recipient"], "hanako@example.jp")
    assert assertion["recipient"]["salt"] == made.salt
    assert assertion["evidence"][0]["id"] == "https://portfolio.example.jp/hanako"


def test_vc_jwt_claims_mapping(issuer, learner):
    expiring = make_badge_class(issuer, slug="expiring", expiry_days=30)
    made = api.award(expiring, learner, source="manual")
    payload = __import__("jwt").decode(made.credential_jwt, options={"verify_signature": False})
    assert payload["iss"] == issuer.did
    assert payload["sub"] == made.credential["credentialSubject"]["id"]
    assert payload["jti"] == made.credential_url
    assert payload["nbf"] == int(made.issued_on.timestamp())
    assert payload["exp"] == int(made.expires.timestamp())
    header = vcjwt.unverified_header(made.credential_jwt)
    assert header["kid"] == issuer.active_key(RSA).method_id


def test_salt_is_new_for_every_assertion(issuer, badge_class, learner):
    other = make_badge_class(issuer, slug="other")
    one = api.award(badge_class, learner, source="manual")
    two = api.award(other, learner, source="manual")
    assert one.salt != two.salt
    assert len(one.salt) == 32
    hashes = {ob2.hashed_identity(learner.email, award.salt)["identity"] for award in (one, two)}
    assert len(hashes) == 2


def test_expiry_comes_from_expiry_days(issuer, learner):
    expiring = make_badge_class(issuer, slug="expiring", expiry_days=365)
    when = timezone.now().replace(microsecond=0) - dt.timedelta(days=10)
    made = api.award(expiring, learner, source="backfill", issued_on=when)
    assert made.issued_on == when
    assert made.expires == when + dt.timedelta(days=365)
    assert made.credential["validUntil"].startswith(str((when + dt.timedelta(days=365)).year))
    assert not made.is_expired


def test_status_indices_are_distinct(issuer, badge_class):
    users = [
        get_user_model().objects.create_user(f"u{i}", f"u{i}@example.jp", "pw") for i in range(5)
    ]
    indices = [api.award(badge_class, user, source="bulk").status_index for user in users]
    assert len(set(indices)) == 5


def test_english_awards_use_the_english_texts(badge_class, learner):
    made = api.award(badge_class, learner, source="manual", language="en")
    achievement = made.credential["credentialSubject"]["achievement"]
    assert achievement["name"] == "Case study completed"
    assert achievement["id"].endswith("?lang=en")
    assert made.language == "en"


def test_errors_are_clear_and_in_japanese(issuer, badge_class, learner):
    nobody = get_user_model().objects.create_user("noemail", "", "pw")
    with override("ja"), pytest.raises(api.BadgeRuleError) as caught:
        api.award(badge_class, nobody, source="manual")
    assert "メール" in caught.value.message
    badge_class.active = False
    badge_class.save()
    with override("ja"), pytest.raises(api.BadgeRuleError) as caught:
        api.award(badge_class, learner, source="manual")
    assert "有効" in caught.value.message
    assert not Award.objects.exists()


def test_issuer_without_keys_cannot_award(issuer, badge_class, learner):
    issuer.keys.all().delete()
    with pytest.raises(api.IssuerNotReady):
        api.award(badge_class, learner, source="manual")


def test_public_award_and_privacy(badge_class, learner, other_learner):
    made = api.award(badge_class, learner, source="manual")
    assert api.public_award(str(made.public_id)).pk == made.pk
    with pytest.raises(api.AwardNotFound):
        api.public_award("not-a-uuid")
    with pytest.raises(api.AwardNotFound):
        api.public_award(uuid.uuid4())
    with pytest.raises(api.NotAllowed):
        api.set_public(made, other_learner, False)
    api.set_public(made, learner, False)
    with pytest.raises(api.AwardNotFound):
        api.public_award(made.public_id)
    with pytest.raises(api.AwardNotFound):
        api.public_award(made.public_id, viewer=other_learner)
    assert api.public_award(made.public_id, viewer=learner).pk == made.pk


def test_awards_of(badge_class, learner, other_learner):
    made = api.award(badge_class, learner, source="manual")
    assert list(api.awards_of(learner)) == [made]
    assert list(api.awards_of(other_learner)) == []
    api.revoke(made, "x")
    assert list(api.awards_of(learner, include_revoked=False)) == []


def test_status_list_shows_a_revocation_at_once(issuer, badge_class, learner):
    made = api.award(badge_class, learner, source="manual")
    entry = made.credential["credentialStatus"]
    before = api.status_list_credential(issuer)
    assert statuslist.status(entry, before) is False
    assert (
        api.status_list_credential(issuer) is before or api.status_list_credential(issuer) == before
    )  # cached
    api.revoke(made, "取り消し")
    after = api.status_list_credential(issuer)
    assert statuslist.status(entry, after) is True
    assert after["proof"]["verificationMethod"] == issuer.active_key("ed25519").method_id


def test_marks_completion_joins_the_alumni_space(
    issuer, learner, django_capture_on_commit_callbacks
):
    from community_plugin import api as community

    completion = make_badge_class(issuer, slug="completion", marks_completion=True)
    with django_capture_on_commit_callbacks(execute=True):
        api.award(completion, learner, source="manual")
    assert community.is_member(learner, community.alumni_space())


def test_multikey_of_the_proof_is_the_issuers(issuer, badge_class, learner):
    made = api.award(badge_class, learner, source="manual")
    method = made.credential["proof"]["verificationMethod"]
    assert method.split("#")[1] == keys.multikey(issuer.active_key("ed25519").public_key())


def test_an_issuer_without_counter_continues_after_its_last_index(issuer, badge_class, learner):
    from community_plugin.badges.models import StatusCounter

    first = api.award(badge_class, learner, source="manual")
    StatusCounter.objects.all().delete()
    other = get_user_model().objects.create_user("other", "other@example.jp", "pw")
    assert api.award(badge_class, other, source="manual").status_index == first.status_index + 1


def test_award_queries_stay_few(badge_class, learner, django_assert_max_num_queries):
    api.award(
        badge_class, get_user_model().objects.create_user("w", "w@example.jp", "pw"), source="x"
    )
    with django_assert_max_num_queries(9):  # 5 statements + 2 savepoints
        api.award(badge_class, learner, source="manual")
