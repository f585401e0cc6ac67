"""URLs of community_plugin.badges, mounted by the plugin framework at ``dxq/badges/``.

They serve exactly the paths :mod:`.links` writes into signed documents (a test checks each
``links`` function against ``reverse()``).
"""

from django.urls import path

from . import views_hosted, views_pages

app_name = "dxq_badges"

urlpatterns = [
    # issuers
    path("issuers/<slug:slug>/profile.json", views_hosted.issuer_profile, name="issuer_profile"),
    path("issuers/<slug:slug>/did.json", views_hosted.issuer_did_document, name="issuer_did"),
    path("issuers/<slug:slug>/keys/<str:key_id>.json", views_hosted.issuer_key, name="issuer_key"),
    path(
        "issuers/<slug:slug>/revocations.json",
        views_hosted.issuer_revocations,
        name="issuer_revocations",
    ),
    path(
        "issuers/<slug:slug>/status/revocation.json",
        views_hosted.issuer_status_list,
        name="issuer_status_list",
    ),
    # badge classes
    path("classes/<slug:slug>.json", views_hosted.badge_class, name="badge_class"),
    path("classes/<slug:slug>/image", views_hosted.badge_class_image, name="badge_class_image"),
    # awards: OB 2.0
    path("assertions/<uuid:public_id>.json", views_hosted.assertion, name="assertion"),
    path("assertions/<uuid:public_id>.jws", views_hosted.assertion_jws, name="assertion_jws"),
    path(
        "assertions/<uuid:public_id>.png",
        views_hosted.assertion_baked,
        {"fmt": "png"},
        name="assertion_png",
    ),
    path(
        "assertions/<uuid:public_id>.svg",
        views_hosted.assertion_baked,
        {"fmt": "svg"},
        name="assertion_svg",
    ),
    # awards: OB 3.0
    path("credentials/<uuid:public_id>.json", views_hosted.credential, name="credential"),
    path("credentials/<uuid:public_id>.jwt", views_hosted.credential_jwt, name="credential_jwt"),
    path(
        "credentials/<uuid:public_id>.png",
        views_hosted.credential_baked,
        {"fmt": "png"},
        name="credential_png",
    ),
    path(
        "credentials/<uuid:public_id>.svg",
        views_hosted.credential_baked,
        {"fmt": "svg"},
        name="credential_svg",
    ),
    # pages
    path("verify/<uuid:public_id>/", views_pages.verify, name="verify"),
    path("mine/", views_pages.my_badges, name="mine"),
    path("mine/<uuid:public_id>/privacy/", views_pages.set_privacy, name="privacy"),
]
