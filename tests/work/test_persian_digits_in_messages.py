"""Issue 19: every number a person reads in the Persian interface is in Persian digits,
Django's and DRF's own messages included, and one word, «نویسه», for a character."""

from __future__ import annotations

import re

import pytest
from django.test import RequestFactory
from django.utils import translation
from rest_framework import exceptions
from rest_framework.test import APIClient

from api.exceptions import exception_handler
from tests.factories import OrganizationFactory, UserFactory

pytestmark = pytest.mark.django_db

LATIN_DIGIT = re.compile(r"[0-9]")


def test_a_form_error_from_django_is_in_persian_digits_and_says_nevise(world, login):
    meeting = world.future_meeting()
    client = login(world.secretariat)
    response = client.post(
        f"/meetings/{meeting.pk}/agenda/new/", {"title": "ب" * 400, "kind": "report"}
    )
    html = response.content.decode()
    assert "حداکثر ۳۰۰ نویسه است؛ متن شما ۴۰۰ نویسه دارد." in html
    assert "کاراکتر" not in html


def test_an_api_message_is_in_persian_digits_but_its_code_is_not():
    request = RequestFactory().get("/api/v1/meetings/")
    with translation.override("fa"):
        response = exception_handler(exceptions.Throttled(wait=6), {"request": request})
    assert "۶" in response.data["detail"]
    assert not LATIN_DIGIT.search(response.data["detail"])
    assert response.data["code"] == "throttled"


def test_an_api_message_in_english_keeps_latin_digits():
    with translation.override("en"):
        response = exception_handler(exceptions.Throttled(wait=6), {})
    assert "6" in response.data["detail"]


def test_an_api_field_error_is_in_persian_digits(world):
    client = APIClient()
    client.force_authenticate(world.secretariat)
    response = client.post(
        "/api/v1/meetings/",
        {"committee": 999999, "title": "ب" * 400},
        format="json",
    )
    assert response.status_code == 400
    errors = response.json()
    committee = " ".join(errors["committee"])  # DRF's own «Invalid pk "999999"…»
    assert "۹۹۹۹۹۹" in committee and not LATIN_DIGIT.search(committee)


def test_the_admins_result_count_is_in_persian_digits(client):
    for _ in range(3):
        OrganizationFactory()
    client.force_login(UserFactory(username="root", is_staff=True, is_superuser=True))
    html = client.get("/admin/committee/organization/", {"q": "هیچ‌چیز"}).content.decode()
    count = re.search(r'<span class="small quiet">(.*?)</span>', html, re.S).group(1)
    assert "۰" in count and "۳" in count
    assert not LATIN_DIGIT.search(re.sub(r"<[^>]+>", "", count))
    paginator = re.search(r'<p class="paginator">(.*?)</p>', html, re.S).group(1)
    assert not LATIN_DIGIT.search(re.sub(r"<[^>]+>", "", paginator))


def _text(html: str) -> str:
    html = re.sub(r"<script.*?</script>|<style.*?</style>", "", html, flags=re.S)
    return re.sub(r"<[^>]+>", " ", html)


def test_the_admins_selection_counter_is_in_persian_digits(world, client):
    client.force_login(world.superuser)
    html = client.get("/admin/committee/organization/").content.decode()
    counter = re.search(r'<span class="action-counter"[^>]*>(.*?)</span>', html, re.S).group(1)
    assert "۰ از " in counter and not LATIN_DIGIT.search(counter)
    # the counter the admin's script writes when rows are ticked: its catalogue says it in
    # Persian digits too
    assert "static/js/admin-digits.js" in html or "/js/admin-digits" in html


def test_a_number_in_an_admin_list_is_in_persian_digits_but_a_latin_code_is_not(world, client):
    meeting = world.past_meeting()
    world.decide(meeting)
    client.force_login(world.superuser)
    html = client.get("/admin/minutes/decision/").content.decode()
    cells = re.findall(r'<t[dh] class="field-number[^"]*">(.*?)</td>', html, re.S)
    assert cells and all(not LATIN_DIGIT.search(_text(c)) for c in cells), cells
    html = client.get("/admin/committee/person/").content.decode()
    assert ">chair-2<" in html  # a username keeps its digits


def test_a_form_error_in_the_admin_is_in_persian_digits(world, client):
    client.force_login(world.superuser)
    response = client.post(
        "/admin/committee/organization/add/", {"name": "ب" * 250, "kind": "municipality"}
    )
    errors = re.search(r'<ul class="errorlist"[^>]*>(.*?)</ul>', response.content.decode(), re.S)
    assert errors, "no error list"
    assert "۲۰۰" in errors.group(1) and "۲۵۰" in errors.group(1), errors.group(1)
    assert not LATIN_DIGIT.search(_text(errors.group(1)))
