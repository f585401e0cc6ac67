"""The hosted documents: paths, content types, CORS, caching, 404/410, and that our own pure
core verifies exactly what the endpoints serve (JSON-LD canonicalises in safe mode, proofs and
signatures check with the published keys)."""

import json
import uuid
from urllib.parse import urlsplit

import pytest
from django.urls import resolve, reverse

from community_plugin.badges import (
    api,
    baking,
    canon,
    dataintegrity,
    did,
    links,
    ob2,
    statuslist,
    vcjwt,
)
from community_plugin.badges.models import ED25519, RSA, base_url

pytestmark = pytest.mark.django_db


def _path(url):
    return urlsplit(url).path + (f"?{urlsplit(url).query}" if urlsplit(url).query else "")


def get(client, url, **headers):
    return client.get(_path(url), headers=headers)


def served_json(client, url, **headers):
    response = get(client, url, **headers)
    assert response.status_code in (200, 410), (url, response.status_code)
    return json.loads(response.content)


def test_urls_serve_exactly_the_paths_links_writes(award):
    base, issuer, pid = base_url(), award.issuer, award.public_id
    rsa_key = issuer.active_key(RSA)
    expected = {
        links.issuer_profile(base, issuer.slug): "issuer_profile",
        links.issuer_did_document(base, issuer.slug): "issuer_did",
        links.issuer_key(base, issuer.slug, rsa_key.key_id): "issuer_key",
        links.issuer_revocations(base, issuer.slug): "issuer_revocations",
        links.issuer_status_list(base, issuer.slug): "issuer_status_list",
        links.badge_class(base, award.badge_class.slug): "badge_class",
        links.badge_class_image(base, award.badge_class.slug): "badge_class_image",
        links.assertion(base, pid): "assertion",
        links.assertion_jws(base, pid): "assertion_jws",
        links.assertion_baked(base, pid, "png"): "assertion_png",
        links.assertion_baked(base, pid, "svg"): "assertion_svg",
        links.credential(base, pid): "credential",
        links.credential_jwt(base, pid): "credential_jwt",
        links.credential_baked(base, pid, "png"): "credential_png",
        links.credential_baked(base, pid, "svg"): "credential_svg",
        links.verify_page(base, pid): "verify",
        links.my_badges(base): "mine",
    }
    for url, name in expected.items():
        assert resolve(urlsplit(url).path).view_name == f"dxq_badges:{name}", url
    assert did.did_web_url(issuer.did).endswith(
        urlsplit(links.issuer_did_document(base, issuer.slug)).path
    )
    assert reverse("dxq_badges:mine") == urlsplit(links.my_badges(base)).path


CONTENT_TYPES = [
    ("profile", "application/ld+json"),
    ("did", "application/did+ld+json"),
    ("key", "application/ld+json"),
    ("revocations", "application/ld+json"),
    ("status", "application/vc+ld+json"),
    ("class", "application/ld+json"),
    ("class_en", "application/ld+json"),
    ("class_image", "image/png"),
    ("assertion", "application/ld+json"),
    ("jws", "application/jose"),
    ("ob2_png", "image/png"),
    ("ob2_svg", "image/svg+xml"),
    ("credential", "application/vc+ld+json"),
    ("jwt", "application/jwt"),
    ("ob3_png", "image/png"),
    ("ob3_svg", "image/svg+xml"),
]


def urls_of(award):
    base, issuer, pid = base_url(), award.issuer, award.public_id
    return {
        "profile": links.issuer_profile(base, issuer.slug),
        "did": links.issuer_did_document(base, issuer.slug),
        "key": links.issuer_key(base, issuer.slug, issuer.active_key(RSA).key_id),
        "revocations": links.issuer_revocations(base, issuer.slug),
        "status": links.issuer_status_list(base, issuer.slug),
        "class": links.badge_class(base, award.badge_class.slug),
        "class_en": links.badge_class(base, award.badge_class.slug, "en"),
        "class_image": links.badge_class_image(base, award.badge_class.slug),
        "assertion": links.assertion(base, pid),
        "jws": links.assertion_jws(base, pid),
        "ob2_png": links.assertion_baked(base, pid, "png"),
        "ob2_svg": links.assertion_baked(base, pid, "svg"),
        "credential": links.credential(base, pid),
        "jwt": links.credential_jwt(base, pid),
        "ob3_png": links.credential_baked(base, pid, "png"),
        "ob3_svg": links.credential_baked(base, pid, "svg"),
    }


