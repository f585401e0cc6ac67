"""W3C Bitstring Status List v1.0: revoke or suspend Open Badges 3.0 credentials.

A status list is a bitstring of at least 131,072 bits (16 KiB, the specification's minimum,
which hides which credential a verifier asks about). Index 0 is the left-most bit: the most
significant bit of the first byte. ``encodedList`` is the GZIP of the bitstring in base64url
without padding, with the multibase prefix ``u``.

Each credential carries a :func:`entry` that points at a bit of a status list credential
(:func:`list_credential`), which the issuer signs (e.g. with :func:`.dataintegrity.sign`) and
publishes at its ``id``. :func:`status` reads the bit for an entry; checking the list's own
proof is the caller's step before that.
"""

from __future__ import annotations

import base64
import binascii
import gzip
import zlib

from .contexts import VC_V2
from .errors import StatusListError

MIN_BITS = 131_072
MAX_BYTES = 16 * 1024 * 1024  # refuse a "gzip bomb" beyond 128 M entries
PURPOSES = ("revocation", "suspension", "refresh", "message")


class StatusList:
    """A mutable bitstring. ``StatusList()`` is all zeros at the minimum size."""

    def __init__(self, size: int = MIN_BITS, *, data: bytes | None = None):
        if data is None:
            if size < MIN_BITS or size % 8:
                raise StatusListError(f"size must be a multiple of 8, at least {MIN_BITS}")
            data = bytes(size // 8)
        if len(data) * 8 < MIN_BITS:
            raise StatusListError(f"a status list has at least {MIN_BITS} bits")
        self._bits = bytearray(data)

    def __len__(self) -> int:
        return len(self._bits) * 8

    def _locate(self, index: int) -> tuple[int, int]:
        if isinstance(index, bool) or not isinstance(index, int) or not 0 <= index < len(self):
            raise StatusListError(f"index {index!r} is outside the list (0..{len(self) - 1})")
        return index // 8, 0x80 >> (index % 8)

    def get(self, index: int) -> bool:
        byte, mask = self._locate(index)
        return bool(self._bits[byte] & mask)

    def set(self, index: int, value: bool = True) -> None:
        byte, mask = self._locate(index)
        if value:
            self._bits[byte] |= mask
        else:
            self._bits[byte] &= ~mask & 0xFF

    def to_bytes(self) -> bytes:
        return bytes(self._bits)

    def encode(self) -> str:
        """``encodedList``: ``u`` + base64url(GZIP(bits)), no padding; same bits, same text."""
        compressed = gzip.compress(self.to_bytes(), compresslevel=9, mtime=0)
        return "u" + base64.urlsafe_b64encode(compressed).rstrip(b"=").decode("ascii")

    @classmethod
    def decode(cls, encoded: str) -> StatusList:
        if not isinstance(encoded, str) or not encoded.startswith("u"):
            raise StatusListError("encodedList must be multibase base64url (prefix 'u')")
        body = encoded[1:]
        try:
            compressed = base64.urlsafe_b64decode(body + "=" * (-len(body) % 4))
        except (binascii.Error, ValueError) as error:
            raise StatusListError("encodedList is not base64url") from error
        inflater = zlib.decompressobj(wbits=31)  # 31: GZIP framing
        try:
            data = inflater.decompress(compressed, MAX_BYTES + 1)
        except zlib.error as error:
            raise StatusListError("encodedList is not GZIP data") from error
        if len(data) > MAX_BYTES or inflater.unconsumed_tail:
            raise StatusListError("the status list is larger than this server accepts")
        if not inflater.eof:
            raise StatusListError("the GZIP data of encodedList is truncated")
        return cls(data=data)


def entry(list_url: str, index: int, purpose: str = "revocation") -> dict:
    """The ``credentialStatus`` of a credential whose status is bit ``index`` of the list."""
    _check_purpose(purpose)
    if isinstance(index, bool) or not isinstance(index, int) or index < 0:
        raise StatusListError("statusListIndex must be a non-negative integer")
    return {
        "id": f"{list_url}#{index}",
        "type": "BitstringStatusListEntry",
        "statusPurpose": purpose,
        "statusListIndex": str(index),
        "statusListCredential": list_url,
    }


def list_credential(
    list_url: str,
    issuer: str | dict,
    status_list: StatusList,
    *,
    purpose: str = "revocation",
    valid_from: str | None = None,
    valid_until: str | None = None,
) -> dict:
    """The unsigned ``BitstringStatusListCredential`` to publish at ``list_url``."""
    _check_purpose(purpose)
    credential = {
        "@context": [VC_V2],
        "id": list_url,
        "type": ["VerifiableCredential", "BitstringStatusListCredential"],
        "issuer": issuer,
    }
    if valid_from:
        credential["validFrom"] = valid_from
    if valid_until:
        credential["validUntil"] = valid_until
    credential["credentialSubject"] = {
        "id": f"{list_url}#list",
        "type": "BitstringStatusList",
        "statusPurpose": purpose,
        "encodedList": status_list.encode(),
    }
    return credential


def status(status_entry: dict, list_cred: dict) -> bool:
    """Whether the bit that ``status_entry`` points at is set in ``list_cred`` (True means
    revoked, for a revocation list). The list's proof must have been checked already."""
    if not isinstance(status_entry, dict) or status_entry.get("type") != "BitstringStatusListEntry":
        raise StatusListError("not a BitstringStatusListEntry")
    if status_entry.get("statusListCredential") != list_cred.get("id"):
        raise StatusListError("the entry points at another status list credential")
    types = list_cred.get("type") or []
    if "BitstringStatusListCredential" not in types:
        raise StatusListError("not a BitstringStatusListCredential")
    subject = list_cred.get("credentialSubject") or {}
    if subject.get("statusPurpose") != status_entry.get("statusPurpose"):
        raise StatusListError("the entry's statusPurpose differs from the list's")
    raw_index = status_entry.get("statusListIndex")
    if not isinstance(raw_index, str) or not (raw_index.isascii() and raw_index.isdigit()):
        raise StatusListError("statusListIndex must be a string of digits")
    return StatusList.decode(subject.get("encodedList")).get(int(raw_index))


def _check_purpose(purpose: str) -> None:
    if purpose not in PURPOSES:
        raise StatusListError(f"statusPurpose must be one of {PURPOSES}")
