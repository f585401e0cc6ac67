"""Badge class and issuer images in the admin: a real PNG or SVG a badge can be baked into, or
a clear message in the admin user's language, with everything typed kept."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from community_plugin.badges import images
from community_plugin.badges.models import BadgeClass, Issuer

PNG = images.disc_png((30, 90, 160), size=16)
SVG = images.disc_svg((30, 90, 160), "DX").encode("utf-8")
#: Valid SVG, but its root is ``<svg:svg>``: our baker (and others) cannot add the badge element.
PREFIXED_SVG = (
    b'<svg:svg xmlns:svg="http://www.w3.org/2000/svg" width="10" height="10">'
    b'<svg:rect width="10" height="10"/></svg:svg>'
)


@pytest.fixture
def staff(demo_accounts):
    return demo_accounts["admin"]


@pytest.fixture(autouse=True)
def media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path


def badge_form(issuer, upload, **extra):
    data = {
        "issuer": issuer.pk,
        "slug": "data-literacy",
        "name_ja": "データリテラシー",
        "name_en": "Data literacy",
        "description_ja": "説明",
        "description_en": "Description",
        "criteria_ja": "基準",
        "criteria_en": "Criteria",
        "skills": '["dss-p/v1/BT-1-1"]',
        "tags": '["DX"]',
        "expiry_days": "365",
        "active": "on",
        "created_0": "2026-04-01",
        "created_1": "09:00:00",
        "rules-TOTAL_FORMS": "0",
        "rules-INITIAL_FORMS": "0",
        "image": upload,
    }
    data.update(extra)
    return data


def post_badge(client, issuer, upload):
    return client.post(
        reverse("admin:dxq_badges_badgeclass_add"),
        badge_form(issuer, upload),
        HTTP_ACCEPT_LANGUAGE="ja",
    )


@pytest.mark.parametrize(
    ("upload", "message"),
    [
        (SimpleUploadedFile("badge.gif", b"GIF89a"), "PNG または SVG"),
        (SimpleUploadedFile("badge.png", b"<html>not a picture</html>"), "PNG 画像ではありません"),
        (SimpleUploadedFile("badge.png", PNG[:-20]), "壊れているか不完全"),
        (SimpleUploadedFile("badge.svg", b"<html><body>x</body></html>"), "中身が SVG 画像"),
        (
            SimpleUploadedFile("badge.svg", PREFIXED_SVG),
            "バッジを焼き込めません",
        ),
    ],
    ids=["gif", "html-as-png", "truncated-png", "html-as-svg", "prefixed-svg-root"],
)
def test_a_bad_image_gets_a_japanese_message_and_keeps_the_form(
    client, staff, issuer, upload, message
):
    client.force_login(staff)
    response = post_badge(client, issuer, upload)
    assert response.status_code == 200
    page = response.content.decode()
    assert message in page, page[page.find("errorlist") - 200 : page.find("errorlist") + 600]
    assert 'value="データリテラシー"' in page  # what was typed is kept
    assert not BadgeClass.objects.filter(slug="data-literacy").exists()


@pytest.mark.parametrize(
    "upload",
    [SimpleUploadedFile("badge.png", PNG), SimpleUploadedFile("Badge.SVG", SVG)],
    ids=["png", "svg"],
)
def test_a_real_png_or_svg_is_accepted_and_served(client, staff, issuer, upload):
    client.force_login(staff)
    response = post_badge(client, issuer, upload)
    assert response.status_code == 302, response.content.decode()[:3000]
    made = BadgeClass.objects.get(slug="data-literacy")
    assert made.expiry_days == 365
    assert made.tags == ["DX"]
    served = client.get(reverse("dxq_badges:badge_class_image", args=[made.slug]))
    assert served.status_code == 200
    assert b"".join(served) == (PNG if made.image.name.endswith(".png") else SVG)


def test_a_too_large_image_is_refused(client, staff, issuer):
    client.force_login(staff)
    big = PNG[:33] + b"\x00" * (2 * 1024 * 1024) + PNG[33:]
    response = post_badge(client, issuer, SimpleUploadedFile("badge.png", big))
    assert "大きすぎます" in response.content.decode()


def test_saving_again_without_a_new_file_keeps_the_image(client, staff, issuer):
    client.force_login(staff)
    assert post_badge(client, issuer, SimpleUploadedFile("badge.png", PNG)).status_code == 302
    made = BadgeClass.objects.get(slug="data-literacy")
    data = badge_form(issuer, "", name_en="Data literacy (2026)")
    data.pop("image")
    response = client.post(reverse("admin:dxq_badges_badgeclass_change", args=[made.pk]), data)
    assert response.status_code == 302, response.content.decode()[:3000]
    made.refresh_from_db()
    assert made.name_en == "Data literacy (2026)"
    assert made.image.name.endswith(".png")


def test_the_issuer_image_is_checked_too(client, staff):
    client.force_login(staff)
    response = client.post(
        reverse("admin:dxq_badges_issuer_add"),
        {
            "slug": "hub",
            "name": "信州DX推進ハブ",
            "url": "https://hub.example.jp/",
            "email": "hub@example.jp",
            "description": "",
            "did_method": "web",
            "created_0": "2026-04-01",
            "created_1": "09:00:00",
            "keys-TOTAL_FORMS": "0",
            "keys-INITIAL_FORMS": "0",
            "image": SimpleUploadedFile("logo.png", b"not a png"),
        },
        HTTP_ACCEPT_LANGUAGE="ja",
    )
    assert response.status_code == 200
    assert "PNG 画像ではありません" in response.content.decode()
    assert not Issuer.objects.filter(slug="hub").exists()


@pytest.mark.parametrize(
    ("field", "value", "message"),
    [
        ("skills", '["dss-p/v1/BT-1-1", "dss-p/v1/XX-9-9"]', "dss-p/v1/XX-9-9"),
        ("skills", '"dss-p/v1/BT-1-1"', "スキル ID"),
        ("tags", '{"a": 1}', "タグ"),
    ],
    ids=["unknown-skill", "skills-not-a-list", "tags-not-a-list"],
)
def test_dss_p_alignment_and_tags_are_checked(client, staff, issuer, field, value, message):
    client.force_login(staff)
    data = badge_form(issuer, SimpleUploadedFile("badge.png", PNG), **{field: value})
    response = client.post(
        reverse("admin:dxq_badges_badgeclass_add"), data, HTTP_ACCEPT_LANGUAGE="ja"
    )
    assert response.status_code == 200
    errors = response.context["adminform"].form.errors[field]
    assert any(message in error for error in errors), errors
    assert not BadgeClass.objects.filter(slug="data-literacy").exists()
