"""Filters that never fail silently: an unknown parameter, a value of the wrong form, an
unknown slug or a page size out of range is a 400 naming the parameter (Persian, or
English when asked); dates are ISO 8601 or Jalali in any digits, told apart by the year;
the schema says so."""

from __future__ import annotations

import datetime

import pytest
from django.utils import timezone

from persian.jalali import format_numeric, format_numeric_latin
from tests.api.conftest import API, ids

pytestmark = pytest.mark.django_db

PERSIAN = "[\u0600-\u06ff]{3}"


def _error(response, parameter: str) -> str:
    assert response.status_code == 400, response.content[:400]
    body = response.json()
    assert parameter in body, body
    return str(body[parameter][0])


@pytest.mark.parametrize(
    "resource",
    ["meetings", "decisions", "minutes", "people", "memberships", "committees", "invitations"],
)
def test_an_unknown_parameter_is_a_400_naming_it(world, client_for, resource):
    response = client_for(None).get(f"{API}/{resource}/", {"sinse": "1405/01/01"})
    message = _error(response, "sinse")
    assert "sinse" in message
    assert "page_size" in message  # the parameters it does take are listed


def test_an_unknown_parameter_in_english(world, client_for):
    response = client_for(None).get(
        f"{API}/meetings/", {"colour": "red"}, HTTP_ACCEPT_LANGUAGE="en"
    )
    assert _error(response, "colour").startswith("Unknown query parameter “colour”")


def test_a_parameter_of_a_detail_or_the_root_is_refused_too(world, client_for):
    meeting = world.future_meeting()
    client = client_for(None)
    _error(client.get(f"{API}/meetings/{meeting.pk}/", {"status": "held"}), "status")
    _error(client.get(f"{API}/", {"x": "1"}), "x")


def test_iso_and_jalali_dates_mean_the_same_day(world, client_for):
    meeting = world.future_meeting(ahead=datetime.timedelta(days=5))
    world.future_meeting(ahead=datetime.timedelta(days=60))
    day = timezone.localtime(meeting.starts_at).date()
    client = client_for(None)
    persian = format_numeric(day)
    for since in (day.isoformat(), format_numeric_latin(day), persian, persian.replace("/", "-")):
        shown = ids(client.get(f"{API}/meetings/", {"since": since, "until": since}))
        assert shown == {meeting.pk}, since


def test_an_iso_date_is_never_read_as_a_jalali_year(world, client_for):
    meeting = world.future_meeting(ahead=datetime.timedelta(days=5))
    # since=2019-02-01 is February 2019: every meeting since then, not the Jalali year 2019.
    assert meeting.pk in ids(client_for(None).get(f"{API}/meetings/", {"since": "2019-02-01"}))


@pytest.mark.parametrize(
    ("resource", "parameter", "value"),
    [
        ("meetings", "since", "2019-02-30"),  # no such Gregorian day
        ("meetings", "until", "2019/02/01"),  # a Gregorian year not in ISO form
        ("meetings", "since", "۱۴۰۵/۱۳/۰۱"),  # no 13th month
        ("meetings", "since", "دیروز"),
        ("decisions", "until", "1" * 40),
        ("minutes", "since", "tomorrow"),
        ("memberships", "on", "2026-13-01"),
        ("meetings", "updated_since", "yesterday"),
        ("decisions", "updated_since", "2026-04-31T10:00:00Z"),
        ("meetings", "page_size", "abc"),
        ("meetings", "page_size", "0"),
        ("meetings", "page_size", "101"),
        ("people", "committee", "no-such-committee"),
        ("committee-roles", "committee", "no-such-committee"),
        ("memberships", "committee", "no-such-committee"),
        ("workgroups", "committee", "no-such-committee"),
        ("workgroups", "slug", "no-such-workgroup"),
        ("committees", "slug", "no-such-committee"),
        ("decisions", "body", "no-such-body"),
        ("minutes", "committee", "no-such-committee"),
    ],
)
def test_a_value_of_the_wrong_form_or_an_unknown_slug_is_a_400_naming_it(
    world, client_for, resource, parameter, value
):
    response = client_for(None).get(f"{API}/{resource}/", {parameter: value})
    message = _error(response, parameter)
    assert any("\u0600" <= ch <= "\u06ff" for ch in message), message
    english = client_for(None).get(
        f"{API}/{resource}/", {parameter: value}, HTTP_ACCEPT_LANGUAGE="en"
    )
    message = _error(english, parameter)
    assert not any("\u0600" <= ch <= "\u06ff" for ch in message), message


def test_a_known_slug_filters(world, client_for):
    client = client_for(None)
    shown = client.get(f"{API}/people/", {"committee": world.committee.slug})
    assert shown.status_code == 200
    assert shown.json()["count"] >= 1
    assert client.get(f"{API}/workgroups/", {"slug": world.workgroup.slug}).json()["count"] == 1


def test_the_schema_documents_the_date_forms_and_the_limits(client):
    schema = client.get("/api/schema/", {"format": "json"}).json()
    parameters = {p["name"]: p for p in schema["paths"][f"{API}/meetings/"]["get"]["parameters"]}
    since = parameters["since"]
    assert since["schema"]["maxLength"] == 32
    assert "ISO 8601" in since["description"] and "Jalali" in since["description"]
    assert since["schema"]["pattern"]
    assert parameters["updated_since"]["schema"]["format"] == "date-time"
    assert parameters["page_size"]["schema"]["type"] == "integer"
    on = {p["name"]: p for p in schema["paths"][f"{API}/memberships/"]["get"]["parameters"]}
    assert "ISO 8601" in on["on"]["description"]


@pytest.mark.parametrize(
    ("resource", "parameter"),
    [
        ("agenda-items", "kind"),  # a choice
        ("decisions", "since"),  # a date
        ("meetings", "updated_since"),  # a moment
        ("demands", "topic"),  # an id
    ],
)
def test_a_parameter_sent_empty_is_a_400_unless_it_is_text(world, client_for, resource, parameter):
    # The schema allows no empty value for them (schemathesis: ?kind= was answered 200).
    message = _error(client_for(None).get(f"{API}/{resource}/", {parameter: ""}), parameter)
    assert "خالی" in message
    assert "خالی" in _error(client_for(None).get(f"{API}/committees/?page="), "page")
    # Free text and slugs may be empty: the schema says a string.
    assert client_for(None).get(f"{API}/committees/", {"city": ""}).status_code == 200


def test_a_parameter_sent_twice_is_a_400(world, client_for):
    response = client_for(None).get(f"{API}/committees/?page=1&page=2")
    assert "یک بار" in _error(response, "page")
    response = client_for(None).get(f"{API}/meetings/?workgroup=a&workgroup=b")
    assert "یک بار" in _error(response, "workgroup")


def test_the_import_documents_its_415(world, client_for):
    schema = client_for(None).get("/api/schema/?format=json").json()
    assert "415" in schema["paths"]["/api/v1/imports/"]["post"]["responses"]