@pytest.mark.parametrize(("name", "content_type"), CONTENT_TYPES)
def test_content_type_cors_etag_and_304(client, award, name, content_type):
    url = urls_of(award)[name]
    response = get(client, url)
    assert response.status_code == 200
    assert response["Content-Type"].split(";")[0] == content_type
    assert response["Access-Control-Allow-Origin"] == "*"
    assert response["X-Content-Type-Options"] == "nosniff"
    assert "sandbox" in response["Content-Security-Policy"]
    assert response["Cache-Control"]
    etag = response["ETag"]
    again = get(client, url, if_none_match=etag)
    assert again.status_code == 304
    assert again.content == b""
    assert get(client, url, if_none_match='"other"').status_code == 200
    preflight = client.options(_path(url))
    assert preflight.status_code == 204
    assert preflight["Access-Control-Allow-Origin"] == "*"
    assert client.post(_path(url)).status_code == 405


def test_head_answers_headers_without_body(client, award):
    for name in ("assertion", "credential", "ob2_png"):
        response = client.head(_path(urls_of(award)[name]))
        assert response.status_code == 200, name
        assert response["Access-Control-Allow-Origin"] == "*"
        assert response.content == b""


def test_documents_carrying_status_are_revalidated_others_cached(client, award):
    urls = urls_of(award)
    for name in ("assertion", "revocations", "status", "credential", "jws", "jwt", "ob2_png"):
        assert "no-cache" in get(client, urls[name])["Cache-Control"], name
    for name in ("profile", "class", "did", "key", "class_image"):
        assert "max-age=300" in get(client, urls[name])["Cache-Control"], name


@pytest.mark.parametrize(
    ("accept", "expected"),
    [
        ("application/ld+json", "application/ld+json"),
        ("application/json", "application/json"),
        ("application/vc", "application/vc"),
        ("application/vc+ld+json, application/json;q=0.5", "application/vc+ld+json"),
        ("text/html", "application/vc+ld+json"),
        ("*/*", "application/vc+ld+json"),
    ],
)
def test_ob3_credential_content_negotiation(client, award, accept, expected):
    response = get(client, urls_of(award)["credential"], accept=accept)
    assert response["Content-Type"].split(";")[0] == expected
    assert "Accept" in response["Vary"].split(", ")


def test_vc_jwt_and_did_negotiation(client, award):
    urls = urls_of(award)
    assert get(client, urls["jwt"], accept="application/vc+jwt")["Content-Type"].startswith(
        "application/vc+jwt"
    )
    assert get(client, urls["did"], accept="application/did+json")["Content-Type"].startswith(
        "application/did+json"
    )


def test_unknown_ids_are_404(client, award, issuer):
    base, missing = base_url(), uuid.uuid4()
    for url in (
        links.assertion(base, missing),
        links.assertion_jws(base, missing),
        links.assertion_baked(base, missing, "png"),
        links.credential(base, missing),
        links.credential_jwt(base, missing),
        links.credential_baked(base, missing, "svg"),
        links.verify_page(base, missing),
        links.issuer_profile(base, "nobody"),
        links.issuer_did_document(base, "nobody"),
        links.issuer_revocations(base, "nobody"),
        links.issuer_status_list(base, "nobody"),
        links.issuer_key(base, issuer.slug, "no-such-key"),
        # Ed25519 keys live in the DID document, not as OB 2.0 CryptographicKeys
        links.issuer_key(base, issuer.slug, issuer.active_key(ED25519).key_id),
        links.badge_class(base, "nothing"),
        links.badge_class_image(base, "nothing"),
    ):
        response = get(client, url)
        assert response.status_code == 404, url
        if "/verify/" not in url:
            assert response["Access-Control-Allow-Origin"] == "*", url
            assert json.loads(response.content) == {"error": "not found"}
    assert client.get("/dxq/badges/assertions/not-a-uuid.json").status_code == 404


def test_served_json_ld_canonicalises_in_safe_mode(client, award):
    """Every JSON-LD document we serve expands with only pinned contexts and defines every
    member (an undefined one would be dropped from the signed/canonical form: an error)."""
    urls = urls_of(award)
    for name in ("profile", "key", "revocations", "class", "class_en", "assertion", "credential"):
        assert canon.canonize(served_json(client, urls[name])), name
    assert canon.canonize(served_json(client, urls["status"]))


