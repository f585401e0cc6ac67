"""Baking badges into PNG and SVG images (Open Badges 2.0 and 3.0) and reading them back."""

import binascii
import json
import struct
import zlib

import pytest
from defusedxml.ElementTree import fromstring

from community_plugin.badges import baking
from community_plugin.badges.errors import BakingError

ASSERTION = {
    "@context": "https://w3id.org/openbadges/v2",
    "type": "Assertion",
    "id": "https://badges.example.jp/assertions/1",
    "badge": "https://badges.example.jp/badges/1",
}
CREDENTIAL = {
    "@context": ["https://www.w3.org/ns/credentials/v2"],
    "id": "urn:uuid:1",
    "name": "データ活用 ]]> </svg> & <b>",
}
JWS = "eyJhbGciOiJSUzI1NiJ9.eyJ0eXBlIjoiQXNzZXJ0aW9uIn0.c2lnbmF0dXJl"
SVG = b"""<?xml version="1.0" encoding="UTF-8"?>
<!-- a badge drawn by hand -->
<!DOCTYPE svg PUBLIC "-//W3C//DTD SVG 1.1//EN" "http://www.w3.org/Graphics/SVG/1.1/DTD/svg11.dtd">
<svg xmlns="http://www.w3.org/2000/svg" width="10" data-note="a > b"><circle r="4"/></svg>
"""


def chunk(kind, data):
    return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))


def tiny_png(extra=b""):
    """A 2x1 RGB PNG built by hand: one red pixel and one blue one."""
    header = struct.pack(">IIBBBBB", 2, 1, 8, 2, 0, 0, 0)
    pixels = zlib.compress(b"\x00" + b"\xff\x00\x00" + b"\x00\x00\xff")
    return (
        b"\x89PNG\r\n\x1a\n"
        + chunk(b"IHDR", header)
        + extra
        + chunk(b"IDAT", pixels)
        + chunk(b"IEND", b"")
    )


def independent_chunks(png):
    """Walk the chunks and check each CRC with binascii (not the code under test)."""
    assert png[:8] == b"\x89PNG\r\n\x1a\n"
    position, found = 8, []
    while position < len(png):
        (length,) = struct.unpack(">I", png[position : position + 4])
        kind = png[position + 4 : position + 8]
        data = png[position + 8 : position + 8 + length]
        (crc,) = struct.unpack(">I", png[position + 8 + length : position + 12 + length])
        assert crc == binascii.crc32(kind + data), kind
        found.append((kind, data))
        position += 12 + length
    assert position == len(png)
    return found


@pytest.mark.parametrize(
    ("version", "payload", "keyword"),
    [
        (2, ASSERTION, b"openbadges"),
        (2, JWS, b"openbadges"),
        (2, "https://badges.example.jp/assertions/1", b"openbadges"),
        (3, CREDENTIAL, b"openbadgecredential"),
        (3, JWS, b"openbadgecredential"),
    ],
)
def test_png_round_trip(version, payload, keyword):
    baked = baking.bake(tiny_png(), payload, version)
    chunks = independent_chunks(baked)
    assert [kind for kind, _ in chunks] == [b"IHDR", b"iTXt", b"IDAT", b"IEND"]
    itxt = chunks[1][1]
    assert itxt.startswith(keyword + b"\x00\x00\x00")  # keyword, uncompressed, method 0
    text = baking.unbake(baked, version)
    assert text == (
        payload if isinstance(payload, str) else json.dumps(payload, ensure_ascii=False)
    )
    if isinstance(payload, dict):
        assert json.loads(text) == payload
    # Pixels are untouched.
    assert chunks[2] == independent_chunks(tiny_png())[1]


def test_baked_png_decodes_with_pypng():
    import png

    baked = baking.bake(tiny_png(), ASSERTION, 2)
    width, height, rows, info = png.Reader(bytes=baked).read()
    assert (width, height) == (2, 1)
    assert [list(row) for row in rows] == [[255, 0, 0, 0, 0, 255]]
    text_chunks = [data for kind, data in png.Reader(bytes=baked).chunks() if kind == b"iTXt"]
    assert len(text_chunks) == 1


def test_rebaking_replaces_the_chunk_and_keeps_the_other_version():
    first = baking.bake(tiny_png(), ASSERTION, 2)
    both = baking.bake(first, CREDENTIAL, 3)
    again = baking.bake(both, JWS, 2)
    keywords = [
        data.split(b"\x00")[0] for kind, data in independent_chunks(again) if kind == b"iTXt"
    ]
    assert sorted(keywords) == [b"openbadgecredential", b"openbadges"]
    assert baking.unbake(again, 2) == JWS
    assert json.loads(baking.unbake(again, 3)) == CREDENTIAL


