"""Plain badge images drawn in code (for the demo and for badge classes without an image):
a PNG disc (zlib + struct, no imaging library) and the same design as SVG."""

from __future__ import annotations

import struct
import zlib
from xml.sax.saxutils import escape


def _chunk(kind: bytes, data: bytes) -> bytes:
    body = kind + data
    return struct.pack(">I", len(data)) + body + struct.pack(">I", zlib.crc32(body) & 0xFFFFFFFF)


def disc_png(color: tuple[int, int, int], size: int = 256) -> bytes:
    """A ``size``-square RGBA PNG: a coloured disc with a white ring on transparency."""
    red, green, blue = color
    centre, outer, ring = (size - 1) / 2, size / 2 - 2, size / 2 - 18
    rows = []
    for y in range(size):
        row = bytearray(b"\x00")
        for x in range(size):
            distance = ((x - centre) ** 2 + (y - centre) ** 2) ** 0.5
            if distance > outer:
                row += b"\x00\x00\x00\x00"
            elif ring - 6 < distance < ring:
                row += b"\xff\xff\xff\xff"
            else:
                row += bytes((red, green, blue, 255))
        rows.append(bytes(row))
    header = struct.pack(">IIBBBBB", size, size, 8, 6, 0, 0, 0)
    return (
        b"\x89PNG\r\n\x1a\n"
        + _chunk(b"IHDR", header)
        + _chunk(b"IDAT", zlib.compress(b"".join(rows), 9))
        + _chunk(b"IEND", b"")
    )


def disc_svg(color: tuple[int, int, int], label: str) -> str:
    hex_color = "#{:02x}{:02x}{:02x}".format(*color)
    return (
        '<svg xmlns="http://www.w3.org/2000/svg" width="256" height="256" viewBox="0 0 256 256">'
        f'<circle cx="128" cy="128" r="126" fill="{hex_color}"/>'
        '<circle cx="128" cy="128" r="107" fill="none" stroke="#fff" stroke-width="6"/>'
        '<text x="128" y="140" font-size="28" text-anchor="middle" fill="#fff">'
        f"{escape(label)}</text></svg>"
    )
