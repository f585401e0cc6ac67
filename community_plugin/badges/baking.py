"""Baking: a badge carried inside its own image (Open Badges 2.0 and 3.0 baking specifications).

PNG: one ``iTXt`` chunk, uncompressed, keyword ``openbadges`` (2.0) or ``openbadgecredential``
(3.0), holding the assertion/credential JSON, a compact JWS / VC-JWT, or (2.0 hosted) the
assertion URL. It is written right after ``IHDR``; a previous chunk with the same keyword is
removed first (the specifications allow only one). Chunks are written with ``zlib.crc32``:
the format is 12 bytes of framing, so no imaging library is needed, and the pixels are copied
byte for byte. Every chunk CRC of the input is checked, so a damaged PNG is refused.

SVG: an ``<openbadges:assertion>`` (2.0, namespace ``http://openbadges.org``) or
``<openbadges:credential>`` (3.0, namespace ``https://purl.imsglobal.org/ob/v3p0``) element,
first child of ``<svg>``. JSON goes in CDATA (a hosted 2.0 assertion also gets
``verify="<its URL>"``); a JWS, JWT or URL goes in the ``verify`` attribute. The SVG is parsed
with defusedxml (no entity expansion, no external fetches) and edited as text, so the rest of
the drawing stays as it was.

Anything that is not a PNG or an SVG is refused with :class:`BakingError`.
"""

from __future__ import annotations

import json
import re
import struct
import zlib
from xml.etree.ElementTree import ParseError

from defusedxml import DefusedXmlException
from defusedxml.ElementTree import fromstring

from .errors import BakingError

PNG_SIGNATURE = b"\x89PNG\r\n\x1a\n"
SVG_NS = "http://www.w3.org/2000/svg"
PNG_KEYWORDS = {2: "openbadges", 3: "openbadgecredential"}
SVG_TAGS = {
    2: ("http://openbadges.org", "assertion"),
    3: ("https://purl.imsglobal.org/ob/v3p0", "credential"),
}


def image_kind(image: bytes) -> str:
    """``"png"`` or ``"svg"``; :class:`BakingError` for anything else."""
    if not isinstance(image, bytes | bytearray):
        raise BakingError("an image is bytes")
    if image.startswith(PNG_SIGNATURE):
        return "png"
    head = image[:512].lstrip(b"\xef\xbb\xbf \t\r\n")
    if head.startswith(b"<") and _svg_root(image) is not None:
        return "svg"
    raise BakingError("only PNG and SVG images can carry a badge")


def bake(image: bytes, payload: str | dict, version: int = 2) -> bytes:
    """``image`` with ``payload`` baked in (``version`` 2 or 3 of Open Badges)."""
    if version not in PNG_KEYWORDS:
        raise BakingError("version must be 2 or 3")
    text = payload if isinstance(payload, str) else json.dumps(payload, ensure_ascii=False)
    if image_kind(image) == "png":
        return _bake_png(bytes(image), PNG_KEYWORDS[version], text)
    return _bake_svg(bytes(image), version, payload)


def unbake(image: bytes, version: int | None = None) -> str:
    """The baked text (JSON, JWS or URL). ``version=None`` reads whichever one is there."""
    versions = [version] if version else [3, 2]
    if image_kind(image) == "png":
        found = dict(_itxt_all(bytes(image)))
        for wanted in versions:
            if PNG_KEYWORDS[wanted] in found:
                return found[PNG_KEYWORDS[wanted]]
    else:
        root = _svg_root(image)
        for wanted in versions:
            namespace, tag = SVG_TAGS[wanted]
            element = root.find(f"{{{namespace}}}{tag}")
            if element is not None:
                content = (element.text or "").strip()
                return content or element.get("verify", "")
    raise BakingError("the image carries no Open Badge")


# PNG ------------------------------------------------------------------------------------


def png_chunks(png: bytes) -> list[tuple[bytes, bytes]]:
    """``[(type, data), ...]`` of a PNG, with every CRC and the IHDR/IEND framing checked."""
    if not png.startswith(PNG_SIGNATURE):
        raise BakingError("not a PNG")
    chunks, position = [], len(PNG_SIGNATURE)
    while position < len(png):
        if position + 12 > len(png):
            raise BakingError("the PNG is truncated")
        (length,) = struct.unpack(">I", png[position : position + 4])
        kind = png[position + 4 : position + 8]
        data = png[position + 8 : position + 8 + length]
        crc_bytes = png[position + 8 + length : position + 12 + length]
        if len(data) != length or len(crc_bytes) != 4:
            raise BakingError("the PNG is truncated")
        if struct.unpack(">I", crc_bytes)[0] != zlib.crc32(kind + data):
            raise BakingError(f"bad CRC in PNG chunk {kind!r}")
        chunks.append((kind, data))
        position += 12 + length
        if kind == b"IEND":
            break
    if not chunks or chunks[0][0] != b"IHDR" or chunks[-1][0] != b"IEND":
        raise BakingError("a PNG must start with IHDR and end with IEND")
    return chunks


