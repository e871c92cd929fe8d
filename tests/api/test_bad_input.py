"""Bad input is a 400 with field errors (or a detail and a code), in Persian — never a 500."""

from __future__ import annotations

import datetime

import pytest
from django.conf import settings
from django.utils import timezone

from minutes.models import Meeting
from tests.api.conftest import API

pytestmark = pytest.mark.django_db

PERSIAN = "[\u0600-\u06ff]{3}"


@pytest.fixture
def secretariat(world, client_for):
    return client_for(world.secretariat)


@pytest.fixture
def chair(world, client_for):
    return client_for(world.chair)


def schedule(world, **overrides):
    data = {
        "workgroup": world.workgroup.pk,
        "title": "جلسه کارگروه",
        "starts_at": (timezone.now() + datetime.timedelta(days=3)).isoformat(),
        "location": "سالن جلسات",
    }
    data.update(overrides)
    return data


def field_error(response, field: str) -> str:
    assert response.status_code == 400, response.content[:400]
    body = response.json()
    assert field in body, body
    errors = body[field]
    # Nested input (an agenda, attendance) nests its errors: {"agenda": {"0": {"title": […]}}}
    while isinstance(errors, dict):
        errors = next(iter(errors.values()))
    assert isinstance(errors, list) and errors, body
    return str(errors[0])


def test_an_unknown_workgroup_is_a_field_error(world, secretariat):
    response = secretariat.post(f"{API}/meetings/", schedule(world, workgroup=999999))
    message = field_error(response, "workgroup")
    assert "۹۹۹۹۹۹" in message  # Persian digits in the Persian interface


@pytest.mark.parametrize(
    ("field", "value"),
    [
        ("starts_at", 5),
        ("starts_at", "فردا"),
        ("starts_at", "9999-12-31T23:59:59Z"),
        ("starts_at", "0001-01-01T00:00:00+14:00"),
        ("ends_at", "2020-01-01"),
        ("is_public", "شاید"),
        ("workgroup", "یک"),
        ("workgroup", 1.5),
        ("workgroup", True),
        ("workgroup", 2**80),
        ("workgroup", -3),
        ("title", ""),
        ("title", "ع" * 251),
        ("location", None),
        ("agenda", "بند"),
        ("agenda", [{"title": "ع" * 301}]),
        ("agenda", [{"title": "بند", "kind": "unknown"}]),
        ("agenda", [{"title": "بند", "presenter": 999999}]),
        ("agenda", [{"title": f"بند {n}"} for n in range(31)]),
    ],
)
def test_wrong_types_and_values_for_scheduling_are_field_errors(world, secretariat, field, value):
    response = secretariat.post(f"{API}/meetings/", schedule(world, **{field: value}))
    field_error(response, field)
    assert not Meeting.objects.filter(title="جلسه کارگروه").exists()


def test_an_end_before_the_start_and_a_past_start_are_field_errors(world, secretariat):
    start = timezone.now() + datetime.timedelta(days=3)
    response = secretariat.post(
        f"{API}/meetings/",
        schedule(world, ends_at=(start - datetime.timedelta(hours=1)).isoformat()),
    )
    assert "پایان" in field_error(response, "ends_at")
    assert not Meeting.objects.filter(title="جلسه کارگروه").exists()
    past = (timezone.now() - datetime.timedelta(days=3)).isoformat()
    response = secretariat.post(f"{API}/meetings/", schedule(world, starts_at=past))
    assert "گذشته" in field_error(response, "starts_at")


def test_a_deadline_before_the_meeting_is_a_field_error(world, chair):
    meeting = world.past_meeting(ago=datetime.timedelta(days=2))
    draft = world.record(meeting)
    response = chair.post(
        f"{API}/meetings/{meeting.pk}/decisions/",
        {
            "expected_version": draft.version,
            "text": "گزارش ارائه شود.",
            "responsible_organization": world.person(world.official).organization_id,
            "deadline": (timezone.localdate() - datetime.timedelta(days=10)).isoformat(),
        },
    )
    assert field_error(response, "deadline") == "مهلت اجرا نمی‌تواند پیش از تاریخ جلسه باشد."


