"""Checks of uploaded badge and issuer images: a real PNG or SVG that a badge can be baked into.

A file whose name ends in ``.png`` is not enough: a damaged PNG, an HTML page renamed ``.svg``
or an SVG another tool already baked would be accepted and then fail (or be silently replaced
by a drawn disc) the first time a learner downloads a baked badge. Each problem has its own
message, translated for the admin user.
"""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

from . import baking
from .errors import BakingError

MAX_BYTES = 2 * 1024 * 1024
_PROBE = {"@context": "https://w3id.org/openbadges/v2", "type": "Assertion"}


def check_image(upload) -> None:
    """Raise :class:`ValidationError` unless ``upload`` (a Django file) is a PNG or SVG whose
    content matches its name and into which Open Badges 2.0 and 3.0 can be baked."""
    name = (getattr(upload, "name", "") or "").lower()
    if not name.endswith((".png", ".svg")):
        raise ValidationError(_("The image must be a PNG or SVG file."), code="extension")
    size = getattr(upload, "size", None)
    if size is not None and size > MAX_BYTES:
        raise ValidationError(
            _("The image is too large: at most %(size)d MB.") % {"size": MAX_BYTES // 2**20},
            code="size",
        )
    upload.seek(0)
    data = upload.read()
    upload.seek(0)
    expected = "png" if name.endswith(".png") else "svg"
    if expected == "png":
        _check_png(data)
    else:
        _check_svg(data)


def _check_png(data: bytes) -> None:
    if not data.startswith(baking.PNG_SIGNATURE):
        raise ValidationError(
            _("The file is named .png but its content is not a PNG image."), code="not_png"
        )
    try:
        baking.png_chunks(data)
        for version in (2, 3):
            baking.bake(data, _PROBE, version)
    except BakingError as error:
        raise ValidationError(
            _("This PNG image is damaged or incomplete, so a badge cannot be baked into it."),
            code="bad_png",
        ) from error


def _check_svg(data: bytes) -> None:
    try:
        kind = baking.image_kind(data)
    except BakingError:
        kind = ""
    if kind != "svg":
        raise ValidationError(
            _("The file is named .svg but its content is not an SVG image (an <svg> element)."),
            code="not_svg",
        )
    try:
        for version in (2, 3):
            baking.bake(data, _PROBE, version)
    except BakingError as error:
        raise ValidationError(
            _(
                "This SVG image cannot carry a badge: save it as UTF-8 with a plain <svg> root "
                "element and without a badge already baked in."
            ),
            code="bad_svg",
        ) from error