def test_our_core_verifies_what_is_served(client, award, learner):
    urls = urls_of(award)
    did_document = served_json(client, urls["did"])

    def resolve_key(method_id):
        return did.key_from_did_document(did_document, method_id)

    credential = served_json(client, urls["credential"])
    dataintegrity.verify(credential, resolver=resolve_key)
    assert credential["id"] == award.credential_url
    from_jwt = vcjwt.verify(
        get(client, urls["jwt"]).content.decode(),
        resolver=lambda header: resolve_key(header["kid"]),
    )
    assert from_jwt == {k: v for k, v in credential.items() if k != "proof"}
    profile = served_json(client, urls["profile"])
    token = get(client, urls["jws"]).content.decode()
    creator = json.loads(baking_payload(token))["verification"]["creator"]
    key_doc = served_json(client, creator)
    signed = ob2.verify_signed(token, ob2.key_of(key_doc, profile), creator=creator)
    assert ob2.identity_matches(signed["recipient"], learner.email)
    hosted = served_json(client, urls["assertion"])
    assert hosted["verification"] == {"type": "hosted"}
    assert hosted["id"] == award.assertion_url
    assert ob2.identity_matches(hosted["recipient"], learner.email)
    assert not ob2.identity_matches(hosted["recipient"], "someone@example.jp")
    assert served_json(client, hosted["badge"])["issuer"] == profile["id"]
    status_list = served_json(client, urls["status"])
    dataintegrity.verify(status_list, resolver=resolve_key)
    assert statuslist.status(credential["credentialStatus"], status_list) is False


def baking_payload(token):
    import base64

    part = token.split(".")[1]
    return base64.urlsafe_b64decode(part + "=" * (-len(part) % 4))


def test_english_badge_class_document(client, award, badge_class):
    english = served_json(client, urls_of(award)["class_en"])
    japanese = served_json(client, urls_of(award)["class"])
    assert english["name"] == badge_class.name_en
    assert japanese["name"] == badge_class.name_ja
    assert english["alignment"][0]["targetCode"] == "dss-p/v1/BT-1-1"


@pytest.mark.parametrize("fmt", ["png", "svg"])
def test_baked_images_unbake_to_the_served_documents(client, award, fmt):
    urls = urls_of(award)
    hosted = served_json(client, urls["assertion"])
    ob2_image = get(client, urls[f"ob2_{fmt}"]).content
    assert json.loads(baking.unbake(ob2_image, 2)) == hosted
    signed_image = get(client, urls[f"ob2_{fmt}"] + "?verification=signed").content
    assert baking.unbake(signed_image, 2) == award.ob2_jws
    ob3_image = get(client, urls[f"ob3_{fmt}"]).content
    assert json.loads(baking.unbake(ob3_image, 3)) == served_json(client, urls["credential"])
    assert baking.image_kind(ob3_image) == fmt


def test_uploaded_png_and_svg_images_are_used(client, issuer, learner):
    from django.core.files.base import ContentFile

    from community_plugin.badges import images
    from tests.community_plugin.badges.web.conftest import make_badge_class

    png = images.disc_png((10, 120, 60), size=32)
    with_png = make_badge_class(issuer, slug="with-png")
    with_png.image.save("with-png.png", ContentFile(png))
    award = api.award(with_png, learner, source="manual")
    image = get(client, links.badge_class_image(base_url(), "with-png"))
    assert image.content == png
    baked = get(client, links.assertion_baked(base_url(), award.public_id, "png")).content
    assert baked.startswith(png[:33])  # same signature and IHDR: the upload, baked
    svg_of_png = get(client, links.assertion_baked(base_url(), award.public_id, "svg")).content
    assert b"data:image/png;base64," in svg_of_png
    drawing = b'<svg xmlns="http://www.w3.org/2000/svg" width="10" height="10"><rect/></svg>'
    with_svg = make_badge_class(issuer, slug="with-svg")
    with_svg.image.save("with-svg.svg", ContentFile(drawing))
    served = get(client, links.badge_class_image(base_url(), "with-svg"))
    assert served["Content-Type"].startswith("image/svg+xml")
    assert served.content == drawing


def test_revoked_hosted_assertion_is_410_with_reason(client, award):
    urls = urls_of(award)
    api.revoke(award, "規約違反")
    response = get(client, urls["assertion"])
    assert response.status_code == 410
    assert response["Content-Type"].startswith("application/ld+json")
    document = json.loads(response.content)
    assert document["revoked"] is True
    assert document["revocationReason"] == "規約違反"
    assert document["id"] == award.assertion_url
    for name in ("ob2_png", "ob2_svg", "ob3_png", "ob3_svg"):
        assert get(client, urls[name]).status_code == 410, name
    # the signed forms stay: their revocation is in the lists
    assert get(client, urls["jws"]).status_code == 200
    assert get(client, urls["credential"]).status_code == 200


