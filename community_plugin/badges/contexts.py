"""The offline JSON-LD document loader: pinned contexts only, never the network.

Every context the badges core understands is a file in ``contexts/`` next to this module, with
its SHA-256 recorded below. :func:`load_document` is a PyLD document loader that answers those
URLs from the files and raises :class:`~.errors.ContextNotPinned` for every other URL, so a
credential that names an unknown context cannot be canonicalised (and so cannot be signed or
verified) instead of making this server fetch something.

The digests make "pinned" mean something: a file edited by mistake (or on purpose) is refused
when it is first loaded, since a changed context silently changes what a signature covers.
"""

from __future__ import annotations

import functools
import hashlib
import json
from importlib import resources
from types import MappingProxyType

from .errors import BadgeError, ContextNotPinned

VC_V2 = "https://www.w3.org/ns/credentials/v2"
OB_V3P0 = "https://purl.imsglobal.org/spec/ob/v3p0/context-3.0.3.json"
DATA_INTEGRITY_V2 = "https://w3id.org/security/data-integrity/v2"
MULTIKEY_V1 = "https://w3id.org/security/multikey/v1"
DID_V1 = "https://www.w3.org/ns/did/v1"
STATUS_LIST_V1 = "https://www.w3.org/ns/credentials/status/v1"
OB_V2 = "https://w3id.org/openbadges/v2"

#: URL -> (file in contexts/, SHA-256 of the file's bytes).
PINNED = MappingProxyType(
    {
        VC_V2: (
            "vc_v2.json",
            "8a9f494a89ecc51db093e90e84713e07e84d6d9204364a9b3c7868b21751236f",
        ),
        OB_V3P0: (
            "ob_context-3.0.3.json",
            "ef2fa9c7846dce233cc166b43639027278be4ee44f00bb1d45c75de2dd0cd761",
        ),
        DATA_INTEGRITY_V2: (
            "di_v2.json",
            "0f77743daf5b4e8fc067fc5ba5b21044283053aa717fc6b0219843bed3b00363",
        ),
        MULTIKEY_V1: (
            "multikey_v1.json",
            "c5f3806f8286920573221938917988a18a4cc5a09e968d29649613c7a1c2b1f6",
        ),
        DID_V1: (
            "did_v1.json",
            "62c1054bf404d6dd3a4b26b64f830fd72095f6a26edc4469908c94351352ce5f",
        ),
        STATUS_LIST_V1: (
            "bsl_v1.json",
            "fd08cbf28ddd829ab2f1978c48f43ab07a112c1c90245a0cfac7ba721c65170c",
        ),
        OB_V2: (
            "ob_v2_context.json",
            "3c0c25a0e581c64cbe632197377c4f334c6c0b95f0d90e3b74449781612b153d",
        ),
    }
)


class ContextTampered(BadgeError):
    """A shipped context file no longer has the digest it was pinned with."""


@functools.cache
def _text(url: str) -> str:
    filename, digest = PINNED[url]
    data = resources.files(__package__).joinpath("contexts", filename).read_bytes()
    if hashlib.sha256(data).hexdigest() != digest:
        raise ContextTampered(f"contexts/{filename} does not match its pinned SHA-256")
    return data.decode("utf-8")


def context(url: str) -> dict:
    """A fresh copy of the pinned context document for ``url`` (a parsed JSON object)."""
    if url not in PINNED:
        raise ContextNotPinned(url)
    return json.loads(_text(url))


def load_document(url: str, options: dict | None = None) -> dict:
    """PyLD document loader (``documentLoader`` option): pinned contexts or an error.

    The answer is a JSON-LD *RemoteDocument*. ``options`` (headers and the like) are ignored:
    there is no request to make.
    """
    return {
        "contentType": "application/ld+json",
        "contextUrl": None,
        "documentUrl": url,
        "document": context(url),
    }
