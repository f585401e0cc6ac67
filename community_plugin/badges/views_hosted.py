"""The documents an Open Badges issuer hosts, at the paths of :mod:`.links`.

Every document here is public by URL (verifiers and backpacks fetch them without an account):
CORS ``*``, an ETag (``If-None-Match`` answers 304), ``nosniff`` and a locked-down CSP (an
uploaded SVG cannot run script on our origin). Documents that carry revocation status
(assertions, credentials, the revocation and status lists) are ``no-cache``: a verifier always
revalidates, so a revocation shows at once; the others may be cached for five minutes. An
unknown id answers a JSON 404, with the CORS header as well.

Content types:

- OB 2.0 JSON-LD (Profile, BadgeClass, Assertion, CryptographicKey, RevocationList):
  ``application/ld+json``;
- OB 2.0 signed assertion (compact JWS): ``application/jose`` (RFC 7515);
- OB 3.0 credential and status-list credential (JSON with a Data Integrity proof):
  ``application/vc+ld+json`` (the VC 2.0 media type OB 3.0 was written against); a client
  asking for ``application/vc``, ``application/ld+json`` or ``application/json`` gets that;
- OB 3.0 VC-JWT: ``application/jwt`` (its header says ``typ: JWT``); ``application/vc+jwt`` on
  request;
- DID document: ``application/did+ld+json`` (``application/did+json``/``application/json`` on
  request);
- images: ``image/png`` / ``image/svg+xml``.

A revoked award's hosted assertion answers ``410 Gone`` with the assertion plus
``"revoked": true`` and its ``revocationReason``; its baked images answer 410 too (a revoked
badge is not handed out again). The signed forms stay served: their revocation is in the
RevocationList and the status list. The ``public`` switch of an award hides only the human
verification page: the machine documents carry no name (a salted email hash, an opaque
subject id), and a verifier holding the badge must be able to fetch them.
"""

from __future__ import annotations

import functools
import hashlib
import re

from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from . import api, documents_ob2, documents_web
from .models import RSA, Award, BadgeClass, Issuer, IssuerKey

LD_JSON = "application/ld+json"
JOSE = "application/jose"
VC_LD_JSON = "application/vc+ld+json"
VC_TYPES = [VC_LD_JSON, "application/vc", LD_JSON, "application/json"]
JWT_TYPES = ["application/jwt", "application/vc+jwt"]
DID_TYPES = ["application/did+ld+json", "application/did+json", "application/json"]

#: Cache-Control of documents whose content changes on revocation, and of the others.
REVALIDATE = "public, no-cache"
SHORT = "public, max-age=300"
CSP = "default-src 'none'; img-src data:; style-src 'unsafe-inline'; sandbox"


def hosted(view):
    """GET/HEAD/OPTIONS only; ``OPTIONS`` answers the CORS preflight; an unknown id is a JSON
    404 that carries the CORS header too (a browser-based verifier can tell "no such badge"
    from a network failure)."""

    @require_http_methods(["GET", "HEAD", "OPTIONS"])
    @functools.wraps(view)
    def wrapper(request, *args, **kwargs):
        if request.method == "OPTIONS":
            return _preflight()
        try:
            return view(request, *args, **kwargs)
        except Http404:
            body = b'{"error": "not found"}'
            return document_response(
                request, body, "application/json", status=404, cache=REVALIDATE
            )

    return wrapper


# responses -------------------------------------------------------------------------------


def _preflight() -> HttpResponse:
    response = HttpResponse(status=204)
    response["Access-Control-Allow-Origin"] = "*"
    response["Access-Control-Allow-Methods"] = "GET, HEAD, OPTIONS"
    response["Access-Control-Allow-Headers"] = "Accept, If-None-Match"
    response["Access-Control-Max-Age"] = "86400"
    return response


def _negotiate(request, types: list[str]) -> str:
    """The type the client prefers among ``types``; the first one when it states none of them."""
    if "HTTP_ACCEPT" not in request.META:
        return types[0]
    return request.get_preferred_type(types) or types[0]


def document_response(
    request,
    body: bytes,
    content_type: str,
    *,
    status: int = 200,
    cache: str = SHORT,
    filename: str | None = None,
) -> HttpResponse:
    """``body`` with the headers every hosted document gets (ETag/304 for 200 answers)."""
    etag = '"' + hashlib.sha256(body).hexdigest()[:40] + '"'
    if status == 200 and etag in _if_none_match(request):
        response = HttpResponse(status=304)
    else:
        charset = "; charset=utf-8" if not content_type.startswith("image/png") else ""
        response = HttpResponse(body, status=status, content_type=content_type + charset)
        if filename:
            response["Content-Disposition"] = f'inline; filename="{filename}"'
    response["ETag"] = etag
    response["Cache-Control"] = cache
    response["Vary"] = "Accept"
    response["Access-Control-Allow-Origin"] = "*"
    response["Access-Control-Expose-Headers"] = "ETag"
    response["X-Content-Type-Options"] = "nosniff"
    response["Content-Security-Policy"] = CSP
    return response


def _if_none_match(request) -> set[str]:
    header = request.META.get("HTTP_IF_NONE_MATCH", "")
    return {tag.strip().removeprefix("W/") for tag in header.split(",") if tag.strip()}


