"""Through the API alone: a meeting of 1397 registered from a paper archive, recorded with
attendance, an excused absence and a decision by vote, published, and read back — quorum,
vote and «ثبت پسین» in the JSON and in the PDF; votes exceeding those present refused."""

from __future__ import annotations

from urllib.parse import urlsplit

from rest_framework.test import APIClient

from minutes.models import Meeting
from tests.api.conftest import API
from tests.api.test_journey import token_client

DECISION_TEXT = "شهرداری منطقه ۲ طرح جمع‌آوری آب‌های سطحی گلسار را اجرا کند."


def _register(client, world, **overrides):
    data = {
        "workgroup": world.workgroup.pk,
        "number": 7,
        "title": "جلسه کارگروه عمرانی از بایگانی کاغذی",
        "starts_at": "2018-05-05T10:00:00+04:30",  # ۱۵ اردیبهشت ۱۳۹۷
        "ends_at": "2018-05-05T12:00:00+04:30",
        "location": "سالن جلسات شهرداری",
        "agenda": [{"title": "گزارش آب‌گرفتگی معابر"}],
    }
    data.update(overrides)
    return client.post(f"{API}/meetings/register-past/", data, format="json")


def test_a_meeting_of_1397_is_registered_recorded_and_published_through_the_api(
    world, settings, tmp_path, django_capture_on_commit_callbacks
):
    settings.MEDIA_ROOT = tmp_path
    secretariat, chair = token_client("secretariat"), token_client("chair-2")
    response = _register(secretariat, world)
    assert response.status_code == 201, response.content
    meeting = response.json()
    assert (meeting["jalali_year"], meeting["number"], meeting["status"]) == (1397, 7, "held")
    assert meeting["registered_late_at"]
    assert meeting["secretary_person"]["name"]

    # Members of the body on that day are not on record: the chair records who came.
    people = {
        "chair": world.person(world.chair).pk,
        "official": world.person(world.official).pk,
        "journalist": world.person(world.journalist).pk,
    }
    response = chair.post(
        f"{API}/meetings/{meeting['id']}/record/",
        {
            "expected_version": 0,
            "attendance": [
                {"person": people["chair"], "status": "present"},
                {"person": people["official"], "status": "present", "arrived_at": "10:20"},
                {"person": people["journalist"], "status": "excused", "excuse": "بیماری"},
            ],
            "summary": "گزارش ارائه شد.",
        },
        format="json",
    )
    assert response.status_code == 200, response.content
    draft = response.json()

    too_many = chair.post(
        f"{API}/meetings/{meeting['id']}/decisions/",
        {
            "expected_version": draft["version"],
            "text": DECISION_TEXT,
            "responsible_person": people["official"],
            "vote_method": "vote",
            "votes_for": 2,
            "votes_against": 1,
        },
        format="json",
    )
    assert too_many.status_code == 400
    assert "مجموع آرا (۳)" in too_many.json()["votes_for"][0]

    response = chair.post(
        f"{API}/meetings/{meeting['id']}/decisions/",
        {
            "expected_version": draft["version"],
            "text": DECISION_TEXT,
            "responsible_person": people["official"],
            "vote_method": "vote",
            "votes": [
                {"person": people["chair"], "vote": "for"},
                {"person": people["official"], "vote": "against"},
            ],
        },
        format="json",
    )
    assert response.status_code == 201, response.content
    assert response.json()["vote"] == {
        "method": "vote",
        "for": 1,
        "against": 1,
        "abstain": 0,
        "names": {
            "for": [world.person(world.chair).full_name],
            "against": [world.person(world.official).full_name],
            "abstain": [],
        },
    }
    assert chair.post(f"{API}/minutes/{draft['id']}/submit/").status_code == 200
    assert chair.post(f"{API}/minutes/{draft['id']}/approve/").status_code == 200
    with django_capture_on_commit_callbacks(execute=True):
        published = secretariat.post(f"{API}/minutes/{draft['id']}/publish/")
    assert published.status_code == 200, published.content

    anonymous = APIClient()
    minutes = anonymous.get(f"{API}/minutes/{draft['id']}/").json()
    # No permanent member of 1397 is on record, so the quorum cannot be told.
    assert minutes["quorum"]["met"] is None
    assert "معلوم نیست" in minutes["quorum_text"]
    assert minutes["content"]["meeting"]["registered_late_at"]
    assert minutes["content"]["decisions"][0]["vote"]["method"] == "vote"
    pdf = anonymous.get(urlsplit(minutes["pdf_url"]).path)
    body = b"".join(pdf.streaming_content) if pdf.streaming else pdf.content
    from minutes.publication.pdf_files import read_record

    assert read_record(body)["meeting"]["jalali_year"] == 1397


def test_a_session_number_taken_in_that_year_is_a_400_on_number(world):
    secretariat = token_client("secretariat")
    assert _register(secretariat, world).status_code == 201
    again = _register(secretariat, world, title="تکراری")
    assert again.status_code == 400
    assert "جلسه شماره ۷ سال ۱۳۹۷" in again.json()["number"][0]
    assert not Meeting.objects.filter(title="تکراری").exists()


def test_registering_a_past_meeting_is_for_the_secretariat_only(world):
    assert _register(token_client("chair-2"), world).status_code == 403


def test_a_client_attaches_a_document_through_the_api(world, settings, tmp_path):
    from django.core.files.uploadedfile import SimpleUploadedFile

    settings.MEDIA_ROOT = tmp_path
    secretariat = token_client("secretariat")
    meeting = _register(secretariat, world).json()
    response = secretariat.post(
        f"{API}/meetings/{meeting['id']}/attachments/",
        {"file": SimpleUploadedFile("report.pdf", b"%PDF-1.4\n%%EOF\n"), "title": "گزارش"},
        format="multipart",
    )
    assert response.status_code == 201, response.content
    body = response.json()
    assert (body["kind"], body["title"], body["is_public"]) == ("pdf", "گزارش", True)
    bad = secretariat.post(
        f"{API}/meetings/{meeting['id']}/attachments/",
        {"file": SimpleUploadedFile("x.pdf", b"<html>not a pdf</html>")},
        format="multipart",
    )
    assert bad.status_code == 400
    assert "نوع این فایل پذیرفته نیست" in bad.json()["file"][0]
    chair = token_client("press-2")
    refused = chair.post(
        f"{API}/meetings/{meeting['id']}/attachments/",
        {"file": SimpleUploadedFile("y.pdf", b"%PDF-1.4\n")},
        format="multipart",
    )
    assert refused.status_code in (403, 404)
