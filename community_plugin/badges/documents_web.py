"""What the hosting views serve beyond the signed documents: badge images and baked downloads.

A badge class image is a PNG or an SVG (admin upload). Baked downloads need the same format as
the image they are baked into, so:

- PNG: the class image when it is a PNG; otherwise a disc drawn in code (:mod:`.images`) in the
  badge's colour (an SVG cannot be turned into pixels without an imaging library);
- SVG: the class image when it is an SVG; a PNG image wrapped in an SVG ``<image>`` (data URI,
  so nothing is fetched); otherwise the drawn disc as SVG.

OB 2.0 baked images carry the hosted assertion (JSON, whose ``id`` is its URL, so a verifier
fetches it and sees a revocation at once) or, on request, the signed assertion (JWS). OB 3.0
baked images carry the signed credential (JSON with its Data Integrity proof).
"""

from __future__ import annotations

import base64
import functools
import hashlib
import json
import struct

from . import baking, documents_ob2, images
from .errors import BakingError
from .models import Award, BadgeClass

PNG = "image/png"
SVG = "image/svg+xml"
CONTENT_TYPES = {"png": PNG, "svg": SVG}


def colour_of(slug: str) -> tuple[int, int, int]:
    """A stable, fairly dark colour for a badge without an image (white text stays readable)."""
    digest = hashlib.sha256(slug.encode("utf-8")).digest()
    return tuple(40 + value % 110 for value in digest[:3])


@functools.lru_cache(maxsize=64)
def drawn_png(slug: str) -> bytes:
    """The disc of a badge without a PNG (drawn in pure Python: ~50 ms, so kept)."""
    return images.disc_png(colour_of(slug))


def uploaded_image(badge_class: BadgeClass) -> tuple[bytes, str] | None:
    """``(bytes, "png" | "svg")`` of the uploaded image, or ``None`` (none, unreadable, other)."""
    if not badge_class.image:
        return None
    try:
        with badge_class.image.open("rb") as handle:
            data = handle.read()
    except OSError:
        return None
    try:
        return data, baking.image_kind(data)
    except BakingError:
        return None


def png_size(png: bytes) -> tuple[int, int]:
    width, height = struct.unpack(">II", png[16:24])
    return width, height


def svg_around_png(png: bytes, title: str) -> bytes:
    """An SVG showing ``png`` (embedded as a data URI, so it fetches nothing)."""
    width, height = png_size(png)
    data = base64.b64encode(png).decode("ascii")
    text = (
        f'<svg xmlns="http://www.w3.org/2000/svg" width="{width}" height="{height}" '
        f'viewBox="0 0 {width} {height}" role="img"><title>{_escape(title)}</title>'
        f'<image width="{width}" height="{height}" href="data:image/png;base64,{data}"/></svg>'
    )
    return text.encode("utf-8")


def _escape(text: str) -> str:
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def class_image(badge_class: BadgeClass) -> tuple[bytes, str]:
    """What ``classes/<slug>/image`` serves: ``(bytes, content type)``."""
    uploaded = uploaded_image(badge_class)
    if uploaded is not None:
        data, kind = uploaded
        return data, CONTENT_TYPES[kind]
    return drawn_png(badge_class.slug), PNG


def image_as(badge_class: BadgeClass, fmt: str) -> bytes:
    """The badge's picture as ``fmt`` (``png`` or ``svg``), ready for baking."""
    uploaded = uploaded_image(badge_class)
    if uploaded is not None and uploaded[1] == fmt:
        return uploaded[0]
    if fmt == "svg":
        if uploaded is not None:  # a PNG upload
            return svg_around_png(uploaded[0], badge_class.name_en or badge_class.name_ja)
        label = badge_class.name_en or badge_class.name_ja
        return images.disc_svg(colour_of(badge_class.slug), label).encode("utf-8")
    return drawn_png(badge_class.slug)


def ob2_payload(award: Award, signed: bool = False) -> str | dict:
    """What an OB 2.0 baked image carries: the hosted assertion, or the JWS."""
    return award.ob2_jws if signed else documents_ob2.hosted_assertion(award)


def baked_ob2(award: Award, fmt: str, signed: bool = False) -> bytes:
    return baking.bake(image_as(award.badge_class, fmt), ob2_payload(award, signed), 2)


def baked_ob3(award: Award, fmt: str) -> bytes:
    return baking.bake(image_as(award.badge_class, fmt), award.credential, 3)


def json_bytes(document: dict) -> bytes:
    """The JSON text we serve (UTF-8, Japanese as is, stable key order of the document)."""
    return json.dumps(document, ensure_ascii=False, indent=2).encode("utf-8")
