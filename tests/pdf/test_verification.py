"""The public verification pages: look a document up, see its SHA-256 and revisions, and
check an uploaded copy byte for byte without anything being stored."""

from __future__ import annotations

import re

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.urls import reverse

from minutes import services
from minutes.models import Minutes
from minutes.publication import pdf_views
from tests.pdf.conftest import MEETING_TITLE, WORKGROUP_NAME, publish

pytestmark = pytest.mark.django_db

VERIFY = "/verify/"


def _upload(client, url: str, data: bytes, name: str = "صورتجلسه.pdf"):
    return client.post(url, {"file": SimpleUploadedFile(name, data, "application/pdf")})


def _status_region(response) -> str:
    html = response.content.decode()
    match = re.search(r'<div role="status"[^>]*>(.*?)</div><!-- /verify-status -->', html, re.S)
    assert match, "no role=status region"
    return match.group(1)


def test_the_verification_page_offers_both_checks_with_labels(client):
    response = client.get(reverse("minutes_verify"))
    assert response.status_code == 200
    html = response.content.decode()
    assert reverse("minutes_verify") == VERIFY
    assert 'lang="fa"' in html and 'dir="rtl"' in html
    assert "بررسی اصالت صورتجلسه" in html
    assert '<label for="id_document_id"' in html
    assert '<label for="id_file"' in html
    assert 'enctype="multipart/form-data"' in html
    assert 'name="csrfmiddlewaretoken"' in html
    assert 'role="status"' in html
    assert "ذخیره نمی‌شود" in html


def test_looking_up_an_identifier_leads_to_its_page_however_it_was_typed(client, published):
    typed = "\u200f" + published.document_id.lower().replace("1", "۱") + " "
    response = client.get(VERIFY, {"document_id": typed})
    assert response.status_code == 302
    assert response["Location"] == f"/verify/{published.document_id}/"


def test_an_unknown_identifier_is_reported_without_guessing(client, world):
    response = client.get(VERIFY, {"document_id": "RASHT-WG9-1403-099-R1"})
    assert response.status_code == 200
    assert (
        "سند منتشرشده‌ای با شناسه <bdi>RASHT-WG9-1403-099-R1</bdi> یافت نشد"
        in response.content.decode()
    )
    garbage = client.get(VERIFY, {"document_id": "<script>"})
    assert "فقط از حروف لاتین" in garbage.content.decode()
    assert "<script>" not in garbage.content.decode()


def test_the_document_page_shows_the_hash_publication_size_body_and_meeting(client, published):
    response = client.get(reverse("minutes_verify_document", args=[published.document_id]))
    assert response.status_code == 200
    html = response.content.decode()
    assert published.sha256 in html
    assert "۱۰ اردیبهشت ۱۴۰۳، ساعت ۰۹:۳۰" in html  # publication, Jalali, Tehran time
    assert WORKGROUP_NAME in html and MEETING_TITLE in html
    assert "شنبه ۸ اردیبهشت ۱۴۰۳" in html
    assert "کیلوبایت" in html and re.search(r"[۰-۹]+ کیلوبایت", html)
    assert f'href="/minutes/{published.document_id}.pdf"' in html
    assert f'href="/minutes/{published.document_id}.pdf?download=1"' in html


def test_unknown_and_unpublished_documents_have_no_page(client, world):
    assert client.get("/verify/RASHT-WG9-1403-001-R1/").status_code == 404
    Minutes.objects.filter(pk=world.minutes.pk).update(document_id="RASHT-WG2-1403-001-R1")
    assert client.get("/verify/RASHT-WG2-1403-001-R1/").status_code == 404


def test_an_uploaded_copy_of_the_published_pdf_is_recognised_byte_for_byte(
    client, published, published_pdf
):
    response = _upload(client, VERIFY, published_pdf)
    assert response.status_code == 200
    status = _status_region(response)
    assert "این فایل اصیل است" in status
    assert "بایت به بایت" in status
    assert published.document_id in status
    assert MEETING_TITLE in status and WORKGROUP_NAME in status
    assert "۱۰ اردیبهشت ۱۴۰۳" in status
    assert published.sha256 in status


