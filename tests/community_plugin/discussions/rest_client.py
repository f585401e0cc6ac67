"""The REST tests' client: the API's root and a client signed in as someone."""

from rest_framework.test import APIClient

API = "/dxq/discussions/api/"


def as_user(user):
    """An API client signed in as ``user`` (anonymous for None)."""
    client = APIClient()
    if user is not None:
        client.force_authenticate(user)
    return client
