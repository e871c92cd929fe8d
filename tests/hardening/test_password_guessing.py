"""Password guessing is slowed on every door — the login page, the admin's and the API's
token endpoint — per account and per client address, whatever X-Forwarded-For the client
sends; the answer says in Persian when to try again, and the attempts are in the admin."""

from __future__ import annotations

import pytest
from django.core import mail
from django.core.cache import cache
from django.test import Client, override_settings

from tests.factories import UserFactory

pytestmark = pytest.mark.django_db

LIMIT = 5  # DJANGO_LOGIN_FAILURE_LIMIT's default


@pytest.fixture(autouse=True)
def _empty_cache():
    cache.clear()
    yield
    cache.clear()


@pytest.fixture
def account(db):
    return UserFactory(username="secretariat-head", is_staff=True, is_superuser=True)


def _login_page(client, username, password, n):
    return client.post(
        "/accounts/login/",
        {"username": username, "password": password},
        HTTP_X_FORWARDED_FOR=f"203.0.113.{n}",
    )


def _admin(client, username, password, n):
    return client.post(
        "/admin/login/?next=/admin/",
        {"username": username, "password": password},
        HTTP_X_FORWARDED_FOR=f"203.0.113.{n}",
    )


def _token(client, username, password, n):
    return client.post(
        "/api/v1/auth/token/",
        {"username": username, "password": password},
        content_type="application/json",
        HTTP_X_FORWARDED_FOR=f"203.0.113.{n}",
    )


@pytest.mark.parametrize("door", [_login_page, _admin, _token], ids=["login", "admin", "token"])
def test_after_the_limit_even_the_right_password_waits(account, door):
    client = Client()
    for n in range(LIMIT - 1):
        response = door(client, account.username, "wrong", n)
        assert response.status_code in (200, 400), response.status_code
    assert door(client, account.username, "wrong", LIMIT).status_code == 429
    response = door(client, account.username, "pass", 99)
    assert response.status_code == 429
    assert int(response["Retry-After"]) == 15 * 60
    body = response.content.decode()
    if door is _token:
        assert response.json()["code"] == "locked_out"
        body = response.json()["detail"]
    assert "دوباره تلاش کنید" in body
    assert "۱۵ دقیقه" in body


def test_one_address_trying_many_accounts_is_locked_out(account):
    client = Client(REMOTE_ADDR="198.51.100.7")
    for n in range(LIMIT):
        client.post("/accounts/login/", {"username": f"guess{n}", "password": "x"})
    response = client.post("/accounts/login/", {"username": account.username, "password": "pass"})
    assert response.status_code == 429
    # From another address the account itself is not locked.
    other = Client(REMOTE_ADDR="198.51.100.8")
    response = other.post("/accounts/login/", {"username": account.username, "password": "pass"})
    assert response.status_code == 302


def test_a_success_before_the_limit_starts_the_count_again(account):
    client = Client()
    for _round in range(3):
        for n in range(LIMIT - 1):
            _login_page(client, account.username, "wrong", n)
        assert _login_page(client, account.username, "pass", 0).status_code == 302
        client.logout()


def test_the_attempts_are_listed_in_the_admin(account):
    client = Client()
    for n in range(LIMIT):
        _login_page(client, account.username, "wrong", n)
    from axes.models import AccessAttempt

    assert AccessAttempt.objects.filter(username=account.username).exists()
    admin = UserFactory(username="it-admin", is_staff=True, is_superuser=True)
    client.force_login(admin)
    page = client.get("/admin/axes/accessattempt/")
    assert page.status_code == 200
    assert account.username in page.content.decode()


def test_the_token_endpoint_is_limited_per_username_whatever_the_address(account):
    statuses = []
    for n in range(12):
        client = Client(REMOTE_ADDR=f"192.0.2.{n + 1}")
        response = client.post(
            "/api/v1/auth/token/",
            {"username": "someone-else", "password": "x"},
            content_type="application/json",
        )
        statuses.append(response.status_code)
    assert 429 in statuses[10:], statuses
    assert all(status in (400, 429) for status in statuses)


def test_the_anonymous_api_limit_ignores_a_changing_forwarded_header(client):
    from rest_framework.settings import api_settings

    rates = {**api_settings.DEFAULT_THROTTLE_RATES, "anon": "5/min"}
    with override_settings(REST_FRAMEWORK={"DEFAULT_THROTTLE_RATES": rates}):
        statuses = [
            client.get("/api/v1/committees/", HTTP_X_FORWARDED_FOR=f"10.0.0.{n}").status_code
            for n in range(8)
        ]
    assert statuses.count(429) == 3, statuses


@override_settings(TRUSTED_PROXY_COUNT=1)
def test_behind_one_trusted_proxy_the_client_is_the_address_the_proxy_wrote(account):
    from django.test import RequestFactory

    from committee.access import client_address

    request = RequestFactory().get(
        "/", REMOTE_ADDR="127.0.0.1", HTTP_X_FORWARDED_FOR="6.6.6.6, 203.0.113.9"
    )
    assert client_address(request) == "203.0.113.9"
    # So the lockout follows the real client, not the proxy's address.
    client = Client(REMOTE_ADDR="127.0.0.1")
    for n in range(LIMIT):
        client.post(
            "/accounts/login/",
            {"username": f"guess{n}", "password": "x"},
            HTTP_X_FORWARDED_FOR="203.0.113.9",
        )
    elsewhere = client.post(
        "/accounts/login/",
        {"username": account.username, "password": "pass"},
        HTTP_X_FORWARDED_FOR="203.0.113.10",
    )
    assert elsewhere.status_code == 302


def test_password_reset_is_limited_per_address(account):
    account.email = "head@example.ir"
    account.save()
    client = Client()
    statuses = [
        client.post("/accounts/password_reset/", {"email": "head@example.ir"}).status_code
        for _ in range(5)
    ]
    assert statuses == [302, 302, 302, 429, 429]
    assert len(mail.outbox) == 3
    response = client.post("/accounts/password_reset/", {"email": "head@example.ir"})
    assert "یک ساعت دیگر دوباره تلاش کنید" in response.content.decode()