def test_a_copy_with_one_byte_changed_is_rejected(client, published, published_pdf):
    tampered = bytearray(published_pdf)
    tampered[len(tampered) // 2] ^= 0x01
    response = _upload(client, VERIFY, bytes(tampered))
    status = _status_region(response)
    assert "با هیچ‌یک از نسخه‌های منتشرشده یکسان نیست" in status
    assert published.document_id not in status
    assert "این فایل اصیل است" not in status


def test_a_file_that_is_not_a_pdf_is_said_to_be_so(client, published):
    status = _status_region(_upload(client, VERIFY, b"hello", name="note.txt"))
    assert "PDF نیست" in status


def test_the_upload_is_hashed_in_passing_and_never_written_anywhere(
    client, published, published_pdf, access_log, settings, tmp_path
):
    settings.FILE_UPLOAD_MAX_MEMORY_SIZE = 10  # Django would otherwise spool to a temp file
    settings.FILE_UPLOAD_TEMP_DIR = str(tmp_path)
    with access_log:
        response = _upload(client, VERIFY, published_pdf)
    assert "این فایل اصیل است" in _status_region(response)
    assert access_log.written == [], access_log.written
    assert list(tmp_path.iterdir()) == []


def test_the_document_page_checks_an_upload_against_that_document(client, published, published_pdf):
    url = reverse("minutes_verify_document", args=[published.document_id])
    response = _upload(client, url, published_pdf)
    assert response.status_code == 200
    assert "این فایل اصیل است" in _status_region(response)


def test_a_file_over_the_limit_is_refused(client, published, settings, monkeypatch):
    settings.MINUTES_VERIFY_MAX_UPLOAD_BYTES = 1000
    response = _upload(client, VERIFY, b"%PDF-" + b"0" * 5000)
    assert response.status_code == 413
    html = response.content.decode()
    assert "بیش از حد مجاز" in html
    assert "این فیلد لازم است" not in html  # the size is the problem, not a missing file
    assert 'role="status"' in html and "این فایل اصیل است" not in html

    # Far over the limit: refused from the Content-Length, before the body is read.
    chunks = []
    monkeypatch.setattr(
        pdf_views.HashingUploadHandler,
        "receive_data_chunk",
        lambda self, raw, start: chunks.append(len(raw)),
    )
    huge = _upload(client, VERIFY, b"%PDF-" + b"0" * 200_000)
    assert huge.status_code == 413
    assert "بیش از حد مجاز" in huge.content.decode()
    assert chunks == []


def test_uploads_are_csrf_protected(published, published_pdf):
    strict = Client(enforce_csrf_checks=True)
    assert _upload(strict, VERIFY, published_pdf).status_code == 403
    page = strict.get(VERIFY)
    token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', page.content.decode())[1]
    response = strict.post(
        VERIFY,
        {"csrfmiddlewaretoken": token, "file": SimpleUploadedFile("m.pdf", published_pdf)},
    )
    assert response.status_code == 200
    assert "این فایل اصیل است" in _status_region(response)


def test_the_chain_of_revisions_links_every_published_revision_with_its_reason(
    client, world, published, django_capture_on_commit_callbacks
):
    reason = "مهلت اجرای مصوبه اول اشتباه درج شده بود."
    correction = services.issue_correction(world.secretariat, published, reason)
    Minutes.objects.filter(pk=correction.pk).update(status=Minutes.Status.APPROVED)
    correction = publish(world, correction, django_capture_on_commit_callbacks)

    old_page = client.get(reverse("minutes_verify_document", args=[published.document_id]))
    html = old_page.content.decode()
    for minutes in (published, correction):
        assert minutes.document_id in html
        assert f'href="/minutes/{minutes.document_id}.pdf"' in html
    assert f'href="/verify/{correction.document_id}/"' in html
    assert reason in html
    assert "با اصلاحیه جایگزین شده است" in html  # the older one says it was replaced

    # A copy of the older revision is genuine, and the page points to the newer one.
    with published.pdf.open("rb") as handle:
        status = _status_region(_upload(client, VERIFY, handle.read()))
    assert "این فایل اصیل است" in status
    assert correction.document_id in status


# --- the seal -----------------------------------------------------------------------------

API_VERIFY = "/api/v1/verify/"


def _seal_region(response) -> str:
    html = response.content.decode()
    match = re.search(r'<section[^>]*id="verify-seal".*?</section>', html, re.S)
    assert match, "no seal section"
    return match.group(0)


def test_the_page_reports_the_seal_its_signer_level_and_the_demo_certificate(
    client, published, published_pdf
):
    from minutes.publication import signing

    seal = _seal_region(_upload(client, VERIFY, published_pdf))
    assert "verify-ok" in seal
    assert "مهر الکترونیکی این فایل معتبر است" in seal
    assert signing.DEMO_SUBJECT in seal  # who signed
    assert "گواهی آزمایشی" in seal and "فقط برای نمایش" in seal  # and that it is a demo
    assert "به ریشه مورد اعتماد می‌رسد" in seal
    assert "بدون مهر زمانی" in seal  # the claimed time, labelled as such
    assert "PAdES B-B" in seal
    assert "هیچ تغییری پس از امضا مجاز نیست" in seal


def test_the_page_refuses_the_seal_of_a_copy_with_one_byte_changed(client, published_pdf):
    tampered = bytearray(published_pdf)
    tampered[len(tampered) // 2] ^= 0x01
    seal = _seal_region(_upload(client, VERIFY, bytes(tampered)))
    assert "verify-bad" in seal
    assert "مهر الکترونیکی این فایل معتبر است" not in seal


def test_the_page_reports_an_update_appended_after_signing(client, published_pdf):
    from tests.pdf.test_signing import appended_update

    response = _upload(client, VERIFY, appended_update(published_pdf, annotate=True))
    assert response.status_code == 200
    seal = _seal_region(response)
    assert "پس از امضا تغییراتی به فایل افزوده شده است" in seal
    assert "verify-bad" in seal


def test_an_unsigned_pdf_is_said_to_have_no_signature(client, world):
    from minutes.publication.pdf import render_minutes_pdf
    from minutes.publication.snapshot import build_snapshot

    unsigned = render_minutes_pdf(build_snapshot(world.minutes, public=True), draft=True)
    response = _upload(client, VERIFY, unsigned)
    assert response.status_code == 200
    assert "این فایل امضای دیجیتال ندارد" in _seal_region(response)


def test_a_broken_pdf_gets_a_persian_message_not_an_error(client, world):
    response = _upload(client, VERIFY, b"%PDF-1.7\n1 0 obj << /Type /Catalog >> garbage")
    assert response.status_code == 200
    assert "خوانا نیست" in _seal_region(response)


def test_the_api_answers_the_same_check_as_json(client, published, published_pdf):
    response = client.post(API_VERIFY, {"file": SimpleUploadedFile("m.pdf", published_pdf)})
    assert response.status_code == 200, response.content
    body = response.json()
    assert body["matches_document_id"] == published.document_id
    assert body["stored_sha256_match"] is True
    seal = body["signature"]
    assert seal["intact"] and seal["trusted"] and seal["ok"] and seal["demo"]
    assert seal["signer"] and seal["signed_at"] and seal["timestamped"] is False
    assert seal["modified_after_signing"] is False and seal["level"] == "B-B"
    assert seal["certification"] is True


def test_the_api_refuses_a_changed_copy_and_says_when_there_is_no_signature(
    client, published, published_pdf
):
    tampered = bytearray(published_pdf)
    tampered[len(tampered) // 2] ^= 0x01
    body = client.post(API_VERIFY, {"file": SimpleUploadedFile("m.pdf", bytes(tampered))}).json()
    assert body["matches_document_id"] is None and body["stored_sha256_match"] is False
    assert body["signature"]["ok"] is False
    garbage = client.post(API_VERIFY, {"file": SimpleUploadedFile("n.txt", b"hello")})
    assert garbage.status_code == 200
    assert garbage.json()["signature"]["status"] == "unreadable"


def test_the_api_wants_a_file_and_keeps_the_page_size_limit(client, world, settings):
    assert client.post(API_VERIFY, {}).status_code == 400
    settings.MINUTES_VERIFY_MAX_UPLOAD_BYTES = 1000
    response = client.post(API_VERIFY, {"file": SimpleUploadedFile("m.pdf", b"%PDF-" * 400)})
    assert response.status_code == 413
    huge = client.post(API_VERIFY, {"file": SimpleUploadedFile("m.pdf", b"0" * 200_000)})
    assert huge.status_code == 413
