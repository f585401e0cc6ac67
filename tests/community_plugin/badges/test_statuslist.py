"""Bitstring Status List: bits, encoding, entries and the signed status list credential."""

import base64
import gzip

import pytest

from community_plugin.badges import dataintegrity, did, keys, statuslist
from community_plugin.badges.errors import StatusListError, VerificationError

LIST_URL = "https://badges.example.jp/status/1"
LAST = statuslist.MIN_BITS - 1


@pytest.mark.parametrize("index", [0, 1, 7, 8, 9, 4095, 65_537, LAST])
def test_set_and_get_one_bit(index):
    bits = statuslist.StatusList()
    assert not bits.get(index)
    bits.set(index)
    assert bits.get(index)
    assert [i for i in (0, 1, 7, 8, 9, 4095, 65_537, LAST) if bits.get(i)] == [index]
    bits.set(index, False)
    assert not bits.get(index)
    assert bits.to_bytes() == bytes(statuslist.MIN_BITS // 8)


def test_bit_zero_is_the_leftmost_bit():
    bits = statuslist.StatusList()
    bits.set(0)
    bits.set(LAST)
    raw = bits.to_bytes()
    assert raw[0] == 0b1000_0000
    assert raw[-1] == 0b0000_0001


def test_minimum_size_is_16_kib():
    assert len(statuslist.StatusList()) == 131_072
    assert len(statuslist.StatusList().to_bytes()) == 16 * 1024
    with pytest.raises(StatusListError):
        statuslist.StatusList(131_064)
    with pytest.raises(StatusListError):
        statuslist.StatusList(131_073)
    assert len(statuslist.StatusList(262_144)) == 262_144


@pytest.mark.parametrize("index", [-1, statuslist.MIN_BITS, True, "3", 1.0])
def test_out_of_range_or_non_integer_indexes_are_refused(index):
    with pytest.raises(StatusListError):
        statuslist.StatusList().get(index)


def test_encoding_round_trip_keeps_every_bit():
    bits = statuslist.StatusList()
    chosen = [0, 3, 8, 1000, 99_999, LAST]
    for index in chosen:
        bits.set(index)
    encoded = bits.encode()
    assert encoded.startswith("u")
    assert "=" not in encoded
    assert "+" not in encoded
    assert "/" not in encoded
    body = encoded[1:]
    raw = gzip.decompress(base64.urlsafe_b64decode(body + "=" * (-len(body) % 4)))
    assert raw == bits.to_bytes()  # an independent decoder agrees
    again = statuslist.StatusList.decode(encoded)
    assert [i for i in range(len(again)) if again.get(i)] == chosen
    assert encoded == again.encode()  # deterministic: same bits, same text


def test_an_empty_list_compresses_small():
    assert len(statuslist.StatusList().encode()) < 300


@pytest.mark.parametrize(
    "encoded",
    [
        "zabc",  # wrong multibase
        "u!!!",  # not base64url
        "u" + base64.urlsafe_b64encode(b"plain, not gzip").decode().rstrip("="),
        "u" + base64.urlsafe_b64encode(gzip.compress(bytes(100))).decode().rstrip("="),
        "u" + base64.urlsafe_b64encode(gzip.compress(bytes(16384))[:-20]).decode().rstrip("="),
    ],
)
def test_bad_encoded_lists_are_refused(encoded):
    with pytest.raises(StatusListError):
        statuslist.StatusList.decode(encoded)


def test_a_gzip_bomb_is_refused(monkeypatch):
    monkeypatch.setattr(statuslist, "MAX_BYTES", 32 * 1024)
    big = statuslist.StatusList(64 * 1024 * 8).encode()
    with pytest.raises(StatusListError, match="larger"):
        statuslist.StatusList.decode(big)


def test_entry_shape():
    entry = statuslist.entry(LIST_URL, 42)
    assert entry == {
        "id": f"{LIST_URL}#42",
        "type": "BitstringStatusListEntry",
        "statusPurpose": "revocation",
        "statusListIndex": "42",
        "statusListCredential": LIST_URL,
    }
    with pytest.raises(StatusListError):
        statuslist.entry(LIST_URL, -1)
    with pytest.raises(StatusListError):
        statuslist.entry(LIST_URL, 1, purpose="deletion")


def test_signed_status_list_credential_revokes_one_credential():
    issuer_key = keys.generate_ed25519()
    issuer = did.did_web("badges.example.jp")
    method = f"{issuer}#{keys.multikey(issuer_key.public_key())}"
    bits = statuslist.StatusList()
    bits.set(7)
    unsigned = statuslist.list_credential(LIST_URL, issuer, bits, valid_from="2026-04-01T00:00:00Z")
    assert unsigned["type"] == ["VerifiableCredential", "BitstringStatusListCredential"]
    signed = dataintegrity.sign(unsigned, issuer_key, method)
    dataintegrity.verify(signed, issuer_key.public_key())
    assert statuslist.status(statuslist.entry(LIST_URL, 7), signed) is True
    assert statuslist.status(statuslist.entry(LIST_URL, 8), signed) is False
    # Un-revoking by editing the published list breaks its signature.
    bits.set(7, False)
    signed["credentialSubject"]["encodedList"] = bits.encode()
    with pytest.raises(VerificationError, match="signature does not match"):
        dataintegrity.verify(signed, issuer_key.public_key())


def test_status_checks_that_entry_and_list_belong_together():
    listed = statuslist.list_credential(LIST_URL, "did:web:x.example", statuslist.StatusList())
    with pytest.raises(StatusListError, match="another status list"):
        statuslist.status(statuslist.entry(LIST_URL + "0", 1), listed)
    with pytest.raises(StatusListError, match="statusPurpose"):
        statuslist.status(statuslist.entry(LIST_URL, 1, "suspension"), listed)
    bad_index = {**statuslist.entry(LIST_URL, 1), "statusListIndex": "１"}
    with pytest.raises(StatusListError, match="digits"):
        statuslist.status(bad_index, listed)
    with pytest.raises(StatusListError):
        statuslist.status({"type": "StatusList2021Entry"}, listed)
    with pytest.raises(StatusListError, match="outside"):
        statuslist.status(statuslist.entry(LIST_URL, statuslist.MIN_BITS), listed)
