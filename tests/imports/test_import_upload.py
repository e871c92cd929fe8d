"""The same import from the secretariat's page (upload, dry run with the report of every
problem, then the import in one transaction; a template to download) and from the API
(``POST /api/v1/imports/``, multipart, ``dry_run``)."""

from __future__ import annotations

import io

import openpyxl
import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from rest_framework.authtoken.models import Token
from rest_framework.test import APIClient

from minutes.importer import SHEETS
from minutes.models import Meeting
from tests.imports.test_import_minutes import write_xlsx

pytestmark = pytest.mark.django_db

PAGE = "/meetings/import/"


def _upload(tmp_path, sheets, name="past.xlsx"):
    path = write_xlsx(tmp_path / name, sheets)
    return SimpleUploadedFile(name, path.read_bytes())


def _api(user) -> APIClient:
    client = APIClient()
    token, _ = Token.objects.get_or_create(user=user)
    client.credentials(HTTP_AUTHORIZATION=f"Token {token.key}")
    return client


def test_the_template_has_the_four_sheets_and_an_example(world, client):
    client.force_login(world.secretariat)
    response = client.get(f"{PAGE}template.xlsx")
    assert response.status_code == 200
    assert "attachment" in response["Content-Disposition"]
    workbook = openpyxl.load_workbook(io.BytesIO(response.content))
    assert [s.title for s in workbook.worksheets] == list(SHEETS)
    meetings = list(workbook["meetings"].iter_rows(values_only=True))
    assert list(meetings[0]) == list(SHEETS["meetings"])
    assert len(meetings) == 2  # the header and one example row


def test_the_page_is_the_secretariats_and_linked_from_the_dashboard(world, client):
    client.force_login(world.journalist)
    assert client.get(PAGE).status_code == 403
    client.force_login(world.secretariat)
    page = client.get(PAGE)
    assert page.status_code == 200
    assert "بررسی آزمایشی" in page.content.decode()
    assert PAGE in client.get("/dashboard/").content.decode()


def test_a_dry_run_shows_what_would_be_created_then_the_import_writes_it(
    world, client, sheets, tmp_path
):
    client.force_login(world.superuser)
    dry = client.post(
        PAGE,
        {"file": _upload(tmp_path, sheets), "action": "check", "committee": world.committee.pk},
    )
    assert dry.status_code == 200
    text = dry.content.decode()
    assert "بی‌ایراد" in text and "جلسه آب‌گرفتگی" in text
    assert not Meeting.objects.filter(workgroup=world.workgroup).exists()
    done = client.post(
        PAGE,
        {"file": _upload(tmp_path, sheets), "action": "import", "committee": world.committee.pk},
    )
    assert done.status_code == 302
    assert Meeting.objects.filter(workgroup=world.workgroup).count() == 2


def test_the_page_reports_every_problem_with_sheet_row_and_column(world, client, sheets, tmp_path):
    sheets["meetings"][1][3] = "1397/13/01"
    sheets["attendance"][2][1] = "شخص ناشناس"
    client.force_login(world.superuser)
    response = client.post(
        PAGE,
        {"file": _upload(tmp_path, sheets), "action": "import", "committee": world.committee.pk},
    )
    assert response.status_code == 200
    text = response.content.decode()
    assert "۲ ایراد" in text
    assert "شخص ناشناس" in text
    assert not Meeting.objects.filter(workgroup=world.workgroup).exists()


def test_a_file_of_another_kind_is_a_clear_error_on_the_page(world, client):
    client.force_login(world.secretariat)
    upload = SimpleUploadedFile("past.pdf", b"%PDF-1.4")
    response = client.post(
        PAGE, {"file": upload, "action": "check", "committee": world.committee.pk}
    )
    assert response.status_code == 200
    assert "پرونده باید XLSX، CSV یا JSON باشد." in response.content.decode()


def test_the_api_dry_run_and_import(world, sheets, tmp_path):
    client = _api(world.superuser)
    url = "/api/v1/imports/"
    slug = world.committee.slug
    dry = client.post(
        url,
        {"file": _upload(tmp_path, sheets), "committee": slug, "dry_run": "true"},
        format="multipart",
    )
    assert dry.status_code == 200, dry.content[:400]
    body = dry.json()
    assert body["dry_run"] is True and body["written"] is False
    assert body["counts"]["meetings"] == 2
    assert [m["key"] for m in body["meetings"]] == ["m1", "m2"]
    assert not Meeting.objects.filter(workgroup=world.workgroup).exists()
    done = client.post(
        url, {"file": _upload(tmp_path, sheets), "committee": slug}, format="multipart"
    )
    assert done.status_code == 200, done.content[:400]
    assert done.json()["written"] is True
    assert set(done.json()["created"]) == set(
        Meeting.objects.filter(workgroup=world.workgroup).values_list("pk", flat=True)
    )


def test_the_api_reports_problems_as_a_400(world, sheets, tmp_path):
    sheets["meetings"][1][3] = "1397/13/01"
    response = _api(world.superuser).post(
        "/api/v1/imports/",
        {"file": _upload(tmp_path, sheets), "committee": world.committee.slug},
        format="multipart",
    )
    assert response.status_code == 400
    body = response.json()
    assert body["code"] == "import_problems"
    problem = body["problems"][0]
    assert (problem["sheet"], problem["row"], problem["column"]) == ("meetings", 2, "date")


def test_the_api_refuses_who_may_not_import(world, sheets, tmp_path):
    response = _api(world.journalist).post(
        "/api/v1/imports/",
        {"file": _upload(tmp_path, sheets), "committee": world.committee.slug},
        format="multipart",
    )
    assert response.status_code == 403
    assert "دبیرخانه" in response.json()["detail"]
    assert APIClient().post("/api/v1/imports/", {}, format="multipart").status_code == 401
