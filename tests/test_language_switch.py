"""The language switch in every page's header posts to /i18n/setlang/ without a CSRF token
(so the page carries no per-visitor token and can be cached for everyone); config/urls.py
exempts that one view from the CSRF check, and only that one."""

from __future__ import annotations

import re

import pytest
from django.conf import settings
from django.test import Client

from tests.factories import CommitteeFactory, UserFactory

pytestmark = pytest.mark.django_db

LANG_FORM = re.compile(r'<form method="post" action="/i18n/setlang/"[^>]*>(.*?)</form>', re.S)


@pytest.fixture
def strict() -> Client:
    return Client(enforce_csrf_checks=True)


@pytest.fixture
def committee(db):
    return CommitteeFactory(description="کمیته رسانه شهرداری رشت برای گزارش به شهروندان.")


@pytest.fixture
def member(committee):
    return UserFactory(username="member-1")


def test_switching_to_english_needs_no_csrf_token(strict, committee):
    response = strict.post("/i18n/setlang/", {"language": "en", "next": "/archive/"})
    assert response.status_code == 302
    assert response["Location"] == "/archive/"
    assert response.cookies[settings.LANGUAGE_COOKIE_NAME].value == "en"

    page = strict.get(response["Location"]).content.decode()
    assert '<html lang="en" dir="ltr">' in page
    assert ">Home</a>" in page
    assert ">Log in</a>" in page


def test_and_back_to_persian(strict, committee):
    strict.post("/i18n/setlang/", {"language": "en", "next": "/archive/"})
    response = strict.post("/i18n/setlang/", {"language": "fa", "next": "/decisions/"})
    assert response.status_code == 302
    assert response["Location"] == "/decisions/"
    page = strict.get("/decisions/").content.decode()
    assert '<html lang="fa" dir="rtl">' in page
    assert ">صفحه نخست</a>" in page


@pytest.mark.parametrize(
    "unsafe",
    ["https://evil.example/", "//evil.example/archive/", "http://evil.example", "\\\\evil.example"],
)
def test_an_off_site_next_is_not_followed(strict, committee, unsafe):
    response = strict.post("/i18n/setlang/", {"language": "en", "next": unsafe})
    assert response.status_code == 302
    location = response["Location"]
    assert "evil.example" not in location
    assert location == "/"
    # The choice is still made.
    assert response.cookies[settings.LANGUAGE_COOKIE_NAME].value == "en"


def test_an_unknown_language_changes_nothing(strict, committee):
    response = strict.post("/i18n/setlang/", {"language": "xx", "next": "/archive/"})
    assert response.status_code == 302
    assert settings.LANGUAGE_COOKIE_NAME not in response.cookies
    assert '<html lang="fa" dir="rtl">' in strict.get("/archive/").content.decode()


@pytest.mark.parametrize("url", ["/", "/archive/", "/decisions/"])
def test_the_header_form_carries_no_token_for_visitors(client, committee, url):
    response = client.get(url)
    assert response.status_code == 200
    page = response.content.decode()
    form = LANG_FORM.search(page)
    assert form is not None, "the language switch is in the header"
    assert f'<input type="hidden" name="next" value="{url}">' in form.group(1)
    assert 'value="en"' in form.group(1)
    assert "csrfmiddlewaretoken" not in page
    assert settings.CSRF_COOKIE_NAME not in response.cookies


def test_signed_in_the_only_token_is_the_logout_forms(client, member):
    client.force_login(member)
    page = client.get("/archive/").content.decode()
    assert "csrfmiddlewaretoken" not in LANG_FORM.search(page).group(1)
    assert page.count("csrfmiddlewaretoken") == 1
    assert re.search(
        r'<form method="post" action="/accounts/logout/"[^>]*>\s*'
        r'<input type="hidden" name="csrfmiddlewaretoken"',
        page,
    )


def test_other_posts_still_need_the_token(strict, member):
    # The exemption is the language view's alone: logging out without a token is refused.
    strict.force_login(member)
    assert strict.post("/accounts/logout/").status_code == 403
    assert strict.post("/i18n/setlang/", {"language": "en", "next": "/"}).status_code == 302
