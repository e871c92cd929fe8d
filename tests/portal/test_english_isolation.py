"""Issue 19: in the English interface, Persian names and titles inside English sentences
are direction-isolated with <bdi>, and a published date reads «Published:»."""

from __future__ import annotations

import pytest
from django.conf import settings

from tests.factories import PersonFactory, UserFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def english(client):
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    return client


def test_the_welcome_isolates_the_persian_name(english):
    user = UserFactory(username="narges")
    user.first_name, user.last_name = "نرگس", "رحیم‌زاده"
    user.save()
    PersonFactory(user=user, first_name="نرگس", last_name="رحیم‌زاده")
    english.force_login(user)
    html = english.get("/dashboard/").content.decode()
    assert "Welcome, <bdi>نرگس رحیم‌زاده</bdi>." in html


def test_the_archive_says_published(portal, english):
    portal.publish()
    html = english.get("/archive/").content.decode()
    assert "Published: <time" in html
    assert "Publish: " not in html


def test_the_workgroup_link_isolates_its_name(portal, english):
    html = english.get("/").content.decode()
    assert f"<bdi>{portal.workgroup.short_name}</bdi> workgroup page" in html
