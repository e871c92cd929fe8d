"""/healthz: the liveness check of a load balancer or process supervisor (config/views.py).
It answers without the database or the session, is never cached, and stays on plain HTTP
in production while every other page is redirected to HTTPS."""

from __future__ import annotations

import importlib.util
import re
from pathlib import Path

import pytest
from django.test import Client

SETTINGS_FILE = Path(__file__).resolve().parent.parent / "config" / "settings.py"


@pytest.fixture
def production(monkeypatch):
    """config/settings.py as production reads it (DJANGO_DEBUG=0), executed afresh."""
    monkeypatch.setenv("DJANGO_DEBUG", "0")
    monkeypatch.setenv("DJANGO_SECRET_KEY", "a-test-secret-key-" + "x" * 40)
    monkeypatch.delenv("DJANGO_SECURE_SSL_REDIRECT", raising=False)
    spec = importlib.util.spec_from_file_location("production_settings_under_test", SETTINGS_FILE)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def cache_control(response) -> set[str]:
    return {part.strip() for part in response["Cache-Control"].split(",")}


@pytest.mark.django_db
def test_it_answers_ok_in_plain_text_without_touching_the_database(
    client, django_assert_num_queries
):
    with django_assert_num_queries(0):
        response = client.get("/healthz")
    assert response.status_code == 200
    assert response.content == b"ok\n"
    assert response["Content-Type"] == "text/plain; charset=utf-8"


@pytest.mark.django_db
def test_a_session_cookie_does_not_make_it_read_the_session(client, django_assert_num_queries):
    client.cookies["sessionid"] = "no-such-session-0123456789abcdef"
    with django_assert_num_queries(0):
        response = client.get("/healthz")
    assert response.status_code == 200
    assert response.content == b"ok\n"
    assert "sessionid" not in response.cookies or not response.cookies["sessionid"].value


def test_it_is_never_cached(client):
    response = client.get("/healthz")
    assert {"no-cache", "no-store", "must-revalidate", "max-age=0", "private"} <= cache_control(
        response
    )
    assert "Expires" in response


def test_head_is_answered(client):
    response = client.head("/healthz")
    assert response.status_code == 200
    assert response["Content-Type"] == "text/plain; charset=utf-8"
    assert response.content == b""
    assert "no-store" in cache_control(response)


@pytest.mark.parametrize("method", ["post", "put", "delete", "patch"])
def test_writes_are_refused(client, method):
    response = getattr(client, method)("/healthz")
    assert response.status_code == 405
    assert {m.strip() for m in response["Allow"].split(",")} == {"GET", "HEAD"}
    assert response.content != b"ok\n"


def test_production_exempts_it_and_only_it_from_the_https_redirect(production):
    assert production.DEBUG is False
    assert production.SECURE_SSL_REDIRECT is True
    patterns = production.SECURE_REDIRECT_EXEMPT
    # SecurityMiddleware matches the path without its leading slash.
    assert any(re.search(p, "healthz") for p in patterns)
    for path in ("archive/", "healthz/", "healthzz", "x/healthz", "decisions/", ""):
        assert not any(re.search(p, path) for p in patterns), path


@pytest.mark.django_db
def test_in_production_plain_http_reaches_healthz_but_pages_are_redirected(production, settings):
    settings.SECURE_SSL_REDIRECT = True
    settings.SECURE_REDIRECT_EXEMPT = production.SECURE_REDIRECT_EXEMPT
    settings.SECURE_PROXY_SSL_HEADER = production.SECURE_PROXY_SSL_HEADER
    client = Client()  # its middleware is built at the first request, with these settings

    health = client.get("/healthz")
    assert health.status_code == 200
    assert health.content == b"ok\n"

    page = client.get("/archive/")
    assert page.status_code == 301
    assert page["Location"] == "https://testserver/archive/"

    # Behind the TLS-terminating proxy the page itself is served.
    proxied = client.get("/archive/", headers={"x-forwarded-proto": "https"})
    assert proxied.status_code == 200
