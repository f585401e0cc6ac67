"""Canonical N-Quads (RDFC-1.0, published earlier as URDNA2015) of a JSON-LD document, offline.

PyLD does the JSON-LD to RDF conversion and the canonical labelling of blank nodes. Around it we
add three guards that the Data Integrity specification asks of a signer and a verifier:

- contexts come only from :func:`.contexts.load_document` (pinned files, never the network);
- a property that the contexts do not define makes the call fail instead of being dropped
  silently ("safe mode"): a dropped property would not be covered by the signature;
- a string holding an ASCII control character other than tab, line feed and carriage return is
  refused. PyLD writes those three as RDFC-1.0 does, but not the others (RDFC-1.0 writes
  ``\\b``, ``\\f`` and ``\\u000B``-style escapes), so such text would give hashes that other
  implementations do not reproduce. No badge text needs them.

The resolved-context cache is our own, filled only through our loader, so nothing another part
of the process loaded into PyLD's shared cache can stand in for a pinned context.
"""

from __future__ import annotations

import hashlib
import re

from cachetools import LRUCache
from pyld import jsonld
from pyld.context_resolver import ContextResolver

from .contexts import load_document
from .errors import CanonicalizationError, ContextNotPinned

_CONTEXT_CACHE = LRUCache(maxsize=64)
_UNSUPPORTED_CONTROL = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")


def _refuse_dropped(expanded_property):
    raise CanonicalizationError(
        "a property is not defined by the document's @context and would be dropped "
        f"(expanded to {expanded_property!r}); define it or remove it before signing"
    )


def _check_strings(node, path="$"):
    if isinstance(node, dict):
        for key, value in node.items():
            _check_strings(key, path)
            _check_strings(value, f"{path}.{key}")
    elif isinstance(node, list):
        for position, value in enumerate(node):
            _check_strings(value, f"{path}[{position}]")
    elif isinstance(node, str) and _UNSUPPORTED_CONTROL.search(node):
        raise CanonicalizationError(f"control character in the text at {path}")


def _pinned_cause(error):
    """The :class:`ContextNotPinned` that PyLD wrapped, if that is what went wrong."""
    seen = set()
    while error is not None and id(error) not in seen:
        if isinstance(error, ContextNotPinned | CanonicalizationError):
            return error
        seen.add(id(error))
        error = error.__cause__ or error.__context__
    return None


def canonize(document: dict) -> str:
    """The RDFC-1.0 canonical N-Quads of ``document`` (a JSON-LD object), as one string.

    Raises :class:`ContextNotPinned` for an unknown context and
    :class:`CanonicalizationError` for anything else that stops a safe canonical form.
    """
    if not isinstance(document, dict):
        raise CanonicalizationError("a JSON-LD document must be a JSON object")
    if "@context" not in document:
        raise CanonicalizationError("the document has no @context")
    _check_strings(document)
    options = {
        "algorithm": "URDNA2015",
        "format": "application/n-quads",
        "documentLoader": load_document,
        "contextResolver": ContextResolver(_CONTEXT_CACHE, load_document),
        "base": "",
    }
    processor = jsonld.JsonLdProcessor(on_property_dropped=_refuse_dropped)
    try:
        return processor.normalize(document, options)
    except Exception as error:
        known = _pinned_cause(error)
        if known is not None:
            raise known from error
        raise CanonicalizationError(f"JSON-LD processing failed: {error}") from error


def canonical_hash(document: dict) -> bytes:
    """SHA-256 of the UTF-8 canonical N-Quads: the 32 bytes a Data Integrity proof signs."""
    return hashlib.sha256(canonize(document).encode("utf-8")).digest()
