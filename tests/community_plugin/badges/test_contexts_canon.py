"""The offline loader serves pinned contexts only, and canonicalisation never opens a socket."""

import copy
import hashlib
import socket

import pytest

from community_plugin.badges import canon, contexts, dataintegrity, keys
from community_plugin.badges.errors import CanonicalizationError, ContextNotPinned
from tests.community_plugin.badges.support import VECTOR_METHOD, vector_json, vector_text


def test_the_guard_itself_catches_a_connection(no_network):
    with pytest.raises(AssertionError, match="network connection attempted"):
        socket.create_connection(("127.0.0.1", 9))
    assert no_network


def test_every_pinned_url_loads_from_the_package(no_network):
    for url in contexts.PINNED:
        remote = contexts.load_document(url, {})
        assert remote["documentUrl"] == url
        assert "@context" in remote["document"]
    assert no_network == []


def test_loaded_contexts_are_fresh_copies():
    first = contexts.context(contexts.VC_V2)
    first["@context"]["tampered"] = "https://example.org/x"
    assert "tampered" not in contexts.context(contexts.VC_V2)["@context"]


@pytest.mark.parametrize(
    "url",
    [
        "https://example.org/evil-context.jsonld",
        "https://www.w3.org/2018/credentials/v1",
        "https://purl.imsglobal.org/spec/ob/v3p0/context.json",
        "http://www.w3.org/ns/credentials/v2",  # http, not the pinned https URL
        "file:///etc/passwd",
    ],
)
def test_loader_refuses_every_other_url(url, no_network):
    with pytest.raises(ContextNotPinned) as caught:
        contexts.load_document(url, {})
    assert caught.value.url == url
    assert no_network == []


def test_canonicalisation_refuses_an_unknown_context_without_network(no_network):
    document = vector_json("vector_credential.json")
    document["@context"].append("https://example.org/extra-context.jsonld")
    with pytest.raises(ContextNotPinned, match="extra-context"):
        canon.canonize(document)
    assert no_network == []


def test_signing_and_verifying_open_no_socket(no_network, vector_key):
    document = vector_json("vector_credential.json")
    signed = dataintegrity.sign(document, vector_key, VECTOR_METHOD, created="2020-01-01T00:00:00Z")
    dataintegrity.verify(signed, vector_key.public_key())
    assert canon.canonize(document) == vector_text("vector_document-canon.txt")
    assert no_network == []


def test_a_changed_context_file_is_refused(monkeypatch):
    filename, _digest = contexts.PINNED[contexts.VC_V2]
    monkeypatch.setattr(contexts, "PINNED", {contexts.VC_V2: (filename, "0" * 64)})
    contexts._text.cache_clear()
    try:
        with pytest.raises(contexts.ContextTampered):
            contexts.context(contexts.VC_V2)
    finally:
        contexts._text.cache_clear()


def test_member_order_does_not_change_the_canonical_form():
    document = vector_json("vector_credential.json")
    reordered = dict(reversed(list(copy.deepcopy(document).items())))
    assert canon.canonize(reordered) == canon.canonize(document)


def test_an_undefined_property_is_refused_not_dropped():
    document = {
        "@context": [contexts.OB_V2],
        "type": "Assertion",
        "id": "https://example.org/assertions/1",
        "notDefinedAnywhere": "would be silently lost",
    }
    with pytest.raises(CanonicalizationError, match="not defined"):
        canon.canonize(document)
    del document["notDefinedAnywhere"]
    assert "https://w3id.org/openbadges#Assertion" in canon.canonize(document)


@pytest.mark.parametrize("where", [(), ("credentialSubject",), ("issuer",)])
def test_an_undefined_property_of_a_credential_is_refused(where):
    """The pinned VC 2.0 context has no @vocab: an unknown member would vanish from the
    signed N-Quads, so it is an error (Data Integrity's "safe mode")."""
    document = vector_json("vector_credential.json")
    target = document
    for key in where:
        target = target[key]
    target["favouriteColour"] = "blue"
    with pytest.raises(CanonicalizationError, match="favouriteColour"):
        canon.canonize(document)


@pytest.mark.parametrize("text", ["bell\x07", "form\x0cfeed", "del\x7f", "nul\x00"])
def test_control_characters_other_than_tab_and_newlines_are_refused(text):
    document = vector_json("vector_credential.json")
    document["name"] = text
    with pytest.raises(CanonicalizationError, match="control character"):
        canon.canonize(document)


def test_tab_newline_and_japanese_text_canonicalise_as_rdfc_escapes():
    document = vector_json("vector_credential.json")
    document["name"] = 'チーム\tワーク\n"バッジ"\\'
    nquads = canon.canonize(document)
    assert '<https://schema.org/name> "チーム\\tワーク\\n\\"バッジ\\"\\\\" .' in nquads


@pytest.mark.parametrize("bad", [[], "text", {"no": "context"}])
def test_non_documents_are_refused(bad):
    with pytest.raises(CanonicalizationError):
        canon.canonize(bad)


def test_canonical_hash_is_sha256_of_the_nquads():
    document = vector_json("vector_credential.json")
    expected = hashlib.sha256(canon.canonize(document).encode()).digest()
    assert canon.canonical_hash(document) == expected
    assert len(keys.multibase_b58(expected)) > 1


def rdfc_by_hand(first, second):
    """RDFC-1.0 for two blank nodes with distinct first-degree hashes, written out: each node's
    quads with itself as ``_:a`` are sorted, joined and hashed with SHA-256; the smaller hash
    gets ``_:c14n0``; the relabelled quads are sorted."""
    p, q = "http://example.org/p", "http://example.org/q"

    def first_degree(text):
        quads = sorted([f"<urn:x> <{p}> _:a .\n", f'_:a <{q}> "{text}" .\n'])
        return hashlib.sha256("".join(quads).encode()).hexdigest()

    ordered = sorted([first, second], key=first_degree)
    label = {text: f"_:c14n{position}" for position, text in enumerate(ordered)}
    quads = []
    for text in (first, second):
        quads += [f"<urn:x> <{p}> {label[text]} .\n", f'{label[text]} <{q}> "{text}" .\n']
    return "".join(sorted(quads))


@pytest.mark.parametrize(("first", "second"), [("one", "two"), ("赤", "青"), ("a", "b")])
def test_blank_nodes_are_labelled_by_rdfc_first_degree_hashes(first, second):
    document = {
        "@context": {"p": "http://example.org/p", "q": "http://example.org/q"},
        "@id": "urn:x",
        "p": [{"q": first}, {"q": second}],
    }
    assert canon.canonize(document) == rdfc_by_hand(first, second)