def test_the_message_is_english_when_the_visitor_chose_english(world, chair):
    meeting = world.past_meeting(ago=datetime.timedelta(days=2))
    draft = world.record(meeting)
    chair.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    response = chair.post(
        f"{API}/meetings/{meeting.pk}/decisions/",
        {
            "expected_version": draft.version,
            "text": "A report is due.",
            "responsible_organization": world.person(world.official).organization_id,
            "deadline": "2000-01-01",
        },
    )
    assert field_error(response, "deadline") == "The deadline cannot be before the meeting date."


@pytest.mark.parametrize(
    ("body", "field"),
    [
        ({"text": "ع" * 5000}, "text"),
        ({"text": ""}, "text"),
        ({"text": 12}, "text"),
        ({"expected_version": "abc"}, "expected_version"),
        ({"expected_version": -1}, "expected_version"),
        ({"agenda_item": 999999}, "agenda_item"),
        ({"responsible_person": "x"}, "responsible_person"),
        (
            {"responsible_organization": None, "responsible_person": None},
            "responsible_organization",
        ),
        ({"deadline": "1405/13/40"}, "deadline"),
        ({"deadline": "tomorrow"}, "deadline"),
    ],
)
def test_bad_decisions_are_field_errors(world, chair, body, field):
    meeting = world.past_meeting()
    draft = world.record(meeting)
    data = {
        "expected_version": draft.version,
        "text": "گزارش ارائه شود.",
        "responsible_organization": world.person(world.official).organization_id,
        **body,
    }
    response = chair.post(f"{API}/meetings/{meeting.pk}/decisions/", data)
    assert field_error(response, field)
    assert not meeting.decisions.exists()


def test_a_5000_character_question_is_refused_on_its_field(world, client_for):
    meeting = world.future_meeting()
    response = client_for(world.journalist).post(
        f"{API}/questions/", {"meeting": meeting.pk, "title": "پرسش", "text": "ع" * 5000}
    )
    assert "4000" in field_error(response, "text") or "۴۰۰۰" in field_error(response, "text")


def test_record_refuses_items_of_another_meeting_and_bad_attendance(world, chair):
    meeting = world.past_meeting()
    elsewhere = world.past_meeting().agenda_items.first()
    url = f"{API}/meetings/{meeting.pk}/record/"
    response = chair.post(url, {"expected_version": 0, "items": [{"item": elsewhere.pk}]})
    field_error(response, "items")
    response = chair.post(
        url, {"expected_version": 0, "attendance": [{"person": 1, "status": "sleeping"}]}
    )
    field_error(response, "attendance")
    response = chair.post(url, {"expected_version": 0, "attendance": {"1": "present"}})
    field_error(response, "attendance")


def test_malformed_json_is_a_parse_error(world, secretariat):
    response = secretariat.post(
        f"{API}/meetings/", data='{"title": "جلسه', content_type="application/json"
    )
    assert response.status_code == 400
    assert response.json()["code"] == "parse_error"


@pytest.mark.parametrize("body", ["[1, 2]", '"جلسه"', "null", "12"])
def test_a_body_that_is_not_an_object_is_refused(world, secretariat, body):
    response = secretariat.post(f"{API}/meetings/", data=body, content_type="application/json")
    assert response.status_code == 400
    assert "non_field_errors" in response.json() or "detail" in response.json()


def test_a_form_post_is_unsupported_media(world, secretariat):
    response = secretariat.post(f"{API}/meetings/", {"title": "x"}, format="multipart")
    assert response.status_code == 415
    assert response.json()["code"] == "unsupported_media_type"


@pytest.mark.parametrize(
    "path",
    [
        "/meetings/abc/",
        "/meetings/0/",
        "/meetings/-1/",
        f"/meetings/{2**70}/",
        "/meetings/۱۲/",
        "/decisions/99999999999999999999/",
        "/minutes/1.5/",
    ],
)
def test_an_id_that_is_not_a_plain_number_is_simply_not_found(world, client_for, path):
    response = client_for(world.secretariat).get(API + path)
    assert response.status_code == 404
    assert response["Content-Type"].startswith("application/json")


