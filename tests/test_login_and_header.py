"""Issue 19: signing in lands on the dashboard (or ``next``); the header names the person,
not the account, and leads to the meetings."""

from __future__ import annotations

import pytest

from tests.factories import PersonFactory, UserFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def user():
    user = UserFactory(username="secretariat")
    user.set_password("demo")
    user.save()
    return user


def test_logging_in_lands_on_the_dashboard(client, user):
    response = client.post("/accounts/login/", {"username": "secretariat", "password": "demo"})
    assert response.status_code == 302
    assert response["Location"] == "/dashboard/"


def test_logging_in_follows_next(client, user):
    response = client.post(
        "/accounts/login/?next=/meetings/",
        {"username": "secretariat", "password": "demo", "next": "/meetings/"},
    )
    assert response["Location"] == "/meetings/"


def test_the_header_names_the_person_and_links_the_meetings(client, user):
    PersonFactory(user=user, first_name="نرگس", last_name="رحیم‌زاده")
    client.force_login(user)
    page = client.get("/dashboard/").content.decode()
    assert '<span class="who"><bdi>نرگس رحیم‌زاده</bdi></span>' in page
    assert "(secretariat)" not in page
    assert 'href="/meetings/"' in page


@pytest.mark.parametrize(
    ("first", "last", "shown"), [("Mary", "Smith", "Mary Smith"), ("", "", "secretariat")]
)
def test_without_a_person_the_full_name_or_the_username(client, user, first, last, shown):
    user.first_name, user.last_name = first, last
    user.save()
    client.force_login(user)
    assert f"<bdi>{shown}</bdi>" in client.get("/dashboard/").content.decode()


def test_visitors_see_no_meetings_link(client):
    assert 'href="/meetings/"' not in client.get("/").content.decode()
