"""Data shared by the badges tests (import as ``tests.community_plugin.badges.support``)."""

import json
from pathlib import Path

VECTOR = Path(__file__).parent / "vector"
VECTOR_SECRET = "6241a409e6707bb640a0140a8a32bc3d193c33a661747284d6adfa4ed4180be4"
VECTOR_PUBLIC = "4bdeafde2ea8beefadd8c699b5c7e0704cf51154d52e17b20b71337ca04cc5a5"
VECTOR_MULTIKEY = "z6MkjZRZv3aez3r18pB1RBFJR1kwUVJ5jHt92JmQwXbd5hwi"
VECTOR_METHOD = f"https://example.edu/issuers/565049#{VECTOR_MULTIKEY}"
VECTOR_CREATED = "2010-01-01T19:23:24Z"
VECTOR_PROOF_HASH = "d34009cea0dbc1ca941e09dc01c8c9d3e3ce3c5b853f67ee44698dcea10f5d19"
VECTOR_DOCUMENT_HASH = "87f65a76d40146205e3b3e06cb0fbd153f97f9ce70372390f52566bb7f9e0773"
VECTOR_PROOF_VALUE = (
    "z5x9aCBYovW3CQCbKdNyhEm7ffYSw1YpEdPywQJoNbzDD2gkzQDKJ1sYKJaWvqZtkMtSbz35HcbgXVEDYHxCzgkCr"
)


def vector_text(name):
    return (VECTOR / name).read_text(encoding="utf-8")


def vector_json(name):
    return json.loads(vector_text(name))
