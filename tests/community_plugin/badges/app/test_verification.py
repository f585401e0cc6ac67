"""verify_award: every check passes for a fresh award and fails, named, when the award is
tampered with, revoked or expired."""

import copy
import datetime as dt

from django.utils import timezone

from community_plugin.badges import api
from community_plugin.badges.models import Award
from tests.community_plugin.badges.app.helpers import make_badge_class

CHECKS = ["proof", "jwt", "ob2_jws", "recipient", "status", "expiry"]


def failed_names(award):
    return [check.name for check in api.verify_award(award).failed]


def test_a_fresh_award_passes_every_check(badge_class, learner):
    result = api.verify_award(api.award(badge_class, learner, source="manual"))
    assert [check.name for check in result.checks] == CHECKS
    assert result.valid
    assert all(check.label for check in result.checks)


def test_tampered_credential_fails_the_proof(badge_class, learner):
    made = api.award(badge_class, learner, source="manual")
    tampered = copy.deepcopy(made.credential)
    tampered["credentialSubject"]["achievement"]["name"] = "偽のバッジ"
    made.credential = tampered
    assert "proof" in failed_names(made)


def test_tampered_validity_fails_the_proof(badge_class, learner):
    made = api.award(badge_class, learner, source="manual")
    made.credential = {**made.credential, "validFrom": "2020-01-01T00:00:00Z"}
    assert "proof" in failed_names(made)


def test_tampered_jwt_fails(badge_class, learner):
    made = api.award(badge_class, learner, source="manual")
    header, payload, signature = made.credential_jwt.split(".")
    made.credential_jwt = ".".join([header, payload, signature[:-4] + "AAAA"])
    assert failed_names(made) == ["jwt"]


def test_tampered_ob2_jws_fails(badge_class, learner):
    made = api.award(badge_class, learner, source="manual")
    header, payload, signature = made.ob2_jws.split(".")
    other = api.award(make_badge_class(badge_class.issuer, slug="b2"), learner, source="manual")
    made.ob2_jws = ".".join([header, other.ob2_jws.split(".")[1], signature])
    assert "ob2_jws" in failed_names(made)


def test_another_recipient_fails(badge_class, learner):
    made = api.award(badge_class, learner, source="manual")
    made.recipient_email = "someone.else@example.jp"
    assert failed_names(made) == ["recipient"]


def test_revoked_fails_the_status_check_at_once(badge_class, learner):
    made = api.award(badge_class, learner, source="manual")
    assert api.verify_award(made).valid  # caches the status list
    api.revoke(made, "規約違反")
    result = api.verify_award(Award.objects.get(pk=made.pk))
    assert [check.name for check in result.failed] == ["status"]
    assert "規約違反" in result.check("status").message


def test_expired_fails_the_expiry_check_only(issuer, learner):
    short = make_badge_class(issuer, slug="short", expiry_days=1)
    issued = timezone.now().replace(microsecond=0) - dt.timedelta(days=3)
    made = api.award(short, learner, source="backfill", issued_on=issued)
    assert made.is_expired
    assert failed_names(made) == ["expiry"]