def _json(request, document: dict, content_type=LD_JSON, **kwargs) -> HttpResponse:
    return document_response(request, documents_web.json_bytes(document), content_type, **kwargs)


def _gone(request, message: str) -> HttpResponse:
    return document_response(
        request, message.encode("utf-8"), "text/plain", status=410, cache=REVALIDATE
    )


# lookups ---------------------------------------------------------------------------------


def _issuer(slug: str) -> Issuer:
    return get_object_or_404(Issuer, slug=slug)


def _award(public_id) -> Award:
    """Any award by its public id (privacy does not hide machine documents, see above)."""
    return get_object_or_404(
        Award.objects.select_related("badge_class", "issuer"), public_id=public_id
    )


def _filename(award: Award, suffix: str) -> str:
    slug = re.sub(r"[^A-Za-z0-9_-]", "", award.badge_class.slug) or "badge"
    return f"{slug}-{str(award.public_id)[:8]}{suffix}"


# issuers ---------------------------------------------------------------------------------


@hosted
def issuer_profile(request, slug):
    return _json(request, documents_ob2.profile(_issuer(slug)))


@hosted
def issuer_did_document(request, slug):
    document = api.did_document(_issuer(slug))
    return _json(request, document, _negotiate(request, DID_TYPES))


@hosted
def issuer_key(request, slug, key_id):
    """An RSA key as an OB 2.0 ``CryptographicKey`` (retired keys stay: old awards use them)."""
    key = get_object_or_404(
        IssuerKey.objects.select_related("issuer"), issuer__slug=slug, key_id=key_id, kind=RSA
    )
    return _json(request, documents_ob2.cryptographic_key(key))


@hosted
def issuer_revocations(request, slug):
    document = documents_ob2.revocation_list(_issuer(slug))
    return _json(request, document, cache=REVALIDATE)


@hosted
def issuer_status_list(request, slug):
    document = api.status_list_credential(_issuer(slug))
    return _json(request, document, _negotiate(request, VC_TYPES), cache=REVALIDATE)


# badge classes ---------------------------------------------------------------------------


@hosted
def badge_class(request, slug):
    """The OB 2.0 BadgeClass (= OB 3.0 Achievement id); ``?lang=en`` is the English one."""
    found = get_object_or_404(BadgeClass.objects.select_related("issuer"), slug=slug)
    lang = "en" if request.GET.get("lang", "").startswith("en") else "ja"
    return _json(request, documents_ob2.badge_class(found, lang))


@hosted
def badge_class_image(request, slug):
    found = get_object_or_404(BadgeClass, slug=slug)
    data, content_type = documents_web.class_image(found)
    return document_response(request, data, content_type)


# awards ----------------------------------------------------------------------------------


@hosted
def assertion(request, public_id):
    """The hosted OB 2.0 assertion; 410 Gone with ``revoked: true`` once revoked."""
    found = _award(public_id)
    document = documents_ob2.hosted_assertion(found)
    status = 410 if found.is_revoked else 200
    return _json(request, document, status=status, cache=REVALIDATE)


@hosted
def assertion_jws(request, public_id):
    found = _award(public_id)
    if not found.ob2_jws:
        raise Http404
    body = found.ob2_jws.encode("ascii")
    return document_response(
        request, body, JOSE, cache=REVALIDATE, filename=_filename(found, "-ob2.jws")
    )


@hosted
def assertion_baked(request, public_id, fmt):
    """OB 2.0 baked image; ``?verification=signed`` bakes the JWS instead of the hosted
    assertion."""
    found = _award(public_id)
    if found.is_revoked:
        return _gone(request, _("This badge has been revoked."))
    signed = request.GET.get("verification") == "signed"
    if signed and not found.ob2_jws:
        raise Http404
    body = documents_web.baked_ob2(found, fmt, signed=signed)
    return document_response(
        request,
        body,
        documents_web.CONTENT_TYPES[fmt],
        cache=REVALIDATE,
        filename=_filename(found, f"-ob2.{fmt}"),
    )


@hosted
def credential(request, public_id):
    """The OB 3.0 credential with its Data Integrity proof."""
    found = _award(public_id)
    if not found.credential:
        raise Http404
    return _json(
        request,
        found.credential,
        _negotiate(request, VC_TYPES),
        cache=REVALIDATE,
        filename=_filename(found, "-ob3.json"),
    )


@hosted
def credential_jwt(request, public_id):
    found = _award(public_id)
    if not found.credential_jwt:
        raise Http404
    return document_response(
        request,
        found.credential_jwt.encode("ascii"),
        _negotiate(request, JWT_TYPES),
        cache=REVALIDATE,
        filename=_filename(found, "-ob3.jwt"),
    )


@hosted
def credential_baked(request, public_id, fmt):
    found = _award(public_id)
    if found.is_revoked:
        return _gone(request, _("This badge has been revoked."))
    if not found.credential:
        raise Http404
    return document_response(
        request,
        documents_web.baked_ob3(found, fmt),
        documents_web.CONTENT_TYPES[fmt],
        cache=REVALIDATE,
        filename=_filename(found, f"-ob3.{fmt}"),
    )