def _chunk(kind: bytes, data: bytes) -> bytes:
    return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))


def _itxt(keyword: str, text: str) -> bytes:
    # keyword NUL, compression flag 0, method 0, empty language NUL, empty translation NUL
    return keyword.encode("latin-1") + b"\x00\x00\x00" + b"\x00" + b"\x00" + text.encode("utf-8")


def _read_itxt(data: bytes) -> tuple[str, str]:
    keyword, _, rest = data.partition(b"\x00")
    if len(rest) < 2:
        raise BakingError("malformed iTXt chunk")
    compressed, _method, rest = rest[0], rest[1], rest[2:]
    _language, _, rest = rest.partition(b"\x00")
    _translated, _, text = rest.partition(b"\x00")
    if compressed:
        text = zlib.decompress(text)
    return keyword.decode("latin-1"), text.decode("utf-8")


def _itxt_all(png: bytes):
    for kind, data in png_chunks(png):
        if kind == b"iTXt":
            yield _read_itxt(data)


def _bake_png(png: bytes, keyword: str, text: str) -> bytes:
    kept = [
        (kind, data)
        for kind, data in png_chunks(png)
        if not (kind == b"iTXt" and _read_itxt(data)[0] == keyword)
    ]
    kept.insert(1, (b"iTXt", _itxt(keyword, text)))
    return PNG_SIGNATURE + b"".join(_chunk(kind, data) for kind, data in kept)


# SVG ------------------------------------------------------------------------------------


def _svg_root(image: bytes):
    try:
        root = fromstring(bytes(image))
    except (ParseError, DefusedXmlException, ValueError):
        return None
    return root if root.tag == f"{{{SVG_NS}}}svg" else None


def _attr(value: str) -> str:
    escaped = value.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
    escaped = escaped.replace('"', "&quot;")
    return escaped.replace("\n", "&#10;").replace("\r", "&#13;").replace("\t", "&#9;")


def _cdata(text: str) -> str:
    return "<![CDATA[" + text.replace("]]>", "]]]]><![CDATA[>") + "]]>"


def _root_start(text: str) -> int:
    """Index of the root element's ``<``, past the XML declaration, comments and doctype."""
    position = 0
    while True:
        while position < len(text) and text[position].isspace():
            position += 1
        if text.startswith("<?", position):
            position = text.index("?>", position) + 2
        elif text.startswith("<!--", position):
            position = text.index("-->", position) + 3
        elif text.startswith("<!DOCTYPE", position):
            subset = text.find("[", position, text.find(">", position))
            position = text.index("]", subset) if subset != -1 else position
            position = _start_tag_end(text, position)
        else:
            return position


def _start_tag_end(text: str, start: int) -> int:
    """Index just past the ``>`` that closes the start tag beginning at ``start``."""
    quote = None
    for index in range(start, len(text)):
        char = text[index]
        if quote:
            quote = None if char == quote else quote
        elif char in "\"'":
            quote = char
        elif char == ">":
            return index + 1
    raise BakingError("the SVG start tag is not closed")


def _bake_svg(image: bytes, version: int, payload: str | dict) -> bytes:
    try:
        text = image.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        raise BakingError("the SVG must be UTF-8") from error
    namespace, tag = SVG_TAGS[version]
    name = f"openbadges:{tag}"
    text = re.sub(rf"<{name}\b[^>]*/>\s*|<{name}\b[^>]*>.*?</{name}\s*>\s*", "", text, flags=re.S)
    begin = _root_start(text)
    if not re.match(r"<svg[\s>/]", text[begin : begin + 5]):
        raise BakingError("the SVG root must be a plain <svg> element")
    end = _start_tag_end(text, begin)
    start_tag = text[begin:end]
    self_closing = start_tag.endswith("/>")
    if "xmlns:openbadges=" not in start_tag:
        cut = len(start_tag) - (2 if self_closing else 1)
        start_tag = f'{start_tag[:cut]} xmlns:openbadges="{namespace}"{start_tag[cut:]}'
    if isinstance(payload, dict):
        verify = payload.get("id") if version == 2 else None
        # "<\/" is the same JSON string and keeps "</" out of the CDATA section.
        body = _cdata(json.dumps(payload, ensure_ascii=False, indent=2).replace("</", "<\\/"))
    else:
        verify, body = payload, ""
    verify_attr = f' verify="{_attr(verify)}"' if verify else ""
    element = f'<{name} xmlns:openbadges="{namespace}"{verify_attr}>{body}</{name}>'
    if self_closing:
        start_tag = start_tag[:-2].rstrip() + ">"
        baked = text[:begin] + start_tag + element + "</svg>" + text[end:]
    else:
        baked = text[:begin] + start_tag + element + text[end:]
    result = baked.encode("utf-8")
    root = _svg_root(result)
    if root is None or len(root.findall(f"{{{namespace}}}{tag}")) != 1:
        raise BakingError("the SVG cannot be baked cleanly (is another baker's badge in it?)")
    return result
