"""Headers on every page: a strict Content-Security-Policy, a Permissions-Policy, and no
shared caching of what a logged-in person sees."""

from __future__ import annotations

import re

import pytest
from django.test import Client
from rest_framework.authtoken.models import Token

from tests.factories import UserFactory

pytestmark = pytest.mark.django_db

PAGES = ["/", "/decisions/", "/archive/", "/verify/", "/accounts/login/", "/api/v1/committees/"]


def _directives(response) -> dict[str, list[str]]:
    header = response["Content-Security-Policy"]
    return {
        part.split()[0]: part.split()[1:] for part in (p.strip() for p in header.split(";")) if part
    }


@pytest.mark.parametrize("path", PAGES)
def test_every_page_carries_a_strict_policy(client, path):
    response = client.get(path, follow=True)
    assert response.status_code == 200, path
    policy = _directives(response)
    assert policy["default-src"] == ["'self'"]
    assert policy["object-src"] == ["'none'"]
    assert policy["base-uri"] == ["'none'"]
    assert policy["frame-ancestors"] == ["'none'"]
    assert "'unsafe-inline'" not in policy["script-src"]
    assert "'unsafe-inline'" not in policy["style-src"]
    assert "camera=()" in response["Permissions-Policy"]


def test_an_inline_style_block_carries_the_nonce_of_the_header(client):
    response = client.get("/verify/")
    nonces = re.findall(r"<style nonce=\"([^\"]+)\">", response.content.decode())
    assert nonces, "the verification page's styles"
    assert f"'nonce-{nonces[0]}'" in _directives(response)["style-src"]
    assert 'style="' not in response.content.decode()


def test_only_the_api_documentation_pages_allow_inline_code(client):
    for path in ("/api/docs/", "/api/redoc/"):
        response = client.get(path)
        assert response.status_code == 200
        policy = _directives(response)
        assert "'unsafe-inline'" in policy["script-src"]
        assert policy["object-src"] == ["'none'"]


def test_what_a_logged_in_person_sees_is_never_kept_by_a_shared_cache(client):
    user = UserFactory(username="reader")
    anonymous = client.get("/decisions/")
    assert "no-store" not in anonymous.get("Cache-Control", "")
    client.force_login(user)
    for path in ("/decisions/", "/account/token/", "/"):
        response = client.get(path, follow=True)
        cache_control = response["Cache-Control"]
        assert "private" in cache_control and "no-store" in cache_control, path
        assert "public" not in cache_control, path
    token = Token.objects.create(user=user)
    api = Client(HTTP_AUTHORIZATION=f"Token {token.key}")
    response = api.get("/api/v1/committees/")
    assert response.status_code == 200
    assert "no-store" in response["Cache-Control"]
