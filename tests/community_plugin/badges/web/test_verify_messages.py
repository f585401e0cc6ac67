"""A failed check on the verification page speaks the reader's language: the signing core's
technical reason (English) is shown beside it, marked as English, never instead of it."""

import copy

import pytest
from django.conf import settings
from django.urls import reverse

pytestmark = pytest.mark.django_db


def _tamper(award):
    tampered = copy.deepcopy(award.credential)
    tampered["credentialSubject"]["achievement"]["name"] = "偽のバッジ"
    award.credential = tampered
    award.ob2_jws = (
        award.ob2_jws[:-6] + ("A" if award.ob2_jws[-6] != "A" else "B") + (award.ob2_jws[-5:])
    )
    award.save(update_fields=["credential", "ob2_jws"])


def test_a_tampered_award_explains_itself_in_japanese(client, award):
    _tamper(award)
    response = client.get(reverse("dxq_badges:verify", args=[award.public_id]))
    checks = {check.name: check for check in response.context["checks"]}
    page = response.content.decode()
    for name, words in (("proof", "署名と一致しません"), ("ob2_jws", "署名")):
        assert not checks[name].ok
        assert words in checks[name].message, checks[name].message
        assert checks[name].detail  # the technical reason, kept
        assert checks[name].message in page
    assert '<code class="dxq-check__detail" lang="en">' in page


def test_the_same_in_english(client, award):
    _tamper(award)
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    response = client.get(reverse("dxq_badges:verify", args=[award.public_id]))
    proof = next(check for check in response.context["checks"] if check.name == "proof")
    assert proof.message.startswith("The credential does not match its signature")
