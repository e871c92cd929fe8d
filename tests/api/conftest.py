"""Fixtures of the API tests: the personas of the working-interface tests (``world``,
reused from tests/work/conftest.py), API clients, and a clean throttle cache."""

from __future__ import annotations

import pytest
from django.core.cache import cache
from rest_framework.authtoken.models import Token
from rest_framework.test import APIClient

from tests.work.conftest import World, world  # noqa: F401  (the personas fixture)

API = "/api/v1"


@pytest.fixture(autouse=True)
def _fresh_throttle_counters():
    """The rate limits count in the cache; every test starts (and leaves) it empty."""
    cache.clear()
    yield
    cache.clear()


@pytest.fixture
def anonymous() -> APIClient:
    return APIClient()


@pytest.fixture
def client_for(db):
    """``client_for(user)``: an API client authenticated with the user's token (the way
    a client program calls the API); ``client_for(None)`` is anonymous."""

    def _client(user) -> APIClient:
        client = APIClient()
        if user is not None:
            token, _ = Token.objects.get_or_create(user=user)
            client.credentials(HTTP_AUTHORIZATION=f"Token {token.key}")
        return client

    return _client


def results(response) -> list[dict]:
    assert response.status_code == 200, response.content[:500]
    return response.json()["results"]


def ids(response) -> set[int]:
    return {row["id"] for row in results(response)}