def test_other_text_chunks_are_kept():
    comment = chunk(b"tEXt", b"Comment\x00drawn by hand")
    baked = baking.bake(tiny_png(comment), ASSERTION, 2)
    assert (b"tEXt", b"Comment\x00drawn by hand") in independent_chunks(baked)


def test_unbaking_a_plain_image_says_so():
    with pytest.raises(BakingError, match="no Open Badge"):
        baking.unbake(tiny_png())
    with pytest.raises(BakingError, match="no Open Badge"):
        baking.unbake(SVG)


@pytest.mark.parametrize(
    "image",
    [
        b"\xff\xd8\xff\xe0\x00\x10JFIF\x00",  # JPEG
        b"GIF89a\x01\x00\x01\x00",
        b"just some text",
        b"<html><body>not svg</body></html>",
        b"<svg xmlns='http://www.w3.org/2000/svg'><unclosed></svg>",
        b"",
    ],
)
def test_non_png_or_svg_input_is_refused_clearly(image):
    with pytest.raises(BakingError, match="only PNG and SVG"):
        baking.bake(image, ASSERTION)


def test_damaged_pngs_are_refused():
    good = tiny_png()
    corrupt = bytearray(good)
    corrupt[20] ^= 0xFF  # inside IHDR data: its CRC no longer matches
    with pytest.raises(BakingError, match="CRC"):
        baking.bake(bytes(corrupt), ASSERTION)
    with pytest.raises(BakingError, match="truncated"):
        baking.bake(good[:-6], ASSERTION)
    no_ihdr = good[:8] + chunk(b"IDAT", b"") + chunk(b"IEND", b"")
    with pytest.raises(BakingError, match="IHDR"):
        baking.bake(no_ihdr, ASSERTION)


def svg_element(baked, version, first=True):
    namespace, tag = baking.SVG_TAGS[version]
    root = fromstring(baked)
    found = root.findall(f"{{{namespace}}}{tag}")
    assert len(found) == 1
    if first:
        assert list(root)[0] is found[0]  # first child of <svg>
    return found[0]


def test_svg_ob2_hosted_assertion():
    baked = baking.bake(SVG, ASSERTION, 2)
    element = svg_element(baked, 2)
    assert element.get("verify") == ASSERTION["id"]
    assert json.loads(element.text) == ASSERTION
    assert b'xmlns:openbadges="http://openbadges.org"' in baked.split(b"<circle")[0]
    assert json.loads(baking.unbake(baked)) == ASSERTION
    assert b'data-note="a > b"' in baked
    assert b'<circle r="4"/>' in baked


def test_svg_ob2_signed_assertion_uses_verify():
    baked = baking.bake(SVG, JWS, 2)
    element = svg_element(baked, 2)
    assert element.get("verify") == JWS
    assert not (element.text or "").strip()
    assert baking.unbake(baked, 2) == JWS


def test_svg_ob3_credential_json_and_jwt():
    baked = baking.bake(SVG, CREDENTIAL, 3)
    element = svg_element(baked, 3)
    assert element.get("verify") is None
    assert json.loads(baking.unbake(baked, 3)) == CREDENTIAL  # "]]>" and "</" survive
    jwt_baked = baking.bake(SVG, JWS, 3)
    assert svg_element(jwt_baked, 3).get("verify") == JWS


def test_svg_rebake_replaces_and_both_versions_coexist():
    both = baking.bake(baking.bake(SVG, ASSERTION, 2), CREDENTIAL, 3)
    again = baking.bake(baking.bake(both, JWS, 2), JWS, 3)
    assert baking.unbake(again, 2) == JWS
    assert baking.unbake(again, 3) == JWS
    assert [element.get("verify") for element in list(fromstring(again))[:2]] == [JWS, JWS]
    svg_element(again, 2, first=False)
    svg_element(again, 3)


def test_self_closing_svg_root_and_attribute_escaping():
    url = 'https://badges.example.jp/a?x=1&y="2"<3>'
    baked = baking.bake(b'<svg xmlns="http://www.w3.org/2000/svg"/>', url, 2)
    assert svg_element(baked, 2).get("verify") == url
    assert baking.unbake(baked) == url


def test_non_utf8_svg_is_refused():
    latin = '<?xml version="1.0" encoding="ISO-8859-1"?><svg xmlns="http://www.w3.org/2000/svg"><desc>é</desc></svg>'
    with pytest.raises(BakingError, match="UTF-8"):
        baking.bake(latin.encode("latin-1"), ASSERTION)


def test_bad_version_is_refused():
    with pytest.raises(BakingError, match="version"):
        baking.bake(tiny_png(), ASSERTION, 1)
