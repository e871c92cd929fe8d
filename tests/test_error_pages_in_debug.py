"""Issue 19: with DEBUG on, as after ``make run``, a missing page is the product's Persian
404 with a way back, not Django's English technical page listing every URL; «no access»
is the product's 403."""

from __future__ import annotations

import pytest
from django.test import override_settings

from tests.factories import UserFactory

pytestmark = pytest.mark.django_db


@override_settings(DEBUG=True)
@pytest.mark.parametrize("url", ["/no-such-page/", "/meetings/999999/", "/archive/NOPE-1/"])
def test_a_missing_page_is_the_products_404_in_debug(client, url):
    response = client.get(url)
    assert response.status_code == 404
    html = response.content.decode()
    assert "صفحه پیدا نشد" in html
    assert "بازگشت به صفحه نخست" in html
    assert "Using the URLconf" not in html and "Page not found" not in html


@override_settings(DEBUG=True)
def test_no_access_is_the_products_403_in_debug(client):
    client.force_login(UserFactory(username="nobody"))
    response = client.get("/meetings/new/")
    assert response.status_code == 403
    assert "دسترسی ندارید" in response.content.decode()


@override_settings(DEBUG=True)
def test_a_missing_slash_is_still_added(client):
    assert client.get("/meetings")["Location"] == "/meetings/"


def test_without_debug_the_404_is_the_products_as_before(client):
    assert "صفحه پیدا نشد" in client.get("/no-such-page/").content.decode()
