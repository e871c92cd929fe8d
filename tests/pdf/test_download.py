"""GET/HEAD /minutes/<document_id>.pdf: the stored bytes, cacheable, revalidated by ETag."""

from __future__ import annotations

import hashlib
from unittest import mock
from urllib.parse import unquote

import pytest
from django.urls import reverse
from django.utils.http import http_date

from minutes.models import Minutes
from minutes.publication import pdf as minutes_pdf
from minutes.publication import pdf_views
from minutes.publication.snapshot import document_id
from tests.pdf.conftest import WORKGROUP_NAME

pytestmark = pytest.mark.django_db


def _url(minutes: Minutes, **query) -> str:
    url = reverse("minutes_pdf", args=[minutes.document_id])
    return url + ("?" + "&".join(f"{k}={v}" for k, v in query.items()) if query else "")


def _body(response) -> bytes:
    return b"".join(response.streaming_content) if response.streaming else response.content


def test_the_url_is_the_document_identifier(published):
    assert _url(published) == f"/minutes/{published.document_id}.pdf"


def test_a_download_serves_the_stored_bytes_and_never_renders_again(client, published):
    with published.pdf.open("rb") as handle:
        stored = handle.read()
    with (
        mock.patch.object(minutes_pdf, "render_minutes_pdf") as render,
        mock.patch.object(pdf_views, "render_minutes_pdf") as view_render,
    ):
        # Each body is read before the next request: Django's in-memory storage hands
        # every reader the same stream object.
        first = client.get(_url(published))
        first_body = _body(first)
        second = client.get(_url(published))
        second_body = _body(second)
    render.assert_not_called()
    view_render.assert_not_called()
    assert first.status_code == second.status_code == 200
    assert first.streaming  # FileResponse, streamed from storage
    assert first_body == second_body == stored
    assert hashlib.sha256(first_body).hexdigest() == published.sha256
    assert first["Content-Type"] == "application/pdf"
    assert int(first["Content-Length"]) == len(stored) == published.pdf_size


def test_it_is_cacheable_forever_and_identified_by_its_hash(client, published):
    response = client.get(_url(published))
    assert response["ETag"] == f'"{published.sha256}"'
    cache_control = {part.strip() for part in response["Cache-Control"].split(",")}
    assert {"public", "immutable"} <= cache_control
    assert any(part.startswith("max-age=") and int(part[8:]) > 0 for part in cache_control)
    assert response["Last-Modified"] == http_date(published.published_at.timestamp())


def test_a_matching_if_none_match_gets_304_without_a_body(client, published):
    etag = f'"{published.sha256}"'
    response = client.get(_url(published), HTTP_IF_NONE_MATCH=etag)
    assert response.status_code == 304
    assert response.content == b""
    assert response["ETag"] == etag
    assert "immutable" in response["Cache-Control"]
    other = client.get(_url(published), HTTP_IF_NONE_MATCH='"0000"')
    assert other.status_code == 200


def test_head_gives_the_headers_and_no_body(client, published):
    response = client.head(_url(published))
    assert response.status_code == 200
    assert response.content == b""
    assert int(response["Content-Length"]) == published.pdf_size
    assert response["ETag"] == f'"{published.sha256}"'
    assert response["Content-Type"] == "application/pdf"
    assert client.head(_url(published), HTTP_IF_NONE_MATCH=response["ETag"]).status_code == 304


def test_the_file_name_is_persian_with_an_ascii_fallback(client, published):
    disposition = client.get(_url(published))["Content-Disposition"]
    kind, *params = [part.strip() for part in disposition.split(";")]
    assert kind == "inline"
    values = dict(param.split("=", 1) for param in params)
    assert values["filename"] == f'"{published.document_id}.pdf"'
    assert values["filename*"].startswith("UTF-8''")
    name = unquote(values["filename*"][len("UTF-8''") :])
    assert name.startswith("صورتجلسه") and name.endswith(".pdf")
    assert WORKGROUP_NAME in name
    assert "جلسه ۱ سال ۱۴۰۳" in name and "ویرایش ۱" in name
    assert values["filename*"].isascii()

    attachment = client.get(_url(published, download=1))["Content-Disposition"]
    assert attachment.startswith("attachment;")


def test_unknown_or_unpublished_documents_are_404(client, world):
    assert client.get("/minutes/RASHT-WG9-1403-001-R1.pdf").status_code == 404
    minutes = world.minutes
    # An identifier on unpublished minutes (as if set early) still does not serve a file.
    Minutes.objects.filter(pk=minutes.pk).update(document_id=document_id(minutes))
    minutes.refresh_from_db()
    assert client.get(_url(minutes)).status_code == 404
    assert client.head(_url(minutes)).status_code == 404
    # Published, but the PDF not stored yet: «در حال تهیه PDF…», 503 (tests/pdf/test_pending.py).


def test_only_get_and_head_are_allowed(client, published):
    assert client.post(_url(published)).status_code == 405


def test_with_the_public_caches_on_a_download_reads_no_row(client, published, settings):
    """What a download needs of a published PDF never changes, so it is kept: the second
    download queries nothing and serves the same bytes and headers."""
    from django.core.cache import cache
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    settings.PORTAL_PAGE_CACHE_SECONDS = 300
    cache.clear()
    try:
        first = client.get(_url(published))
        first_body = _body(first)
        with CaptureQueriesContext(connection) as queries:
            second = client.get(_url(published))
            second_body = _body(second)
        assert len(queries) == 0, [q["sql"] for q in queries.captured_queries]
        assert first_body == second_body
        assert hashlib.sha256(second_body).hexdigest() == published.sha256
        for header in ("ETag", "Content-Length", "Content-Disposition", "Last-Modified"):
            assert first[header] == second[header], header
        # A not-yet-stored or unknown document is never remembered as missing.
        assert client.get("/minutes/NO-SUCH-DOC-R1.pdf").status_code == 404
    finally:
        cache.clear()
