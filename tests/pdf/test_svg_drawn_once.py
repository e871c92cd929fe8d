"""An SVG image repeated on every page, drawn once (minutes.publication.pdf_svg): the
footer's QR code is parsed and drawn on the first page and written from that recording on
the others; the PDF is the same, byte for byte."""

from __future__ import annotations

import base64
import contextlib
import io
import threading
from pathlib import Path
from unittest import mock

import pytest
import weasyprint
from pypdf import PdfReader
from weasyprint import images as weasyprint_images
from weasyprint import svg as weasyprint_svg

from minutes.publication import pdf_svg
from minutes.publication.pdf import qr_svg
from tests.pdf.test_text_layer import render_tricky, render_world, world_snapshot

REPO = Path(__file__).resolve().parents[2]


def data_uri(svg: bytes) -> str:
    return "data:image/svg+xml;base64," + base64.b64encode(svg).decode("ascii")


QR = data_uri(qr_svg("https://media.rasht.ir/verify/RASHT-WG2-1405-002-R1/"))
# An image that needs a transparency group (opacity): drawn anew each time, as before.
TRANSLUCENT = data_uri(
    b'<svg xmlns="http://www.w3.org/2000/svg" width="20" height="20">'
    b'<rect width="20" height="20" fill="#0b5a6e" opacity="0.5"/></svg>'
)


def html(pages: int = 4) -> str:
    """The QR code in a running footer on every page, once more in coloured text, and a
    translucent image on each page."""
    body = "".join(
        f'<p style="break-after: page">صفحه {n} <img src="{TRANSLUCENT}" alt=""></p>'
        for n in range(pages)
    )
    return (
        '<html dir="rtl"><style>@page { @bottom-center { content: element(footer) } }'
        " .footer { position: running(footer) } img.qr { width: 19mm; height: 19mm }</style>"
        f'<div class="footer"><img class="qr" src="{QR}" alt="QR"></div>'
        f'<p style="color: #9b1111">متن رنگی <img class="qr" src="{QR}" alt="QR"></p>'
        f"{body}</html>"
    )


def drawn(source: str, *, once: bool) -> tuple[int, bytes]:
    """How many times WeasyPrint really drew an SVG image, and the PDF."""
    counting = mock.patch.object(
        weasyprint_svg.SVG, "draw", autospec=True, side_effect=weasyprint_svg.SVG.draw
    )
    context = pdf_svg.svg_drawn_once() if once else contextlib.nullcontext()
    with counting as counter, context:
        data = weasyprint.HTML(string=source).write_pdf(pdf_variant="pdf/a-3a")
    return counter.call_count, data


def test_it_is_written_for_the_pinned_weasyprint():
    assert weasyprint.__version__ == pdf_svg.WEASYPRINT_VERSION
    pins = (REPO / "requirements.txt").read_text()
    assert f"weasyprint=={pdf_svg.WEASYPRINT_VERSION}" in pins.lower()


def test_a_repeated_image_is_drawn_once_per_state_into_the_same_pdf():
    every_time, before = drawn(html(pages=4), once=False)
    once, after = drawn(html(pages=4), once=True)
    assert after == before
    # Without: the footer's code on each of the 4 pages, the one in the text, and the
    # translucent image on each page. With: the code once in the footer's state and once
    # in the coloured text's; the translucent one each time (it makes a group).
    assert every_time == 4 + 1 + 4
    assert once == 2 + 4


@pytest.mark.django_db
@pytest.mark.parametrize("render", [render_world, render_tricky])
def test_the_minutes_are_the_same_bytes_when_drawn_every_time(world, render):
    once = render(world)
    with mock.patch("minutes.publication.pdf_svg.svg_drawn_once", contextlib.nullcontext):
        every_time = render(world)
    assert once == every_time


@pytest.mark.django_db
def test_the_minutes_draw_their_qr_code_once(world):
    from minutes.publication.pdf import render_minutes_pdf

    snapshot = world_snapshot(world)
    counting = mock.patch.object(
        weasyprint_svg.SVG, "draw", autospec=True, side_effect=weasyprint_svg.SVG.draw
    )
    with counting as counter:
        data = render_minutes_pdf(snapshot, verify_url="https://media.rasht.ir/verify/X/")
    assert len(PdfReader(io.BytesIO(data)).pages) >= 2  # a footer on each page
    assert counter.call_count == 1


def test_it_is_in_place_only_inside_the_context():
    original = weasyprint_images.SVGImage.draw
    with pdf_svg.svg_drawn_once():
        assert weasyprint_images.SVGImage.draw is pdf_svg._draw
        with pdf_svg.svg_drawn_once():
            assert weasyprint_images.SVGImage.draw is pdf_svg._draw
        assert weasyprint_images.SVGImage.draw is pdf_svg._draw
    assert weasyprint_images.SVGImage.draw is original


def test_another_thread_draws_every_time():
    results = []
    with pdf_svg.svg_drawn_once():
        thread = threading.Thread(target=lambda: results.append(drawn(html(2), once=False)))
        thread.start()
        thread.join()
    ((calls, _),) = results
    assert calls == 2 + 1 + 2


def test_under_another_weasyprint_version_nothing_is_patched(monkeypatch, caplog):
    monkeypatch.setattr(weasyprint, "__version__", "71.0")
    original = weasyprint_images.SVGImage.draw
    with pdf_svg.svg_drawn_once():
        assert weasyprint_images.SVGImage.draw is original
    assert "not applied" in caplog.text