@pytest.mark.parametrize(
    ("resource", "params", "field"),
    [
        ("meetings", {"since": "1405/13/40"}, "since"),
        ("meetings", {"until": "دیروز"}, "until"),
        ("meetings", {"status": "maybe"}, "status"),
        ("meetings", {"workgroup": "x"}, "workgroup"),
        ("decisions", {"status": "lost"}, "status"),
        ("decisions", {"organization": 2**70}, "organization"),
        ("decisions", {"meeting": "1.5"}, "meeting"),
        ("minutes", {"body": "nowhere"}, "body"),
        ("memberships", {"current": "maybe"}, "current"),
        ("people", {"side": "both"}, "side"),
    ],
)
def test_a_bad_filter_is_a_field_error(world, client_for, resource, params, field):
    response = client_for(None).get(f"{API}/{resource}/", params)
    field_error(response, field)


def test_a_page_out_of_range_is_a_json_404(world, client_for):
    response = client_for(None).get(f"{API}/meetings/", {"page": 99})
    assert response.status_code == 404
    assert response.json()["code"] == "not_found"
    # A page size out of its range is refused by name rather than silently cut down.
    too_big = client_for(None).get(f"{API}/meetings/", {"page_size": 10**6})
    assert "page_size" in too_big.json(), too_big.content
    assert client_for(None).get(f"{API}/meetings/", {"page_size": 100}).status_code == 200


def test_an_invalid_transition_is_a_409_and_an_invalid_reason_a_400(world, client_for):
    meeting = world.past_meeting()
    minutes = world.published(meeting)
    secretariat = client_for(world.secretariat)
    response = secretariat.post(f"{API}/minutes/{minutes.pk}/publish/")
    assert response.status_code == 409
    assert response.json()["code"] == "invalid_transition"
    response = secretariat.post(f"{API}/minutes/{minutes.pk}/correct/", {"reason": "   "})
    field_error(response, "reason")
    response = secretariat.post(f"{API}/meetings/{meeting.pk}/cancel/", {"reason": "لغو"})
    assert response.status_code == 409


@pytest.mark.parametrize("path", ["/auth/token/", "/meetings/", "/verify/"])
def test_a_deeply_nested_body_is_a_parse_error_without_logging_in(client, path):
    body = "[" * 100_000 + "]" * 100_000
    response = client.post(f"{API}{path}", data=body, content_type="application/json")
    assert response.status_code in (400, 401, 415)
    if response.status_code == 400:
        assert response.json()["code"] == "parse_error"
        assert "تودرتو" in response.json()["detail"]


def test_a_deeply_nested_body_is_refused_before_it_is_decoded(world, secretariat):
    nested = "[" * 30 + "]" * 30
    response = secretariat.post(
        f"{API}/meetings/", data='{"title": ' + nested + "}", content_type="application/json"
    )
    assert response.status_code == 400
    assert response.json()["code"] == "parse_error"
    assert "۲۰" in response.json()["detail"]
    # Brackets inside strings are text, not nesting.
    response = secretariat.post(f"{API}/meetings/", schedule(world, title="[" * 40 + " جلسه"))
    assert response.status_code == 201, response.content[:300]


def test_the_decisions_filter_by_responsible_organization(world, client_for):
    organization = world.person(world.official).organization
    response = client_for(world.secretariat).get(
        f"{API}/decisions/", {"organization": organization.pk}
    )
    assert response.status_code == 200, response.content[:300]


def test_a_body_over_the_size_limit_is_refused_not_a_server_error(client):
    body = '{"username": "' + "x" * (settings.DATA_UPLOAD_MAX_MEMORY_SIZE + 10) + '"}'
    response = client.post(f"{API}/auth/token/", data=body, content_type="application/json")
    assert response.status_code in (400, 413)


@pytest.mark.parametrize(
    ("field", "value"),
    [
        ("title", "جلسه\r\nBCC: everyone@example.ir"),
        ("location", "سالن\nجلسات"),
        ("title", "جلسه\tکارگروه"),
        ("location", "سالن\x0bجلسات"),
    ],
)
def test_a_line_break_or_control_character_in_a_one_line_field_is_refused(
    world, secretariat, field, value
):
    before = Meeting.objects.count()
    response = secretariat.post(f"{API}/meetings/", schedule(world, **{field: value}))
    message = field_error(response, field)
    assert "یک سطر" in message
    assert Meeting.objects.count() == before


def test_persian_formatting_characters_are_not_control_characters(world, secretariat):
    # ZWNJ and the bidi marks are part of Persian text (category Cf, not Cc).
    response = secretariat.post(
        f"{API}/meetings/", schedule(world, title="جلسه\u200cهای کارگروه \u200fفنی")
    )
    assert response.status_code == 201, response.content[:300]