def test_revocation_list_with_one_and_with_many_entries(client, issuer, learner, other_learner):
    from tests.community_plugin.badges.web.conftest import make_badge_class

    classes = [make_badge_class(issuer, slug=f"badge-{n}") for n in range(4)]
    awards = [api.award(bc, user, source="manual") for bc in classes for user in (learner,)]
    awards.append(api.award(classes[0], other_learner, source="manual"))
    url = links.issuer_revocations(base_url(), issuer.slug)
    empty = served_json(client, url)
    assert empty["type"] == "RevocationList"
    assert empty["revokedAssertions"] == []

    def signed_payload(found):
        return json.loads(baking_payload(found.ob2_jws))

    api.revoke(awards[0], "誤って発行")
    one = served_json(client, url)
    assert len(one["revokedAssertions"]) == 2  # its hosted URL and its signed urn:uuid id
    assert ob2.is_revoked(signed_payload(awards[0]), one)
    assert ob2.is_revoked({"id": awards[0].assertion_url}, one)
    assert not any(ob2.is_revoked(signed_payload(a), one) for a in awards[1:])
    # one entry compacted out of its list (what the OB 2.0 validator would see) still counts
    compacted = {**one, "revokedAssertions": one["revokedAssertions"][1]}
    assert ob2.is_revoked(signed_payload(awards[0]), compacted)
    assert canon.canonize(one)

    for found in awards[1:4]:
        api.revoke(found, "")
    many = served_json(client, url)
    assert len(many["revokedAssertions"]) == 8
    assert all(ob2.is_revoked(signed_payload(a), many) for a in awards[:4])
    assert not ob2.is_revoked(signed_payload(awards[4]), many)
    token = awards[1].ob2_jws
    creator = signed_payload(awards[1])["verification"]["creator"]
    key = ob2.key_of(
        served_json(client, creator),
        served_json(client, links.issuer_profile(base_url(), issuer.slug)),
    )
    with pytest.raises(ob2.VerificationError):
        ob2.verify_signed(token, key, revocation_list_doc=many)
    ob2.verify_signed(awards[4].ob2_jws, key, revocation_list_doc=many)


def test_status_list_bits_flip_at_once_on_revocation(client, issuer, learner, other_learner):
    from tests.community_plugin.badges.web.conftest import make_badge_class

    badge = make_badge_class(issuer, slug="status-bits")
    first = api.award(badge, learner, source="manual")
    second = api.award(badge, other_learner, source="manual")
    url = links.issuer_status_list(base_url(), issuer.slug)
    did_document = served_json(client, links.issuer_did_document(base_url(), issuer.slug))

    def bits():
        served = served_json(client, url)
        dataintegrity.verify(served, resolver=lambda m: did.key_from_did_document(did_document, m))
        return [
            statuslist.status(a.credential["credentialStatus"], served) for a in (first, second)
        ]

    assert bits() == [False, False]  # and now the list is cached
    api.revoke(first, "")
    assert bits() == [True, False]  # the cache was cleared by the revocation
    api.revoke(second, "")
    assert bits() == [True, True]
    again = api.award(badge, learner, source="manual")  # re-award after revocation: a new bit
    assert again.public_id != first.public_id
    served = served_json(client, url)
    assert statuslist.status(again.credential["credentialStatus"], served) is False


def test_retired_keys_stay_published(client, award):
    issuer = award.issuer
    old_rsa = issuer.active_key(RSA)
    api.rotate_keys(issuer)
    assert issuer.active_key(RSA).pk != old_rsa.pk
    old_url = links.issuer_key(base_url(), issuer.slug, old_rsa.key_id)
    assert get(client, old_url).status_code == 200
    profile = served_json(client, links.issuer_profile(base_url(), issuer.slug))
    assert old_url in profile["publicKey"]
    did_document = served_json(client, links.issuer_did_document(base_url(), issuer.slug))
    dataintegrity.verify(
        award.credential, resolver=lambda m: did.key_from_did_document(did_document, m)
    )


def test_private_award_documents_stay_fetchable(client, award, learner):
    api.set_public(award, learner, False)
    urls = urls_of(award)
    for name in ("assertion", "jws", "credential", "jwt", "ob2_png", "ob3_png"):
        assert get(client, urls[name]).status_code == 200, name
    assert get(client, links.verify_page(base_url(), award.public_id)).status_code == 404
