"""The account page where a user sees, creates (regenerates) and revokes their API token:
Persian, right to left, CSRF-protected."""

from __future__ import annotations

import re

import pytest
from django.test import Client
from rest_framework.authtoken.models import Token

from tests.api.conftest import API

pytestmark = pytest.mark.django_db
PAGE = "/account/token/"


def csrf_client(user) -> Client:
    client = Client(enforce_csrf_checks=True)
    client.force_login(user)
    return client


def post(client: Client, action: str):
    page = client.get(PAGE).content.decode()
    token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', page).group(1)
    return client.post(PAGE, {"action": action, "csrfmiddlewaretoken": token})


def test_a_visitor_is_sent_to_the_login_page(client):
    response = client.get(PAGE)
    assert response.status_code == 302
    assert response["Location"].startswith("/accounts/login/")


def test_the_page_is_persian_and_right_to_left_and_linked_from_the_account_page(world):
    client = csrf_client(world.chair)
    html = client.get(PAGE).content.decode()
    assert 'dir="rtl"' in html and 'lang="fa"' in html
    assert "کلید واسط برنامه‌نویسی" in html
    assert "هنوز کلیدی ندارید." in html
    # The header's «حساب من» leads to the account page, which links this one.
    assert 'href="/account/"' in client.get("/dashboard/").content.decode()
    assert f'href="{PAGE}"' in client.get("/account/").content.decode()
    assert "حساب من" in html


def test_create_see_regenerate_and_revoke_the_token(world, anonymous):
    client = csrf_client(world.chair)
    assert post(client, "create").status_code == 302
    first = Token.objects.get(user=world.chair).key
    page = client.get(PAGE).content.decode()
    assert first in page
    assert f"Authorization: Token {first}" in page

    anonymous.credentials(HTTP_AUTHORIZATION=f"Token {first}")
    assert anonymous.get(f"{API}/questions/").status_code == 200

    post(client, "create")
    second = Token.objects.get(user=world.chair).key
    assert second != first
    assert anonymous.get(f"{API}/questions/").status_code == 401  # the old key is dead

    response = post(client, "revoke")
    assert response.status_code == 302
    assert not Token.objects.filter(user=world.chair).exists()
    assert "کلید باطل شد." in client.get(PAGE).content.decode()


def test_a_post_without_the_csrf_token_is_refused(world):
    client = csrf_client(world.chair)
    response = client.post(PAGE, {"action": "create"})
    assert response.status_code == 403
    assert not Token.objects.filter(user=world.chair).exists()


def test_the_api_refuses_a_session_write_without_the_csrf_token(world):
    client = Client(enforce_csrf_checks=True)
    client.force_login(world.secretariat)
    meeting = world.future_meeting()
    response = client.post(
        f"{API}/meetings/{meeting.pk}/cancel/",
        {"reason": "لغو"},
        content_type="application/json",
    )
    assert response.status_code == 403
    assert "CSRF" in response.json()["detail"]
    assert client.get(f"{API}/meetings/{meeting.pk}/").json()["internal"] is True
