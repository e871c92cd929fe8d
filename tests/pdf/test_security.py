"""Markup in what members typed is printed, never interpreted, and the renderer can read
nothing but the application's own font files and the QR code it made."""

from __future__ import annotations

import base64

import pytest
from weasyprint.urls import FatalURLFetchingError

from minutes.models import AgendaItem, Decision
from minutes.publication import pdf as minutes_pdf
from minutes.publication.pdf import (
    AllowListURLFetcher,
    RefusedResource,
    allowed_asset_files,
    render_minutes_pdf,
    write_pdf,
)
from minutes.publication.snapshot import build_snapshot
from tests.pdf.conftest import raw_lines

pytestmark = pytest.mark.django_db

PASSWD_IMG = '<img src="file:///etc/passwd">'
REMOTE_CSS = '<link rel=stylesheet href="http://127.0.0.1:9/x.css">'
REMOTE_IMG = '<img src="http://127.0.0.1:9/y.png">'
HOSTILE_URLS = ("file:///etc/passwd", "http://127.0.0.1:9/x.css", "http://127.0.0.1:9/y.png")


@pytest.fixture
def fetches(monkeypatch) -> list[str]:
    """Every URL any AllowListURLFetcher is asked for, and whether it served it."""
    seen: list[str] = []
    original = AllowListURLFetcher.fetch

    def recording_fetch(self, url, headers=None):
        seen.append(url)
        return original(self, url, headers)

    monkeypatch.setattr(AllowListURLFetcher, "fetch", recording_fetch)
    return seen


def _hostile_minutes(world):
    """The world's record with markup typed into a decision and a discussion (each alone
    on its line, so that the extracted line can be compared character for character)."""
    Decision.objects.filter(pk=world.public_decisions[0].pk).update(
        text=PASSWD_IMG, agenda_item=None
    )
    AgendaItem.objects.filter(pk=world.question_item.pk).update(
        discussion=f"{REMOTE_CSS} {REMOTE_IMG}"
    )
    return build_snapshot(world.minutes, public=True)


def test_markup_typed_by_members_is_printed_as_text_without_any_file_or_network_access(
    world, fetches, access_log, tmp_path
):
    snapshot = _hostile_minutes(world)
    with access_log:
        data = render_minutes_pdf(snapshot, verify_url="/verify/RASHT-WG1-1403-001-R1/")

    # Nothing hostile was even requested: autoescape turned the markup into text.
    assert not [url for url in fetches if any(bad in url for bad in HOSTILE_URLS)], fetches
    assert all(
        url in minutes_pdf.FONT_FILES or url.startswith("data:image/svg+xml;base64,")
        for url in fetches
    ), fetches
    # No file outside the application and no network, whoever would have opened it.
    assert "/etc/passwd" not in access_log.paths
    assert not [path for path in access_log.paths if "127.0.0.1" in path]
    assert access_log.network == []
    # And the reader sees exactly what was typed, each on its own line (a left-to-right
    # isolate inside the right-to-left page, read in content-stream order).
    lines = raw_lines(data, tmp_path)
    assert PASSWD_IMG in lines
    assert f"{REMOTE_CSS} {REMOTE_IMG}" in lines


def test_user_text_reaches_the_html_escaped(world):
    snapshot = _hostile_minutes(world)
    prepared = minutes_pdf._prepare(snapshot, draft=False, verify_url="/verify/x/")
    assert "&lt;img src=&quot;file:///etc/passwd&quot;&gt;" in prepared.html
    assert "&lt;link rel=stylesheet" in prepared.html
    assert PASSWD_IMG not in prepared.html
    assert REMOTE_CSS not in prepared.html


def test_even_raw_markup_that_bypassed_the_template_cannot_fetch_anything(access_log):
    """The second wall: the fetcher itself. Markup fed to WeasyPrint directly (as if
    escaping had failed) gets every foreign resource refused and the PDF still renders."""
    foreign_data = (
        "data:image/svg+xml;base64,"
        + base64.b64encode(
            b'<svg xmlns="http://www.w3.org/2000/svg" width="4" height="4">'
            b'<image href="file:///etc/passwd"/></svg>'
        ).decode()
    )
    html = f"""<!doctype html><html lang="fa" dir="rtl"><head>
        {REMOTE_CSS}
        <link rel="attachment" href="file:///etc/passwd">
        <style>@import url("http://127.0.0.1:9/import.css");
               body {{ background: url("file:///etc/shadow"); }}</style>
        </head><body><p>متن</p>
        {PASSWD_IMG} {REMOTE_IMG}
        <img src="{foreign_data}"><img src="y.png"><img src="/etc/hostname">
        <object data="file:///etc/passwd"></object><embed src="http://127.0.0.1:9/e">
        <iframe src="http://127.0.0.1:9/f"></iframe>
        </body></html>"""
    fetcher = AllowListURLFetcher(files=allowed_asset_files())
    with access_log:
        data = write_pdf(html, fetcher=fetcher)

    assert data.startswith(b"%PDF-")
    refused = set(fetcher.refused)
    assert {
        "file:///etc/passwd",
        "file:///etc/shadow",
        "http://127.0.0.1:9/x.css",
        "http://127.0.0.1:9/y.png",
        "http://127.0.0.1:9/import.css",
        foreign_data,
    } <= refused, refused
    assert set(fetcher.requested) == refused  # nothing outside the allow-list was served
    assert not {"/etc/passwd", "/etc/shadow", "/etc/hostname"} & set(access_log.paths)
    assert access_log.network == []


@pytest.mark.parametrize(
    "url",
    [
        "file:///etc/passwd",
        "http://127.0.0.1:9/x.css",
        "https://example.org/logo.png",
        "ftp://example.org/f",
        "data:text/css,body{}",
        "data:image/png;base64,iVBORw0KGgo=",
        "minutes-pdf:font/../../../../etc/passwd",
        "minutes-pdf:font/Vazirmatn-Black.ttf",
        "y.png",
        "/etc/passwd",
    ],
)
def test_the_fetcher_refuses_anything_not_on_its_allow_list(url, access_log):
    fetcher = AllowListURLFetcher(files=allowed_asset_files())
    with access_log, pytest.raises(RefusedResource):
        fetcher.fetch(url)
    assert fetcher.refused == [url]
    assert access_log.opened == [] and access_log.network == []


def test_the_fetcher_serves_the_fonts_and_exactly_the_data_uri_the_renderer_made():
    svg = b'<svg xmlns="http://www.w3.org/2000/svg"/>'
    own = "data:image/svg+xml;base64," + base64.b64encode(svg).decode()
    fetcher = AllowListURLFetcher(files=allowed_asset_files(), inline={own: (svg, "image/svg+xml")})
    font = fetcher.fetch("minutes-pdf:font/Vazirmatn-Regular.ttf")
    assert font.read()[:4] == b"\x00\x01\x00\x00"  # a TrueType font
    assert font.content_type == "font/ttf"
    image = fetcher.fetch(own)
    assert (image.read(), image.content_type) == (svg, "image/svg+xml")
    with pytest.raises(RefusedResource):
        fetcher.fetch(own + "=")  # not byte-for-byte the same URI


def test_a_refusal_is_an_ordinary_failed_fetch_not_a_fatal_error():
    # WeasyPrint aborts the document only on FatalURLFetchingError; anything else is logged
    # and the resource left out. A refusal must never stop a publication.
    assert not issubclass(RefusedResource, FatalURLFetchingError)
    assert issubclass(RefusedResource, Exception)
