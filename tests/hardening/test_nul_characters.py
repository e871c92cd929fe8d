"""A NUL character (``%00``) never reaches the database: in the address or a query parameter
it is a 400 before any view (Persian, English when chosen; JSON in the API's error shape
under /api/); in a form or JSON field the fields refuse it; whatever still reaches the
database (PostgreSQL's text types cannot hold it) is a 400, never a server error. CI runs
this file on SQLite and on PostgreSQL."""

from __future__ import annotations

import pytest
from django.db import DataError
from django.test import RequestFactory

from config.middleware import DatabaseBusyMiddleware
from tests.imports.test_import_upload import _api, _upload

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    "path",
    [
        "/archive/?q=%00",
        "/decisions/?q=a%00b",
        "/demands/?topic=x%00",
        "/archive/?a%00=1",
        "/committee/a%00b/",
    ],
)
def test_a_page_with_a_nul_is_a_persian_400(client, world, path):
    response = client.get(path)
    assert response.status_code == 400
    page = response.content.decode()
    assert 'lang="fa"' in page and "نویسهٔ تهی" in page


def test_the_page_in_english_when_chosen(client, world):
    client.cookies["django_language"] = "en"
    response = client.get("/archive/?q=%00")
    assert response.status_code == 400
    assert "NUL character" in response.content.decode()


@pytest.mark.parametrize(
    "path",
    [
        # The schemathesis run that found it: a workgroup slug holding a NUL.
        "/api/v1/demands/counts/?workgroup=%C2%93%00%5E",
        "/api/v1/demands/?district=%00",
        "/api/v1/meetings/?committee=a%00",
        "/api/v1/committees/a%00b/",
    ],
)
def test_an_api_request_with_a_nul_is_a_400_in_the_error_shape(client, world, path):
    response = client.get(path)
    assert response.status_code == 400
    body = response.json()
    assert body["code"] == "invalid"
    assert "نویسهٔ تهی" in body["detail"]
    response = client.get(path, HTTP_ACCEPT_LANGUAGE="en")
    assert "NUL character" in response.json()["detail"]


def test_a_nul_in_a_multipart_field_of_the_api_is_a_400(world, sheets, tmp_path):
    # The committee is a slug looked up in the database: on PostgreSQL the look-up itself
    # is refused (a DataError, answered as a 400), on SQLite it finds nothing.
    response = _api(world.superuser).post(
        "/api/v1/imports/",
        {"file": _upload(tmp_path, sheets), "committee": "rasht\x00"},
        format="multipart",
    )
    assert response.status_code == 400, response.content[:300]
    assert response.json()["code"] == "invalid"


@pytest.mark.parametrize(
    ("path", "content_type"),
    [("/meetings/1/record/", "text/html"), ("/api/v1/meetings/", "application/json")],
)
def test_a_value_the_database_refuses_is_a_400(path, content_type):
    middleware = DatabaseBusyMiddleware(lambda request: None)
    request = RequestFactory().post(path)
    error = DataError("PostgreSQL text fields cannot contain NUL (0x00) bytes")
    response = middleware.process_exception(request, error)
    assert response is not None
    assert response.status_code == 400
    assert response["Content-Type"].startswith(content_type)
    assert "هیچ تغییری ذخیره نشد" in response.content.decode()
