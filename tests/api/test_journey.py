"""A client program's journey through the API, with tokens: the secretariat schedules a
meeting with its agenda and invites; the chair records attendance, discussion and a
decision, submits and approves; the secretariat publishes; anyone then downloads the PDF
through ``pdf_url`` and checks its SHA-256."""

from __future__ import annotations

import datetime
import hashlib
from urllib.parse import urlsplit

from django.core import mail
from django.utils import timezone
from rest_framework.test import APIClient

from minutes.models import Meeting, Minutes
from tests.api.conftest import API

DECISION_TEXT = "معاونت عمرانی برنامه لکه‌گیری معابر منطقه ۲ را تا پایان ماه منتشر کند."


def token_client(username: str, password: str = "pass") -> APIClient:
    client = APIClient()
    response = client.post(
        f"{API}/auth/token/", {"username": username, "password": password}, format="json"
    )
    assert response.status_code == 200, response.content
    token = response.json()["token"]
    client.credentials(HTTP_AUTHORIZATION=f"Token {token}")
    return client


def test_schedule_record_decide_approve_publish_and_download_the_pdf(
    world, settings, tmp_path, django_capture_on_commit_callbacks
):
    settings.MEDIA_ROOT = tmp_path
    secretariat = token_client("secretariat")
    chair = token_client("chair-2")
    anonymous = APIClient()

    # The secretariat schedules a public meeting of the workgroup, starting in half an hour.
    starts_at = timezone.now() + datetime.timedelta(minutes=30)
    response = secretariat.post(
        f"{API}/meetings/",
        {
            "workgroup": world.workgroup.pk,
            "title": "بررسی آسفالت معابر پس از بارندگی",
            "starts_at": starts_at.isoformat(),
            "ends_at": (starts_at + datetime.timedelta(hours=2)).isoformat(),
            "location": "سالن جلسات معاونت عمرانی",
            "agenda": [
                {"title": "گزارش آسفالت معابر", "kind": "report"},
                {"title": "ترافیک گلسار", "is_public": False},
            ],
        },
    )
    assert response.status_code == 201, response.content
    meeting = response.json()
    assert meeting["internal"] is True
    assert [item["title"] for item in meeting["agenda"]] == ["گزارش آسفالت معابر", "ترافیک گلسار"]
    assert meeting["starts_at_jalali"].count("/") == 2
    items = [item["id"] for item in meeting["agenda"]]

    with django_capture_on_commit_callbacks(execute=True):
        response = secretariat.post(f"{API}/meetings/{meeting['id']}/invite/", {})
    assert response.status_code == 200, response.content
    assert response.json()["invited"] == 3  # the chair, the official and the journalist
    assert len(mail.outbox) == 3

    # The chair records who came, what was said, and the summary: the first draft.
    members = [row["person"]["id"] for row in response.json()["meeting"]["invitations"]]
    response = chair.post(
        f"{API}/meetings/{meeting['id']}/record/",
        {
            "expected_version": 0,
            "attendance": [{"person": pk, "status": "present"} for pk in members],
            "items": [{"item": items[0], "discussion": "گزارش ارائه و بررسی شد."}],
            "summary": "گزارش‌ها ارائه و مصوبه زیر تصویب شد.",
        },
    )
    assert response.status_code == 200, response.content
    draft = response.json()
    assert (draft["status"], draft["revision"]) == ("draft", 1)
    assert Meeting.objects.get(pk=meeting["id"]).status == Meeting.Status.HELD

    response = chair.post(
        f"{API}/meetings/{meeting['id']}/decisions/",
        {
            "expected_version": draft["version"],
            "text": DECISION_TEXT,
            "agenda_item": items[0],
            "responsible_organization": world.person(world.official).organization_id,
            "deadline": "۱۴۱۰/۰۱/۱۵",  # Jalali, Persian digits
        },
    )
    assert response.status_code == 201, response.content
    decision = response.json()
    assert decision["deadline_jalali"] == "1410/01/15"
    assert decision["published"] is False

    # An outdated version is refused and nothing is saved.
    stale = chair.post(
        f"{API}/meetings/{meeting['id']}/decisions/",
        {
            "expected_version": draft["version"],
            "text": "تکراری",
            "responsible_organization": world.person(world.official).organization_id,
        },
    )
    assert stale.status_code == 409
    assert stale.json()["code"] == "edit_conflict"

    assert chair.post(f"{API}/minutes/{draft['id']}/submit/").json()["status"] == "submitted"
    approved = chair.post(f"{API}/minutes/{draft['id']}/approve/")
    assert approved.status_code == 200
    assert approved.json()["status"] == "approved"

    # The secretariat publishes; the PDF is rendered and stored once the transaction commits.
    with django_capture_on_commit_callbacks(execute=True):
        response = secretariat.post(f"{API}/minutes/{draft['id']}/publish/")
    assert response.status_code == 200, response.content
    assert response.json()["status"] == "published"
    assert response.json()["document_id"]

    # Anyone reads the published minutes and downloads the PDF through pdf_url.
    published = anonymous.get(f"{API}/minutes/{draft['id']}/").json()
    stored = Minutes.objects.get(pk=draft["id"])
    assert published["sha256"] == stored.sha256
    assert published["pdf_url"].startswith("http://testserver/")
    assert published["pdf_url"].endswith(f"/minutes/{stored.document_id}.pdf")
    assert published["content"]["document_id"] == stored.document_id
    assert published["published_at_jalali"]

    pdf = anonymous.get(urlsplit(published["pdf_url"]).path)
    assert pdf.status_code == 200
    body = b"".join(pdf.streaming_content) if pdf.streaming else pdf.content
    assert body.startswith(b"%PDF-")
    assert hashlib.sha256(body).hexdigest() == published["sha256"]

    # The decision is public now, as published; the internal agenda item is not.
    public = anonymous.get(f"{API}/decisions/", {"meeting": meeting["id"]}).json()["results"]
    assert [(d["text"], d["published"]) for d in public] == [(DECISION_TEXT, True)]
    shown = anonymous.get(f"{API}/meetings/{meeting['id']}/").json()
    assert [item["title"] for item in shown["agenda"]] == ["گزارش آسفالت معابر"]
    assert "invitations" not in shown


def test_a_wrong_password_gets_no_token_and_a_persian_message(world):
    response = APIClient().post(
        f"{API}/auth/token/", {"username": "secretariat", "password": "wrong"}, format="json"
    )
    assert response.status_code == 400
    assert "گذرواژه" in response.json()["non_field_errors"][0]


def test_the_same_token_is_answered_until_it_is_revoked(world):
    client = token_client("secretariat")
    first = client._credentials["HTTP_AUTHORIZATION"]
    assert token_client("secretariat")._credentials["HTTP_AUTHORIZATION"] == first
    assert client.get(f"{API}/meetings/").status_code == 200
    assert client.delete(f"{API}/auth/token/").status_code == 204
    refused = client.get(f"{API}/meetings/")
    assert refused.status_code == 401
    assert refused.json()["code"] == "authentication_failed"
