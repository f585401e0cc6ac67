"""Keys shared by the badges tests. Everything is local: no network, no Django."""

import socket

import pytest

from community_plugin.badges import keys
from tests.community_plugin.badges.support import VECTOR_SECRET


@pytest.fixture
def vector_key():
    return keys.ed25519_from_seed(VECTOR_SECRET)


@pytest.fixture(scope="session")
def rsa_key():
    return keys.generate_rsa()


@pytest.fixture(scope="session")
def other_rsa_key():
    return keys.generate_rsa()


@pytest.fixture(autouse=True)
def no_network(monkeypatch):
    """No badges test may touch the network: every socket connection attempt raises (and is
    recorded, so a test can also assert that none was tried even if an error was swallowed)."""
    attempts = []

    def refuse(self, address, *args, **kwargs):
        attempts.append(address)
        raise AssertionError(f"network connection attempted to {address!r}")

    def refuse_create(address, *args, **kwargs):
        return refuse(None, address)

    monkeypatch.setattr(socket.socket, "connect", refuse)
    monkeypatch.setattr(socket.socket, "connect_ex", refuse)
    monkeypatch.setattr(socket, "create_connection", refuse_create)
    return attempts
